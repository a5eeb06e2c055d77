"""The chair's view of Beoordelen: the commission with each member's progress, and the actions around it.

Adding members and recording a confidentiality declaration and the conflict statement later, Toewijzen (who checks
the requirements, whether the chair scores too), a work package for the selected member (only for one who signed both
declarations), return files in (several, any order), reopening handed-in work (with a reason), declaring a conflict of
interest, and "Beoordelen als…" for a member scoring on this computer: with the member's own PIN (and the chair's
chosen first, with which the computer comes back here), and PIN wissen… for a forgotten or locked one. Progress is
counted; no score is shown here.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.changes import Changes
from beoordelaar.core.commission.api import AssignmentSummary, clear_member_pin, pin_status, remove_assessor
from beoordelaar.core.database import Database
from beoordelaar.core.errors import UserError
from beoordelaar.core.exchange.api import (
    KeyConfirmationNeeded,
    MemberProgress,
    commission_progress,
    export_package,
    forget_laptop_key,
    import_return_file,
)
from beoordelaar.core.registrations.api import list_registrations
from beoordelaar.core.rounds.api import Role, RoundSummary
from beoordelaar.core.scoring.api import reopen
from beoordelaar.ui.commission.assign_dialog import AssignDialog
from beoordelaar.ui.commission.change_checks_dialog import ChangeChecksDialog, change_text
from beoordelaar.ui.commission.commission_model import WARNING_COLOUR, CommissionModel, MemberColumn
from beoordelaar.ui.commission.conflict_dialog import ConflictDialog, ConflictStatementDialog
from beoordelaar.ui.commission.exchange_files import (
    RETURN_FILTER,
    choose_save_path,
    exchange_folder,
    package_file_name,
    remember_folder,
)
from beoordelaar.ui.commission.member_dialogs import AddMemberDialog, DeclarationDialog, EditMemberDialog
from beoordelaar.ui.commission.pin_dialogs import chair_first_texts, member_texts, prove_member
from beoordelaar.ui.commission.sheet_import_dialog import SheetImportDialog
from beoordelaar.ui.common.background import ActionRunner, Progress, ask, runner_for, show_refusal
from beoordelaar.ui.common.secrets_dialog import Field, ask_secrets
from beoordelaar.ui.common.status_colours import readable_name
from beoordelaar.ui.common.table_model import ROW_ROLE, RowSortProxy
from beoordelaar.ui.common.widgets import page_title, record_table, select_source_row

TITLE = "Beoordelen"
FILE_STEPS = 1000  # progress steps per return file in a batch
Merged = tuple[str, bool, str | None]  # a return file's line, whether it was taken, whose key awaits confirmation
INTRO = (
    "Elke beoordelaar scoort eerst alleen, met een motivering bij elke score. Wie offline werkt, krijgt een "
    "werkpakket en levert een retourbestand in; wie hier op deze computer scoort, kiest <b>Beoordelen als…</b>. "
    "U ziet hier alleen de voortgang, geen scores."
)
NO_MEMBERS = (
    "Ronde {round} heeft nog geen commissie. Voeg de leden toe met <b>Lid toevoegen…</b>: de voorzitter en de "
    "beoordelaars, elk met de getekende geheimhoudingsverklaring."
)
UNDECLARED = (
    "{name} heeft de geheimhoudingsverklaring nog niet getekend. Een werkpakket bevat de inschrijvingen en hun "
    "documenten; dat krijgt alleen wie geheimhouding heeft verklaard. Er is geen werkpakket gemaakt.\n\n"
    "Is de verklaring getekend, leg dat dan eerst vast met Geheimhouding vastleggen…"
)
NO_CHAIR = (
    "Beoordelen als… vraagt een voorzitter in de commissie: alleen met de PIN van de voorzitter komt deze computer "
    "daarna terug op deze pagina's. Voeg de voorzitter toe met Lid toevoegen… (rol Voorzitter)."
)


class CommissionPage(QWidget):
    score_as = Signal(object)  # a member proved with their PIN to score on this computer (a MemberProof)

    def __init__(self, database: Database, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commission-page")
        self._database = database
        self._actor = actor
        self._round: RoundSummary | None = None

        self.title = page_title(TITLE)
        self.intro = QLabel(INTRO)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.RichText)
        self.model = CommissionModel(self)
        self.proxy = RowSortProxy(parent=self, keep_ties=True)
        self.proxy.setSourceModel(self.model)
        self.view = record_table(
            self.proxy, "Commissie", object_name="commission-table", stretch=MemberColumn.CONFLICTS, sort_by=-1
        )

        self.add_button = QPushButton("&Lid toevoegen…")
        self.add_button.setToolTip("Een beoordelaar of de voorzitter aan de commissie toevoegen")
        self.edit_button = QPushButton("Lid wij&zigen…")
        self.edit_button.setToolTip("De naam, organisatie of het e-mailadres van het gekozen lid verbeteren")
        self.remove_button = QPushButton("Lid verwij&deren…")
        self.remove_button.setToolTip(
            "Het gekozen lid uit de commissie halen; kan alleen zolang het lid geen werk heeft"
        )
        self.declare_button = QPushButton("Geheimhouding &vastleggen…")
        self.declare_button.setToolTip("Vastleggen dat het gekozen lid de geheimhoudingsverklaring heeft getekend")
        self.assign_button = QPushButton("&Toewijzen…")
        self.assign_button.setToolTip(
            "Elke beoordelaar krijgt elk criterium van het plan van aanpak van elke inschrijving, behalve bij een "
            "belangenverstrengeling; u kiest wie de eisen toetst en of de voorzitter meescoort. "
            "Wat al is toegewezen, blijft."
        )
        self.change_checks_button = QPushButton("T&oetsingen wijzigen…")
        self.change_checks_button.setToolTip(
            "De toetsingen van het gekozen lid intrekken of aan een ander lid overdragen, zolang er geen werk op is "
            "gedaan"
        )
        self.sheet_button = QPushButton("S&preadsheet inlezen…")
        self.sheet_button.setToolTip("Toetsingen of scores van de commissie uit één spreadsheet (csv of xlsx)")
        self.package_button = QPushButton("&Werkpakket maken…")
        self.package_button.setToolTip("Het werkpakket van het gekozen lid, om offline op de eigen laptop te werken")
        self.returns_button = QPushButton("&Retourbestanden inlezen…")
        self.returns_button.setToolTip("Eén of meer retourbestanden, in elke volgorde; hetzelfde bestand twee keer kan")
        self.reopen_button = QPushButton("&Heropenen…")
        self.reopen_button.setToolTip("Ingeleverd werk van het gekozen lid weer wijzigbaar maken (nieuwe revisie)")
        self.forget_key_button = QPushButton("Sleutel vergeten…")
        self.forget_key_button.setToolTip(
            "De bevestigde sleutel van de laptop van het gekozen lid vergeten (laptop kwijt of vervangen); het "
            "volgende retourbestand wordt weer met de vingerafdruk bevestigd"
        )
        self.statement_button = QPushButton("Belangen ver&klaren…")
        self.statement_button.setToolTip(
            "Vastleggen wat het gekozen lid verklaart over belangenverstrengeling: geen, of bij welke inschrijvingen"
        )
        self.conflict_button = QPushButton("&Belangenverstrengeling…")
        self.conflict_button.setToolTip("Een gemelde belangenverstrengeling van een lid vastleggen")
        self.score_as_button = QPushButton("Beoordelen &als…")
        self.score_as_button.setToolTip("Op deze computer scoren als een lid van de commissie, met de eigen PIN")
        self.clear_pin_button = QPushButton("PIN &wissen…")
        self.clear_pin_button.setToolTip("De vergeten of geblokkeerde PIN van het gekozen lid wissen (met een reden)")
        buttons = QVBoxLayout()  # beside the table: the page stays usable in a narrow window
        members = (self.add_button, self.edit_button, self.remove_button, self.declare_button, self.statement_button,
                   self.conflict_button)  # fmt: skip
        for button in members:
            buttons.addWidget(button)
        buttons.addSpacing(16)
        exchange = (self.assign_button, self.change_checks_button, self.sheet_button, self.package_button,
                    self.returns_button, self.reopen_button,
                    self.forget_key_button)  # fmt: skip
        for button in exchange:
            buttons.addWidget(button)
        buttons.addSpacing(16)
        buttons.addWidget(self.score_as_button)
        buttons.addWidget(self.clear_pin_button)
        buttons.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        body.addLayout(buttons)

        self.feedback = QLabel()
        self.feedback.setObjectName("commission-feedback")
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.RichText)
        self.feedback.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(body, 1)
        layout.addWidget(self.feedback)

        self.add_button.clicked.connect(self.add_member)
        self.edit_button.clicked.connect(lambda: self.edit_member())
        self.remove_button.clicked.connect(self.remove_member)
        self.declare_button.clicked.connect(self.declare_confidentiality)
        self.assign_button.clicked.connect(self.assign)
        self.change_checks_button.clicked.connect(self.change_checks)
        self.sheet_button.clicked.connect(self.import_sheet)
        self.package_button.clicked.connect(lambda: self.make_package())
        self.returns_button.clicked.connect(lambda: self.import_returns())
        self.reopen_button.clicked.connect(self.reopen_work)
        self.forget_key_button.clicked.connect(self.forget_key)
        self.conflict_button.clicked.connect(self.declare_conflict)
        self.statement_button.clicked.connect(self.declare_statement)
        self.score_as_button.clicked.connect(self.choose_scorer)
        self.clear_pin_button.clicked.connect(self.clear_pin)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # -- state --------------------------------------------------------------------------------------------------------

    def set_round(self, summary: RoundSummary | None) -> None:
        self._round = summary
        self.refresh()

    def apply_changes(self, changes: Changes) -> None:
        if changes.touches("commission", "scoring"):
            self.refresh()

    def refresh(self) -> None:
        selected = self.selected_member()
        rows = commission_progress(self._database.sessions, self._round.id) if self._round else []
        self.model.set_rows(rows)
        if self._round is not None and not rows:
            self.intro.setText(NO_MEMBERS.format(round=html.escape(self._round.name)))
        else:
            self.intro.setText(INTRO)
        names = [r.name for r in rows]
        if rows:
            first_with_work = next((i for i, r in enumerate(rows) if r.total), 0)
            row = names.index(selected.name) if selected and selected.name in names else first_with_work
            select_source_row(self.view, row)
        self._update_buttons()

    def members(self) -> list[MemberProgress]:
        return self.model.rows()

    def selected_member(self) -> MemberProgress | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def select_member(self, name: str) -> None:
        for position in range(self.proxy.rowCount()):
            if self.proxy.index(position, 0).data(ROW_ROLE).name == name:
                self.view.selectRow(position)
                return

    def _update_buttons(self) -> None:
        member = self.selected_member()
        has_round = self._round is not None
        self.add_button.setEnabled(has_round)
        self.edit_button.setEnabled(member is not None)
        self.remove_button.setEnabled(member is not None)
        self.declare_button.setEnabled(member is not None and member.confidentiality_declared_at is None)
        self.statement_button.setEnabled(member is not None and member.conflicts_declared_at is None)
        self.assign_button.setEnabled(has_round and bool(self.model.rowCount()))
        self.change_checks_button.setEnabled(has_round and self.model.rowCount() > 1)
        self.sheet_button.setEnabled(has_round and bool(self.model.rowCount()))
        self.package_button.setEnabled(member is not None and member.total > 0)
        self.returns_button.setEnabled(has_round)
        self.reopen_button.setEnabled(member is not None and member.handed_in)
        self.forget_key_button.setEnabled(member is not None and member.key_fingerprint is not None)
        self.conflict_button.setEnabled(has_round and bool(self.model.rowCount()))
        self.score_as_button.setEnabled(any(r.total for r in self.model.rows()))
        self.clear_pin_button.setEnabled(member is not None)

    def _say(self, text: str, warnings: Sequence[str] = ()) -> None:
        """text, and below it each warning (a registration below the framework's minimum of assessors) in red."""
        red = readable_name(WARNING_COLOUR)
        shown = "".join(f"<br><span style='color:{red}'><b>Let op:</b> {html.escape(w)}</span>" for w in warnings)
        self.feedback.setText(text + shown)

    # -- actions ------------------------------------------------------------------------------------------------------

    def add_member(self) -> AddMemberDialog | None:
        if self._round is None:
            return None
        dialog = AddMemberDialog(self._database, self._round.id, self._actor, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._member_added(dialog.added))
        dialog.open()
        return dialog

    def _member_added(self, name: str | None) -> None:
        if name is None:
            return
        self.select_member(name)
        member = self.selected_member()
        missing = member is not None and member.confidentiality_declared_at is None
        self._say(
            f"{html.escape(name)} is toegevoegd aan de commissie."
            + (
                f" <span style='color:{readable_name('#aa1e1e')}'>De geheimhoudingsverklaring ontbreekt nog.</span>"
                if missing
                else ""
            )
        )

    def edit_member(self) -> EditMemberDialog | None:
        member = self.selected_member()
        if self._round is None or member is None:
            return None
        dialog = EditMemberDialog(
            self._database, self._round.id, self._actor, member.name, member.organisation, member.email, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._member_edited(dialog.edited))
        dialog.open()
        return dialog

    def _member_edited(self, name: str | None) -> None:
        if name is None:
            return
        self.select_member(name)
        self._say(f"De gegevens van {html.escape(name)} zijn bijgewerkt.")

    def remove_member(self) -> None:
        member = self.selected_member()
        if self._round is None or member is None:
            return
        question = (
            f"{member.name} uit de commissie van ronde '{self._round.name}' verwijderen? De toewijzingen, "
            "belangenverstrengelingen en werkpakketten van dit lid gaan mee; de geschiedenis houdt vast dat het lid "
            "er was. Heeft het lid al werk (scores, toetsen, concepten of een retourbestand), dan kan het niet."
        )
        if not ask(self, "Lid verwijderen", question):
            return
        round_id, name = self._round.id, member.name
        if runner_for(self, self._database.sessions).perform(
            self, lambda: remove_assessor(self._database.sessions, round_id, name, actor=self._actor), title=TITLE
        ):
            self._say(f"{html.escape(name)} is uit de commissie verwijderd.")

    def declare_confidentiality(self) -> DeclarationDialog | None:
        member = self.selected_member()
        if self._round is None or member is None or member.confidentiality_declared_at is not None:
            return None
        dialog = DeclarationDialog(self._database, self._round.id, self._actor, member.name, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._declaration_recorded(member.name))
        dialog.open()
        return dialog

    def _declaration_recorded(self, name: str) -> None:
        self._say(f"De geheimhoudingsverklaring van {html.escape(name)} is vastgelegd.")

    def assign(self) -> AssignDialog | None:
        if self._round is None:
            return None
        dialog = AssignDialog(self._database, self._round.id, self._actor, self.model.rows(), self,
                              registrations=self._round.registrations)  # fmt: skip
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._assigned(dialog.summary))
        dialog.open()
        return dialog

    def _assigned(self, summary: AssignmentSummary | None) -> None:
        if summary is None:
            return
        if summary.created:
            self._say(
                f"{summary.created} taken toegewezen aan {summary.assessors} beoordelaars (in totaal {summary.total}).",
                summary.warnings,
            )
        else:
            self._say(f"Alles was al toegewezen ({summary.total} taken); er is niets veranderd.", summary.warnings)

    def change_checks(self) -> ChangeChecksDialog | None:
        if self._round is None:
            return None
        member = self.selected_member()
        dialog = ChangeChecksDialog(self._database, self._round.id, self._actor, self.model.rows(),
                                    member.name if member else None, self)  # fmt: skip
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: dialog.change and self._say(html.escape(change_text(dialog.member.currentText(), dialog.change)))
        )
        dialog.open()
        return dialog

    def import_sheet(self) -> SheetImportDialog | None:
        if self._round is None:
            return None
        dialog = SheetImportDialog(self._database, self._round.id, self._actor, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._say(html.escape(dialog.result_text)))
        dialog.open()
        return dialog

    def make_package(self, out: Path | None = None) -> Path | None:
        member = self.selected_member()
        if self._round is None or member is None:
            return None
        if member.confidentiality_declared_at is None:
            # Refused, not merely confirmed: the package carries the registrations and their documents (business
            # information of the providers). Once the file is handed over it cannot be called back, and a
            # confirmation is easily clicked away; a careful chair wants the signed declaration first (DOMAIN:
            # assessors are bound to confidentiality). Recording it is one button away.
            show_refusal(self, UNDECLARED.format(name=member.name), TITLE)
            return None
        if out is None:
            out = choose_save_path(self, "Werkpakket opslaan", package_file_name(self._round.name, member.name))
        if out is None:
            return None
        round_id, name, target = self._round.id, member.name, out
        summary = runner_for(self, self._database.sessions).run_long(
            self,
            f"Werkpakket voor {name} maken…",
            lambda _progress: export_package(
                self._database.sessions, self._database.documents, round_id, name, target, actor=self._actor
            ),
            title=TITLE,
            cancellable=False,
        )
        if summary is None:
            return None
        self._say(
            f"Werkpakket {summary.revision} voor {html.escape(summary.assessor)} geschreven naar "
            f"<b>{html.escape(str(summary.file))}</b>: {summary.registrations} inschrijvingen, "
            f"{summary.documents} documenten. Geef het bestand aan {html.escape(summary.assessor)}; "
            "het opent met <b>Bestand › Werkpakket openen…</b> en de code die u apart doorgaf."
        )
        QMessageBox.information(
            self,
            "Code van het werkpakket",
            f"<p>Het werkpakket is versleuteld. {html.escape(summary.assessor)} opent het alleen met deze code:</p>"
            f"<p style='font-size:16pt; font-family:monospace; white-space:nowrap'><b>{summary.code}</b></p>"
            "<p>Geef de code apart van het bestand door: telefonisch, persoonlijk of op papier, niet in dezelfde "
            "e-mail. Schrijf hem nu op: Beoordelaar bewaart hem niet. Kwijt? Maak dan een nieuw werkpakket.</p>",
        )
        return summary.file

    def import_returns(self, paths: list[Path] | None = None) -> list[str]:
        """Merge the chosen return files one by one; each file's result or refusal is listed in Dutch."""
        if self._round is None:
            return []
        if paths is None:
            chosen, _ = QFileDialog.getOpenFileNames(
                self, "Retourbestanden inlezen", str(exchange_folder()), RETURN_FILTER
            )
            paths = [Path(p) for p in chosen]
        if not paths:
            return []
        remember_folder(paths[0])
        files = list(paths)
        runner = runner_for(self, self._database.sessions)

        def job(progress: Progress) -> list[Merged]:
            """Each file a thousand steps, so that the bar moves while a large file's work is merged."""
            merged: list[Merged] = []
            whole = len(files) * FILE_STEPS
            for done, path in enumerate(files):

                def within(items_done: int, items: int, before: int = done * FILE_STEPS) -> None:
                    progress(before + (items_done * FILE_STEPS // items if items else 0), whole)

                progress(done * FILE_STEPS, whole)
                merged.append(self._merge(path, None, within))
            progress(whole, whole)
            return merged

        results = runner.run_long(self, "Retourbestanden inlezen…", job, title=TITLE)
        if results is None:
            return []
        lines = []
        for path, (text, ok, unconfirmed) in zip(files, results, strict=True):
            if unconfirmed is not None:
                text, ok = self._merge_with_fingerprint(runner, path, unconfirmed)
            lines.append((text, ok))
        items = "".join(
            f"<li>{html.escape(text)}</li>"
            if ok
            else f"<li style='color:{readable_name('#aa1e1e')}'>{html.escape(text)}</li>"
            for text, ok in lines
        )
        self._say(f"<b>Retourbestanden ingelezen:</b><ul style='margin-top:2px'>{items}</ul>")
        return [text for text, _ in lines]

    def _merge(self, path: Path, fingerprint: str | None, progress: Progress | None = None) -> Merged:
        """One file merged: its line, whether it was taken, and the member whose key awaits confirmation."""
        try:
            result = import_return_file(
                self._database.sessions, path, fingerprint=fingerprint, actor=self._actor, progress=progress
            )
        except KeyConfirmationNeeded as exc:
            return (f"{path.name}: {exc}", False, exc.assessor)
        except UserError as exc:
            return (f"{path.name}: geweigerd – {exc}", False, None)
        return (f"{path.name}: {result.summary}", True, None)

    def _merge_with_fingerprint(self, runner: ActionRunner, path: Path, assessor: str) -> tuple[str, bool]:
        """The first return file of a member: the chair types the fingerprint the member reads out (unless an earlier
        file in this batch confirmed the key already)."""
        again = runner.run_long(
            self, f"{path.name} inlezen…", lambda progress: self._merge(path, None, progress), title=TITLE,
            cancellable=False,
        )  # fmt: skip
        if again is None:
            return (f"{path.name}: niet ingelezen.", False)
        if again[2] is None:
            return again[0], again[1]
        typed = ask_secrets(
            self,
            "Sleutel van de laptop bevestigen",
            f"<p><b>{html.escape(path.name)}</b> is het eerste retourbestand van <b>{html.escape(assessor)}</b>. "
            "Het is ondertekend met de eigen sleutel van de laptop, die u nu eenmalig bevestigt. Bel "
            f"{html.escape(assessor)} of vraag het persoonlijk (niet per e-mail): de laptop toont de vingerafdruk "
            "na het maken van het retourbestand. Typ wat u hoort.</p><p>Daarna neemt Beoordelaar van "
            f"{html.escape(assessor)} alleen nog bestanden aan die met die sleutel zijn ondertekend.</p>",
            [Field("fingerprint", "&Vingerafdruk:", placeholder="XXXX-XXXX-XXXX-XXXX")],
            "Bevestigen en inlezen",
        )
        if typed is None:
            return (f"{path.name}: niet ingelezen – de sleutel van {assessor} is niet bevestigd.", False)
        merged = runner.run_long(
            self, f"{path.name} inlezen…", lambda progress: self._merge(path, typed["fingerprint"], progress),
            title=TITLE, cancellable=False,
        )  # fmt: skip
        if merged is None:
            return (f"{path.name}: niet ingelezen.", False)
        return merged[0], merged[1]

    def reopen_work(self) -> None:
        member = self.selected_member()
        if self._round is None or member is None or not member.handed_in:
            return
        reason, ok = QInputDialog.getMultiLineText(
            self,
            "Heropenen",
            f"Het ingeleverde werk van {member.name} heropenen? Het wordt weer wijzigbaar, als revisie "
            f"{member.work_revision + 1}. Werkt {member.name} offline, maak daarna een nieuw werkpakket.\n\n"
            f"Reden (verplicht; {member.name} ziet die, en hij staat in de geschiedenis):",
        )
        if not ok:
            return
        round_id = self._round.id
        revision = runner_for(self, self._database.sessions).run(
            self,
            lambda: reopen(self._database.sessions, round_id, member.name, reason=reason, actor=self._actor),
            title=TITLE,
        )
        if revision is not None:
            self._say(f"Het werk van {html.escape(member.name)} is heropend (revisie {revision}).")

    def forget_key(self) -> None:
        member = self.selected_member()
        if self._round is None or member is None or member.key_fingerprint is None:
            return
        reason, ok = QInputDialog.getMultiLineText(
            self,
            "Sleutel vergeten",
            f"De sleutel van de laptop van {member.name} (vingerafdruk {member.key_fingerprint}) vergeten? Doe dit "
            f"alleen als die laptop kwijt, gestolen of vervangen is. Het volgende retourbestand van {member.name} "
            "wordt weer pas aangenomen met de vingerafdruk die het lid voorleest; ingeleverd werk blijft vastliggen."
            "\n\nReden (verplicht; staat in de geschiedenis):",
        )
        if not ok:
            return
        round_id, name = self._round.id, member.name
        forgotten = runner_for(self, self._database.sessions).run(
            self,
            lambda: forget_laptop_key(self._database.sessions, round_id, name, reason=reason, actor=self._actor),
            title=TITLE,
        )
        if forgotten is not None:
            self._say(f"De sleutel van {html.escape(name)} ({forgotten}) is vergeten.")

    def declare_conflict(self) -> ConflictDialog | None:
        if self._round is None:
            return None
        member = self.selected_member()
        dialog = ConflictDialog(
            self._database, self._round.id, self._actor, [r.name for r in self.model.rows()],
            list_registrations(self._database.sessions, self._round.id), member.name if member else None, self,
        )  # fmt: skip
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._conflict_recorded(dialog.warnings))
        dialog.open()
        return dialog

    def declare_statement(self) -> ConflictStatementDialog | None:
        member = self.selected_member()
        if self._round is None or member is None or member.conflicts_declared_at is not None:
            return None
        dialog = ConflictStatementDialog(
            self._database, self._round.id, self._actor, member.name,
            list_registrations(self._database.sessions, self._round.id), self,
        )  # fmt: skip
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self._say(f"De verklaring van {html.escape(member.name)} is vastgelegd.", dialog.warnings)
        )
        dialog.open()
        return dialog

    def _conflict_recorded(self, warnings: tuple[str, ...]) -> None:
        self._say("De belangenverstrengeling is vastgelegd; de toewijzing bij die inschrijving is vervallen.", warnings)

    def choose_scorer(self) -> None:
        """Who scores here: chosen, then the chair's own PIN chosen first if the chair has none (it brings this
        computer back to the chair's pages), then the member's PIN (or a new one); score_as once it is taken."""
        names = [r.name for r in self.model.rows() if r.total]
        if self._round is None or not names:
            return
        member = self.selected_member()
        current = names.index(member.name) if member and member.name in names else 0
        name, ok = QInputDialog.getItem(
            self, "Beoordelen als…", "Wie gaat er beoordelen? Daarna vraagt het programma de eigen PIN.", names,
            current, False,
        )  # fmt: skip
        if not (ok and name):
            return
        chair = next((r.name for r in self.model.rows() if r.role is Role.CHAIR), None)
        if chair is None:
            show_refusal(self, NO_CHAIR, TITLE)
            return
        database, round_id = self._database, self._round.id

        def member_signs_in() -> None:
            prove_member(self, database, round_id, self._actor, name, member_texts(name), self.score_as.emit)

        if chair != name and not pin_status(database.sessions, round_id, chair).has_pin:
            prove_member(self, database, round_id, self._actor, chair, chair_first_texts(chair),
                         lambda _proof: member_signs_in())  # fmt: skip
        else:
            member_signs_in()

    def clear_pin(self) -> None:
        member = self.selected_member()
        if self._round is None or member is None:
            return
        reason, ok = QInputDialog.getMultiLineText(
            self,
            "PIN wissen",
            f"De PIN van {member.name} wissen? Daarna kiest {member.name} bij Beoordelen als… een nieuwe.\n\n"
            "Reden (verplicht; hij staat in de geschiedenis):",
        )
        if not ok:
            return
        round_id = self._round.id
        if runner_for(self, self._database.sessions).perform(
            self,
            lambda: clear_member_pin(self._database.sessions, round_id, member.name, reason=reason, actor=self._actor),
            title=TITLE,
        ):
            name = html.escape(member.name)
            self._say(f"De PIN van {name} is gewist; {name} kiest een nieuwe bij <b>Beoordelen als…</b>")
