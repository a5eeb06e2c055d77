"""The Beoordelen phase: the chair's commission page, or an assessor's own work.

Which one shows follows from the database: a round opened from a work package is that assessor's laptop (their
worklist, the scoring screen, Inleveren with the return file); at the chair the commission page shows, from where a
member can score on this computer ("Beoordelen als…", with their own PIN) under the same blindness rules. Member mode
lasts until the chair's own PIN is typed (stop_member_mode); meanwhile the main window offers nothing of the chair's,
and a restart in member mode (a crash, a killed app) comes back locked (resume_member_mode).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.changes import Changes
from beoordelaar.core.commission.api import MemberProof, list_assessors
from beoordelaar.core.database import Database
from beoordelaar.core.exchange.api import laptop_assessor, laptop_declaration, write_return
from beoordelaar.core.rounds.api import Role, RoundSummary
from beoordelaar.core.scoring.api import CriterionWork, Worklist, hand_in, work_by_criterion, worklist
from beoordelaar.core.text import local_moment_text
from beoordelaar.ui.commission.commission_page import CommissionPage
from beoordelaar.ui.commission.exchange_files import choose_save_path, return_file_name
from beoordelaar.ui.commission.pin_dialogs import chair_return_texts, member_texts, prove_member
from beoordelaar.ui.common.background import runner_for
from beoordelaar.ui.common.page import PageContext
from beoordelaar.ui.common.secrets_dialog import Field, ask_secrets
from beoordelaar.ui.common.table_model import ROW_ROLE, RowSortProxy
from beoordelaar.ui.common.widgets import MessagePage, page_title, record_table, select_source_row
from beoordelaar.ui.scoring.own_declaration import declaration_banner, show_declaration
from beoordelaar.ui.scoring.scoring_choices import by_criterion, remember_by_criterion
from beoordelaar.ui.scoring.scoring_screen import ScoringScreen, banner
from beoordelaar.ui.scoring.worklist_model import (
    CriterionColumn,
    CriterionWorkModel,
    WorkColumn,
    WorklistModel,
    progress_text,
)

TITLE = "Beoordelen"
RESUMED = (
    "<p>Deze computer was in gebruik voor <b>Beoordelen als {name}</b> toen het programma stopte. Het werk is "
    "bewaard.</p><p>{name} gaat verder met de eigen PIN; terug naar de pagina's van de voorzitter gaat met de PIN "
    "van de voorzitter.</p>"
)


class Mode(Enum):
    LAPTOP = "laptop"  # this database is the assessor's laptop, opened from a work package
    SHARED = "shared"  # the chair's database; a member scores here


class AssessorWork(QWidget):
    """One assessor's worklist and the scoring screen, with Inleveren. The worklist goes by registration or by
    criterion (one criterion across every registration), the assessor's choice, remembered on this computer."""

    back_to_commission = Signal()

    def __init__(self, database: Database, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assessor-work")
        self._database = database
        self._actor = actor
        self._round_id: int | None = None
        self._assessor = ""
        self._mode = Mode.LAPTOP
        self._work: Worklist | None = None

        self.title = page_title("Mijn beoordelingen")
        self.mode_label = banner("", colour="#e8f0fe", border="#7a9cd6")
        self.mode_label.setObjectName("mode-banner")
        self.declaration_label = declaration_banner()
        self.locked_label = banner("")
        self.locked_label.setObjectName("handed-in-banner")
        self.reopened_label = banner("", colour="#e8f0fe", border="#7a9cd6")
        self.reopened_label.setObjectName("reopened-banner")
        self.undeclared_label = banner("", colour="#fde8e8", border="#aa1e1e")
        self.undeclared_label.setObjectName("undeclared-banner")
        self.progress_label = QLabel()
        self.progress_label.setObjectName("worklist-progress")
        font = self.progress_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.progress_label.setFont(font)
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumHeight(12)

        self.model = WorklistModel(self)
        self.proxy = RowSortProxy(parent=self, keep_ties=True)
        self.proxy.setSourceModel(self.model)
        self.view = record_table(
            self.proxy, "Werklijst", object_name="worklist", stretch=WorkColumn.REGISTRATION,
            sort_by=WorkColumn.REGISTRATION,
        )  # fmt: skip
        self.view.activated.connect(self._open_index)
        self.criterion_model = CriterionWorkModel(self)
        self.criterion_proxy = RowSortProxy(parent=self, keep_ties=True)
        self.criterion_proxy.setSourceModel(self.criterion_model)
        self.criterion_view = record_table(
            self.criterion_proxy, "Werklijst per criterium", object_name="criterion-worklist",
            stretch=CriterionColumn.CRITERION, sort_by=CriterionColumn.CRITERION,
        )  # fmt: skip
        self.criterion_view.activated.connect(lambda index: self.open_criterion(index.data(ROW_ROLE).code))
        self.lists = QStackedWidget()
        self.lists.addWidget(self.view)
        self.lists.addWidget(self.criterion_view)
        self.by_registration_button = QRadioButton("Per i&nschrijving")
        self.by_registration_button.setToolTip("Alle criteria van één inschrijving, daarna de volgende inschrijving")
        self.by_criterion_button = QRadioButton("Per cri&terium")
        self.by_criterion_button.setToolTip(
            "Eén criterium bij alle inschrijvingen na elkaar, daarna het volgende criterium: zo blijft uw maatstaf "
            "tussen de plannen gelijk (onthouden op deze computer)"
        )
        self.by_criterion_button.setChecked(by_criterion())
        self.by_registration_button.setChecked(not by_criterion())
        self.by_criterion_button.toggled.connect(self._set_by_criterion)
        way = QHBoxLayout()
        way.addWidget(QLabel("Werken:"))
        way.addWidget(self.by_registration_button)
        way.addWidget(self.by_criterion_button)
        way.addStretch(1)

        self.score_button = QPushButton("&Beoordelen")
        self.score_button.setToolTip("De gekozen inschrijving beoordelen (Enter)")
        self.score_button.setDefault(True)
        self.hand_in_button = QPushButton("&Inleveren…")
        self.hand_in_button.setToolTip("Alles toegewezen is beoordeeld: het werk vergrendelen en inleveren")
        self.return_button = QPushButton("&Retourbestand maken…")
        self.return_button.setToolTip("Het retourbestand voor de voorzitter (opnieuw) maken")
        self.leave_button = QPushButton("&Stoppen met beoordelen…")
        self.leave_button.setToolTip("Terug naar de pagina's van de voorzitter, met de PIN van de voorzitter")
        self.score_button.clicked.connect(self._open_selected)
        self.hand_in_button.clicked.connect(lambda: self.hand_in_work())
        self.return_button.clicked.connect(lambda: self.make_return_file())
        self.leave_button.clicked.connect(self.leave)
        buttons = QHBoxLayout()
        buttons.addWidget(self.score_button)
        buttons.addStretch(1)
        buttons.addWidget(self.return_button)
        buttons.addWidget(self.hand_in_button)
        buttons.addWidget(self.leave_button)
        self.feedback = QLabel()
        self.feedback.setObjectName("work-feedback")
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.RichText)
        self.feedback.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.list_page = QWidget()
        layout = QVBoxLayout(self.list_page)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.mode_label)
        layout.addWidget(self.declaration_label)
        layout.addWidget(self.locked_label)
        layout.addWidget(self.reopened_label)
        layout.addWidget(self.undeclared_label)
        progress = QHBoxLayout()
        progress.addWidget(self.progress_label)
        progress.addWidget(self.progress_bar, 1)
        layout.addLayout(progress)
        layout.addLayout(way)
        layout.addWidget(self.lists, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.feedback)

        self.screen = ScoringScreen(database, actor)
        self.screen.back_requested.connect(self.show_list)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_page)
        self.stack.addWidget(self.screen)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    # -- state --------------------------------------------------------------------------------------------------------

    @property
    def assessor(self) -> str:
        return self._assessor

    @property
    def mode(self) -> Mode:
        return self._mode

    @property
    def round_id(self) -> int | None:
        return self._round_id

    @property
    def work(self) -> Worklist | None:
        return self._work

    @property
    def by_criterion(self) -> bool:
        return self.by_criterion_button.isChecked()

    def _set_by_criterion(self, on: bool) -> None:
        remember_by_criterion(on)
        self.lists.setCurrentWidget(self.criterion_view if on else self.view)
        self.refresh()
        self.lists.currentWidget().setFocus()

    def set_work(self, round_id: int, assessor: str, mode: Mode) -> None:
        self.screen.flush()
        changed = (round_id, assessor, mode) != (self._round_id, self._assessor, self._mode)
        self._round_id, self._assessor, self._mode = round_id, assessor, mode
        # On a shared laptop the member acts, not the account the app was started with.
        self.screen.set_actor(assessor if mode is Mode.SHARED else self._actor)
        if changed:
            self.feedback.setText("")
            self.stack.setCurrentWidget(self.list_page)
        self.refresh()
        if changed and mode is Mode.LAPTOP:
            self._resume_work()

    def _resume_work(self) -> None:
        """A package just opened, or the app restarted on the laptop: straight on at the first registration with
        work left (its first open card takes the focus once shown); handed-in or finished work shows the list."""
        work = self._work
        if work is None or work.submitted_at is not None or work.undeclared is not None:
            return
        if self.by_criterion:
            code = next((c.code for c in self._criteria() if not c.complete), None)
            if code is not None:
                self.open_criterion(code)
            return
        ref = next((r.ref for r in work.rows if r.done < r.total), None)
        if ref is not None:
            self.open_registration(ref)

    def _criteria(self) -> list[CriterionWork]:
        if self._round_id is None:
            return []
        return work_by_criterion(self._database.sessions, self._round_id, self._assessor)

    def refresh(self) -> None:
        """The worklist as it stands; not while the scoring screen covers it (every save would reload it unseen):
        show_list refreshes it on the way back."""
        if self._round_id is None or self.stack.currentWidget() is self.screen:
            return
        selected, selected_code = self.selected_ref(), self.selected_criterion()
        work = worklist(self._database.sessions, self._round_id, self._assessor)
        self._work = work
        self.model.set_rows(work.rows)
        self.lists.setCurrentWidget(self.criterion_view if self.by_criterion else self.view)
        criteria = self._criteria() if self.by_criterion else []
        self.criterion_model.set_rows(criteria)
        codes = [c.code for c in criteria]
        if codes:
            select_source_row(self.criterion_view, codes.index(selected_code) if selected_code in codes else 0)
        name = html.escape(self._assessor)
        if self._mode is Mode.LAPTOP:
            self.title.setText(f"Mijn beoordelingen – {self._assessor}")
            self.mode_label.setText(
                f"Dit is de laptop van <b>{name}</b> voor ronde <b>{html.escape(work.round_name)}</b>. Uw werk wordt "
                "steeds vanzelf opgeslagen. Is alles beoordeeld, kies dan <b>Inleveren…</b> en stuur het "
                "retourbestand naar de voorzitter."
            )
        else:
            self.title.setText(f"Beoordelen als {self._assessor}")
            self.mode_label.setText(
                f"U beoordeelt als <b>{name}</b> op deze computer. U ziet alleen uw eigen scores; die van de andere "
                "beoordelaars pas bij een inschrijving waarvan de voorzitter de consensusbespreking heeft geopend. "
                "Uw werk wordt steeds vanzelf opgeslagen. Klaar? Kies <b>Stoppen met beoordelen…</b>: terug gaat "
                "alleen met de PIN van de voorzitter."
            )
        own = laptop_declaration(self._database.sessions, self._round_id) if self._mode is Mode.LAPTOP else None
        show_declaration(self.declaration_label, own)
        locked = work.submitted_at is not None
        self.locked_label.setVisible(locked)
        if locked:
            extra = (
                " Is het retourbestand kwijt, maak het dan opnieuw met <b>Retourbestand maken…</b>."
                if self._mode is Mode.LAPTOP
                else ""
            )
            handed_in = local_moment_text(work.submitted_at)
            self.locked_label.setText(
                f"<b>Ingeleverd op {handed_in}.</b> Het werk is vergrendeld: u kunt het lezen, "
                f"niet meer wijzigen. Alleen de voorzitter kan het heropenen.{extra}"
            )
        # Why the chair reopened the work: the package carried the reason to this laptop.
        self.reopened_label.setVisible(not locked and bool(work.reopen_reason))
        if work.reopen_reason:
            self.reopened_label.setText(
                f"<b>De voorzitter heeft het werk heropend</b> (revisie {work.work_revision}, "
                f"{local_moment_text(work.reopened_at)}). Reden: {html.escape(work.reopen_reason)}"
            )
        self.undeclared_label.setVisible(work.undeclared is not None)
        if work.undeclared is not None:
            self.undeclared_label.setText(
                f"<b>Nog niet beoordelen:</b> {html.escape(work.undeclared)}. De voorzitter legt dat vast"
                + ("; daarna krijgt u een nieuw werkpakket." if self._mode is Mode.LAPTOP else ".")
            )
        self.progress_label.setText(progress_text(work.done, work.total))
        self.progress_bar.setMaximum(max(work.total, 1))
        self.progress_bar.setValue(work.done)
        self.hand_in_button.setEnabled(not locked and bool(work.rows) and work.undeclared is None)
        self.return_button.setVisible(self._mode is Mode.LAPTOP)
        self.return_button.setEnabled(locked)
        self.leave_button.setVisible(self._mode is Mode.SHARED)
        self.score_button.setEnabled(bool(work.rows))
        refs = [r.ref for r in work.rows]
        if refs:
            select_source_row(self.view, refs.index(selected) if selected in refs else 0)

    def selected_ref(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE).ref if rows else None

    def selected_criterion(self) -> str | None:
        rows = self.criterion_view.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE).code if rows else None

    # -- navigation ---------------------------------------------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        self.open_registration(index.data(ROW_ROLE).ref)

    def _open_selected(self) -> None:
        code = self.selected_criterion() if self.by_criterion else None
        if code is not None:
            self.open_criterion(code)
        else:
            self.open_registration()

    def open_criterion(self, code: str, ref: str | None = None) -> None:
        """Scoring by criterion: this criterion at each registration in turn, from the first still open (or ref)."""
        if self._round_id is None:
            return
        self.screen.open(self._round_id, self._assessor, ref, criterion=code)
        self.stack.setCurrentWidget(self.screen)
        self.screen.focus_work()

    def open_registration(self, ref: str | None = None) -> None:
        if self._round_id is None:
            return
        ref = ref or self.selected_ref()
        self.screen.open(self._round_id, self._assessor, ref)
        self.stack.setCurrentWidget(self.screen)
        self.screen.focus_work()

    def show_list(self) -> None:
        self.screen.flush()
        ref = self.screen.registration.ref if self.screen.registration else None
        criterion = self.screen.criterion
        self.stack.setCurrentWidget(self.list_page)
        self.refresh()
        if ref is not None:
            for position in range(self.proxy.rowCount()):
                if self.proxy.index(position, 0).data(ROW_ROLE).ref == ref:
                    self.view.selectRow(position)
        if criterion is not None:
            for position in range(self.criterion_proxy.rowCount()):
                if self.criterion_proxy.index(position, 0).data(ROW_ROLE).code == criterion.code:
                    self.criterion_view.selectRow(position)
        self.lists.currentWidget().setFocus()

    def leave(self) -> None:
        self.screen.flush()
        self.back_to_commission.emit()

    def flush(self) -> None:
        self.screen.flush()

    # -- handing in ---------------------------------------------------------------------------------------------------

    def hand_in_work(self) -> bool:
        """Inleveren: refused with the list of what is missing; then locked, and on a laptop the return file."""
        if self._round_id is None:
            return False
        self.screen.flush()
        answer = QMessageBox.question(
            self,
            TITLE,
            "Het werk inleveren? Daarna kunt u niets meer wijzigen, tenzij de voorzitter het heropent.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        round_id, assessor, actor = self._round_id, self._assessor, self.screen_actor()
        done = runner_for(self, self._database.sessions).perform(
            self, lambda: hand_in(self._database.sessions, round_id, assessor, actor=actor), title=TITLE
        )
        if not done:
            self.refresh()
            return False
        self.show_list()
        if self._mode is Mode.LAPTOP:
            self.feedback.setText("Het werk is ingeleverd. Kies nu waar het retourbestand komt.")
            self.make_return_file()
        else:
            self.feedback.setText("Het werk is ingeleverd; de voorzitter ziet het meteen.")
        return True

    def screen_actor(self) -> str:
        return self._assessor if self._mode is Mode.SHARED else self._actor

    def make_return_file(self) -> bool:
        if self._round_id is None or self._work is None:
            return False
        out = choose_save_path(self, "Retourbestand opslaan", return_file_name(self._work.round_name, self._assessor))
        if out is None:
            self.feedback.setText(
                "Het werk is ingeleverd, maar er is nog geen retourbestand gemaakt. "
                "Kies <b>Retourbestand maken…</b> als u zover bent."
            )
            return False
        typed = ask_secrets(
            self,
            "Retourbestand ondertekenen",
            "<p>Het retourbestand wordt ondertekend met de sleutel van deze laptop. Typ het wachtwoord dat u koos "
            "toen u het eerste werkpakket opende.</p>",
            [Field("passphrase", "&Wachtwoord:", hidden=True)],
            "Ondertekenen",
        )
        if typed is None:
            return False
        round_id, passphrase = self._round_id, typed["passphrase"]
        summary = runner_for(self, self._database.sessions).run_long(
            self,
            "Retourbestand maken…",
            lambda _progress: write_return(self._database.sessions, round_id, out, passphrase, actor=self._actor),
            title=TITLE,
            cancellable=False,
        )
        if summary is None:
            return False
        self.feedback.setText(
            f"Retourbestand geschreven naar <b>{html.escape(str(summary.file))}</b>: {summary.scores} scores en "
            f"{summary.checks} toetsingen. Stuur dit bestand naar de voorzitter. Bij uw eerste retourbestand vraagt "
            f"de voorzitter de vingerafdruk van uw sleutel: <b>{summary.fingerprint}</b> (lees die telefonisch of "
            "persoonlijk voor, niet per e-mail)."
        )
        return True


class ScoringPage(QWidget):
    """The page of the Beoordelen phase."""

    member_mode_changed = Signal(object)  # the name of the member who scores on this computer now, or None

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoring-page")
        self._context = context
        self._round: RoundSummary | None = None
        self._member: MemberProof | None = None  # the member's PIN taken: their work shows
        self._member_name: str | None = None  # member mode (also while locked after a restart)
        self.empty = MessagePage(TITLE, "<p>Kies eerst een ronde, of open een werkpakket met "
                                        "<b>Bestand › Werkpakket openen…</b>.</p>")  # fmt: skip
        self.commission = CommissionPage(context.database, context.actor)
        self.work = AssessorWork(context.database, context.actor)
        self.locked = MessagePage(TITLE, "")
        self.locked.setObjectName("member-mode-locked")
        self.resume_button = self.locked.add_button(QPushButton("&Verder beoordelen…"))
        self.stop_button = self.locked.add_button(QPushButton("&Stoppen met beoordelen…"))
        self.resume_button.clicked.connect(self._resume_with_pin)
        self.stop_button.clicked.connect(lambda: self.stop_member_mode())
        self.stack = QStackedWidget()
        for page in (self.empty, self.commission, self.work, self.locked):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.commission.score_as.connect(self.score_as)
        self.work.back_to_commission.connect(self.stop_member_mode)

    @property
    def current_round(self) -> RoundSummary | None:
        return self._round

    @property
    def member(self) -> MemberProof | None:
        """Who scores on this computer now (proved by their PIN), or None on the chair's pages."""
        return self._member

    def set_round(self, summary: RoundSummary | None) -> None:
        self.work.flush()
        same = summary is not None and self._round is not None and summary.id == self._round.id
        self._round = summary
        if summary is None:
            self.stack.setCurrentWidget(self.empty)
            return
        owner = laptop_assessor(self._context.database.sessions, summary.id)
        if owner is not None:
            self.work.set_work(summary.id, owner, Mode.LAPTOP)
            self.stack.setCurrentWidget(self.work)
        elif same and self._member_name is not None:
            if self._member is not None:
                self.work.refresh()  # a member scoring here stays where they are
        else:
            self.commission.set_round(summary)
            self.stack.setCurrentWidget(self.commission)

    def score_as(self, proof: MemberProof) -> None:
        """Member mode: the work of the member whose PIN was taken (the proof), and nothing of the chair's."""
        if self._round is None or proof.round_id != self._round.id:
            return
        self._member, self._member_name = proof, proof.name
        self.work.set_work(self._round.id, proof.name, Mode.SHARED)
        self.stack.setCurrentWidget(self.work)
        self.member_mode_changed.emit(proof.name)
        self.work.lists.currentWidget().setFocus()

    def resume_member_mode(self, name: str) -> None:
        """The app restarted in member mode: locked, nothing shown, until name's PIN or the chair's is typed."""
        if self._round is None:
            return
        self._member, self._member_name = None, name
        self.locked.set_text(RESUMED.format(name=html.escape(name)))
        self.resume_button.setText(f"&Verder als {name}…")
        self.stack.setCurrentWidget(self.locked)
        self.member_mode_changed.emit(name)
        self.resume_button.setFocus()

    def _resume_with_pin(self) -> None:
        if self._round is not None and self._member_name is not None:
            name = self._member_name
            prove_member(self, self._context.database, self._round.id, self._context.actor, name, member_texts(name),
                         self.score_as)  # fmt: skip

    def stop_member_mode(self, then: Callable[[], object] | None = None) -> None:
        """Back to the chair's pages once the chair's own PIN is typed (or chosen, if the chair has none); then()
        after that. Cancelled: the member goes on."""
        if self._member_name is None or self._round is None:
            self.show_commission()
            return
        self.work.flush()
        round_id = self._round.id
        chair = next(
            (r.name for r in list_assessors(self._context.database.sessions, round_id) if r.role is Role.CHAIR), None
        )

        def back(_proof: MemberProof | None = None) -> None:
            self._member, self._member_name = None, None
            self.show_commission()
            self.member_mode_changed.emit(None)
            if then is not None:
                then()

        if chair is None:  # a round without a chair never enters member mode (the commission page refuses it)
            back()
            return
        prove_member(self, self._context.database, round_id, self._context.actor, chair, chair_return_texts(chair),
                     back)  # fmt: skip

    def show_commission(self) -> None:
        if self._round is not None:
            self.commission.set_round(self._round)
        self.stack.setCurrentWidget(self.commission)

    def apply_changes(self, changes: Changes) -> None:
        """Members, assignments, packages, return files and scores: the list shown now follows them."""
        if self._round is None or not changes.touches("commission", "scoring"):
            return
        if self.stack.currentWidget() is self.work:
            self.work.refresh()
        else:
            self.commission.apply_changes(changes)
