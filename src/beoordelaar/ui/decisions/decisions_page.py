"""The Besluiten page: the decisions of the round, their reasons, confirm or override, what still blocks the
letters, the document settings, a letter preview, making the letters (off the UI thread), and per letter its
recorded sending and the standstill that follows from it."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QItemSelection
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.changes import Changes
from beoordelaar.core.decisions.api import (
    Blocker,
    DecisionRow,
    DrawRow,
    LettersResult,
    PendingDrawRow,
    SendingRow,
    blockers_for,
    confirm_all,
    confirm_decision,
    draw_lots,
    letter_blockers,
    letter_sendings,
    list_decisions,
    make_letters,
    override_decision,
    pending_draws,
    preview_letter,
    propose_decisions,
    record_sending,
    start_award_stage,
)
from beoordelaar.core.rounds.api import Outcome, Procedure, RoundSummary
from beoordelaar.core.text import count_text
from beoordelaar.ui.common.background import ask, runner_for, show_refusal
from beoordelaar.ui.common.page import PageContext
from beoordelaar.ui.common.plain_text import plain
from beoordelaar.ui.common.table_model import ROW_ROLE
from beoordelaar.ui.common.widgets import page_title, record_table
from beoordelaar.ui.decisions.advantages_dialog import AdvantagesDialog
from beoordelaar.ui.decisions.award_stage_dialog import AwardStageDialog
from beoordelaar.ui.decisions.decisions_model import Column, DecisionsModel, DecisionsProxy
from beoordelaar.ui.decisions.document_settings_dialog import DocumentSettingsDialog
from beoordelaar.ui.decisions.draw_dialog import DrawDialog
from beoordelaar.ui.decisions.letter_preview import LetterPreviewDialog
from beoordelaar.ui.decisions.override_dialog import OverrideDialog
from beoordelaar.ui.decisions.sending_dialog import SendingDialog
from beoordelaar.ui.record.history_dialog import HistoryDialog

T = TypeVar("T")

TITLE = "Besluiten"
READY = "Alles is besloten en bevestigd: de brieven kunnen worden gemaakt."


def letters_html(letters: Sequence[SendingRow]) -> str:
    """Every letter version: made, sent (day, channel), the standstill's last day, superseded."""
    if not letters:
        return ""
    items = [f"<li>{'<s>' if r.superseded else ''}{html.escape(r.summary)}{'</s>' if r.superseded else ''}</li>"
             for r in letters]  # fmt: skip
    newest = letters[-1]
    warning = ""
    if newest.outdated and newest.sent_on is not None:
        warning = (
            f"<p><b>Let op:</b> het besluit is gewijzigd nadat brief {html.escape(newest.kenmerk)} is verzonden. "
            "Maak een nieuwe brief: die vervangt de verzonden brief, zegt waarom, en heeft een eigen opschortende "
            "termijn.</p>"
        )
    return "<p><b>Brieven:</b></p><ul>" + "".join(items) + "</ul>" + warning


def reasons_html(row: DecisionRow, letters: Sequence[SendingRow] = ()) -> str:
    parts = [f"<h3>{html.escape(row.number)} – {html.escape(row.provider)}</h3>"]
    if row.blockers:
        parts.append("<p><b>Nog niet te besluiten:</b></p><ul>")
        parts += [f"<li>{html.escape(b)}</li>" for b in row.blockers]
        parts.append("</ul>")
        return "".join(parts)
    proposed = row.proposed_outcome.label if row.proposed_outcome else "–"
    outcome = row.outcome.label if row.outcome else "–"
    parts.append(f"<p>Voorstel volgens de regels: <b>{proposed}</b><br/>Besluit: <b>{outcome}</b> ({row.status_label})")
    if row.decided_by:
        parts.append(f"<br/>Door: {html.escape(row.decided_by)}")
    parts.append("</p>")
    if row.overridden:
        parts.append(f"<p><b>Motivering van de afwijking:</b> {html.escape(row.override_motivation or '')}</p>")
    if row.standing is not None:
        parts.append(f"<p>{html.escape(row.standing.text)}</p>")
    explained = [o for o in row.lot_outcomes if o.text]
    if explained:
        parts.append("<p><b>Per perceel:</b></p><ul>")
        parts += [f"<li>{html.escape(f'Perceel {o.lot}: ' if o.lot else '')}{html.escape(o.text)}</li>"
                  for o in explained]  # fmt: skip
        parts.append("</ul>")
    if row.override_locked:
        parts.append(f"<p><b>Let op:</b> {html.escape(row.override_locked)}</p>")
    if row.rules_now is not None and not row.overridden:
        parts.append(
            f"<p><b>Let op:</b> volgens de huidige scores en oordelen geven de regels nu "
            f"'{row.rules_now.label}'. Stel opnieuw voor, of wijk met motivering af.</p>"
        )
    if row.reasons:
        parts.append("<p><b>Redenen volgens de regels:</b></p><ol>")
        parts += [f"<li>{html.escape(reason)}</li>" for reason in row.reasons]
        parts.append("</ol>")
    else:
        parts.append("<p>Aan alle uitsluitingsgronden, geschiktheidseisen en minima is voldaan.</p>")
    parts.append(letters_html(letters))
    return "".join(parts)


class DecisionsPage(QWidget):
    LETTER_TIP = "Alleen de brief aan de gekozen inschrijving, bijvoorbeeld een herziene brief na een gewijzigd besluit"

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decisions-page")
        self._context = context
        self._round: RoundSummary | None = None
        self.last_result: LettersResult | None = None
        self.letters: dict[str, list[SendingRow]] = {}
        self.found: list[Blocker] = []  # what stops the letters of the round

        self.model = DecisionsModel(self)
        self.proxy = DecisionsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = record_table(self.proxy, "Besluiten", stretch=Column.PROVIDER, sort_by=Column.SEQUENCE)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Zoek op naam of nummer…")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self.search.textChanged.connect(self.proxy.set_search)

        self.reasons = QTextBrowser()
        self.reasons.setObjectName("decision-reasons")
        self.reasons.setAccessibleName("Redenen van het besluit")
        self.blockers = QListWidget()
        self.blockers.setObjectName("letter-blockers")
        self.blockers.setAccessibleName("Wat de brieven nog tegenhoudt")
        self.blockers.setMaximumHeight(130)
        self.ready_label = QLabel()
        self.ready_label.setWordWrap(True)
        blockers_box = QGroupBox("Klaar voor de brieven?")
        box_layout = QVBoxLayout(blockers_box)
        box_layout.addWidget(self.ready_label)
        box_layout.addWidget(self.blockers)

        self.propose_button = QPushButton("Besluiten &voorstellen")
        self.propose_button.setToolTip("De regels toepassen; bevestigde besluiten blijven staan")
        self.confirm_button = QPushButton("&Bevestigen")
        self.confirm_all_button = QPushButton("Alle voorstellen be&vestigen")
        self.override_button = QPushButton("&Afwijken…")
        self.history_button = QPushButton("Ge&schiedenis…")
        self.history_button.setToolTip("Elke wijziging aan deze inschrijving: wie, wanneer, wat, voor en na")
        self.history_button.clicked.connect(self.open_history)
        self.history_dialog: HistoryDialog | None = None
        self.draw_button = QPushButton("&Loting…")
        self.draw_button.setToolTip("Een gelijke stand op de grens van het maximum van een selectie: loting vastleggen")
        self.draw_button.clicked.connect(self.draw_selected)
        self.draws: list[PendingDrawRow] = []
        self.award_stage_button = QPushButton("Gunnings&fase beginnen…")
        self.award_stage_button.setToolTip(
            "Een nieuwe ronde voor de gunning, waarin alleen de geselecteerden inschrijven"
        )
        self.award_stage_button.clicked.connect(self.start_award_stage)
        self.settings_button = QPushButton("&Documentinstellingen…")
        self.advantages_button = QPushButton("&Relatieve voordelen…")
        self.advantages_button.setToolTip(
            "Per perceel de kenmerken en relatieve voordelen van de gekozen inschrijving(en), voor de brieven"
        )
        self.advantages_button.clicked.connect(self.edit_advantages)
        self.preview_button = QPushButton("&Voorbeeld brief")
        self.letters_button = QPushButton("Brieven &maken…")
        self.letter_button = QPushButton("Brief voor deze &inschrijving…")
        self.letter_button.setToolTip(self.LETTER_TIP)
        self.letter_button.clicked.connect(self.make_letter_selected)
        self.sent_button = QPushButton("Verzending vast&leggen…")
        self.sent_button.setToolTip("De dag waarop de nieuwste brief aan deze inschrijving is verzonden, en hoe")
        self.sent_button.clicked.connect(self.record_sent)
        self.propose_button.clicked.connect(self.propose)
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.confirm_all_button.clicked.connect(self.confirm_everything)
        self.override_button.clicked.connect(self.override_selected)
        self.settings_button.clicked.connect(self.edit_settings)
        self.preview_button.clicked.connect(self.preview_selected)
        self.letters_button.clicked.connect(self.make_letters)

        decide_bar = QHBoxLayout()
        for button in (self.propose_button, self.confirm_button, self.confirm_all_button, self.override_button,
                       self.draw_button, self.history_button):  # fmt: skip
            decide_bar.addWidget(button)
        decide_bar.addStretch(1)
        decide_bar.addWidget(QLabel("&Zoeken:", buddy=self.search))
        decide_bar.addWidget(self.search)
        letters_bar = QHBoxLayout()
        letters_bar.addStretch(1)
        for button in (self.settings_button, self.advantages_button, self.preview_button, self.letters_button,
                       self.letter_button, self.sent_button, self.award_stage_button):  # fmt: skip
            letters_bar.addWidget(button)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(self.reasons)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(page_title(TITLE))
        layout.addLayout(decide_bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(blockers_box)
        layout.addLayout(letters_bar)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.set_round(None)

    # -- state ------------------------------------------------------------------------------------------------------

    def set_round(self, summary: RoundSummary | None) -> None:
        self._round = summary
        self.refresh()

    def refresh(self, keep: str | None = None) -> None:
        keep = keep or (self.selected().number if self.selected() else None)
        if self._round is None:
            self.model.set_rows([])
            self.letters = {}
            self.draws = []
            self.found = []
            self.blockers.clear()
            self.ready_label.setText("Kies of maak eerst een ronde.")
        else:
            sessions = self._context.database.sessions
            decisions = list_decisions(sessions, self._round.id)
            self.model.set_rows(decisions)
            self.draws = pending_draws(sessions, self._round.id)
            self.letters = {}
            for letter in letter_sendings(sessions, self._round.id):
                self.letters.setdefault(letter.registration, []).append(letter)
            found = letter_blockers(sessions, self._round.id, decisions=decisions)  # not computed a second time
            self.found = found
            self.blockers.clear()
            self.blockers.addItems([str(b) for b in found])
            self.blockers.setVisible(bool(found))
            self.ready_label.setText(
                READY if not found else f"Nog {count_text(len(found), 'punt', 'punten')} open voor de brieven:"
            )
            self.letters_button.setEnabled(not found)
        if keep:
            self.select(keep)
        self._selection_changed()

    def selected(self) -> DecisionRow | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return rows[0].data(ROW_ROLE) if rows else None

    def select(self, number: str) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ROW_ROLE).number == number:
                self.view.selectRow(row)
                return

    def _selection_changed(self, *_args: QItemSelection) -> None:
        row = self.selected()
        has_round = self._round is not None
        letters = self.letters.get(row.number, []) if row else []
        self.reasons.setHtml(
            reasons_html(row, letters) if row else "<p>Kies een inschrijving om de redenen te zien.</p>"
        )
        self.sent_button.setEnabled(bool(letters) and letters[-1].sent_on is None)
        self.confirm_button.setEnabled(bool(row and row.confirmable))
        self.override_button.setEnabled(bool(row and row.overridable))
        self.override_button.setToolTip(plain(row.override_locked) if row else "")
        self.preview_button.setEnabled(bool(row and row.decision_id is not None))
        own = blockers_for(self.found, Procedure(self._round.procedure), row.number) if has_round and row else []
        self.letter_button.setEnabled(bool(row and row.confirmed) and not own)
        self.letter_button.setToolTip("; ".join(str(b) for b in own[:3]) if own else self.LETTER_TIP)
        self.history_button.setEnabled(row is not None)
        self.draw_button.setVisible(bool(self.draws))
        self.draw_button.setEnabled(bool(self.draws))
        rows = self.model.rows()
        selection = any(Outcome.SELECT in r.choices for r in rows)
        self.award_stage_button.setVisible(selection)
        self.award_stage_button.setEnabled(bool(rows) and all(r.confirmed for r in rows))
        for button in (self.propose_button, self.confirm_all_button, self.settings_button):
            button.setEnabled(has_round)
        self.advantages_button.setVisible(has_round and Procedure(self._round.procedure).ranks and not selection)
        if not has_round:
            self.letters_button.setEnabled(False)

    # -- actions ----------------------------------------------------------------------------------------------------

    def _run(self, action: str, call: Callable[[], T]) -> T | None:
        return runner_for(self, self._context.database.sessions).run(self, call, title=action)

    def apply_changes(self, changes: Changes) -> None:
        """Decisions follow scores, consensus, settled requirements and interviews as well as their own changes."""
        if changes.touches("commission", "scoring", "consolidation", "verification", "decisions"):
            self.refresh()

    def propose(self) -> None:
        if self._round is None:
            return
        round_id = self._round.id
        self._run(
            "Besluiten voorstellen",
            lambda: propose_decisions(self._context.database.sessions, round_id, actor=self._context.actor),
        )

    def confirm_selected(self) -> None:
        row = self.selected()
        if self._round is None or row is None:
            return
        round_id = self._round.id
        self._run(
            "Besluit bevestigen",
            lambda: confirm_decision(self._context.database.sessions, round_id, row.number, actor=self._context.actor),
        )

    def confirm_everything(self) -> None:
        if self._round is None:
            return
        count = sum(1 for r in self.model.rows() if r.status == "proposed" and not r.blockers)
        title = "Alle voorstellen bevestigen"
        if count == 0:
            show_refusal(self, "Er zijn geen actuele voorstellen om te bevestigen.", title)
            return
        noun = "voorstel" if count == 1 else "voorstellen"
        if not ask(self, title, f"{count} actuele {noun} bevestigen als besluit van de voorzitter?"):
            return
        round_id = self._round.id
        sessions, actor = self._context.database.sessions, self._context.actor
        runner_for(self, sessions).run_long(
            self, f"{count} {noun} bevestigen…", lambda _progress: confirm_all(sessions, round_id, actor=actor),
            title=title, cancellable=False,
        )  # fmt: skip

    def override_selected(self) -> None:
        row = self.selected()
        if self._round is None or row is None:
            return
        dialog = OverrideDialog(row, row.choices, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        outcome, motivation = dialog.chosen()
        round_id = self._round.id
        self._run(
            "Afwijken van het voorstel",
            lambda: override_decision(
                self._context.database.sessions, round_id, row.number, outcome, motivation, actor=self._context.actor
            ),
        )

    def draw_selected(self) -> None:
        """The draw the selected registration waits for, or else the first one that is needed."""
        row = self.selected()
        if self._round is None or not self.draws:
            return
        pending = next((d for d in self.draws if row is not None and row.number in d.numbers), self.draws[0])
        dialog = DrawDialog(pending, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        order, drawn_by, witnesses = dialog.chosen()
        round_id, sessions, actor = self._round.id, self._context.database.sessions, self._context.actor

        def draw_and_propose() -> DrawRow:
            drawn = draw_lots(sessions, round_id, pending.lot, drawn_by=drawn_by, witnesses=witnesses, order=order,
                              actor=actor)  # fmt: skip
            propose_decisions(sessions, round_id, actor=actor)
            return drawn

        drawn = self._run("Loting vastleggen", draw_and_propose)
        if drawn is not None:
            QMessageBox.information(
                self,
                "Loting vastleggen",
                plain(
                    f"Getrokken volgorde: {', '.join(drawn.order)}.\nDoor naar de volgende fase: "
                    f"{', '.join(drawn.selected)}.\n\nDe besluiten zijn opnieuw voorgesteld; bevestig ze."
                ),
            )

    def start_award_stage(self) -> None:
        if self._round is None:
            return
        selected = sum(1 for r in self.model.rows() if r.outcome is Outcome.SELECT)
        dialog = AwardStageDialog(self._round.name, selected, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, framework = dialog.chosen()
        round_id, sessions, actor = self._round.id, self._context.database.sessions, self._context.actor
        stage = self._run(
            "Gunningsfase beginnen",
            lambda: start_award_stage(sessions, round_id, name=name, framework=framework, actor=actor),
        )
        if stage is not None:
            QMessageBox.information(
                self,
                "Gunningsfase beginnen",
                plain(
                    f"Ronde '{stage.name}' is aangemaakt met {len(stage.invited)} uitgenodigde gegadigden. "
                    "Kies de ronde om de inschrijvingen van de gunningsfase te importeren; wie niet is "
                    "geselecteerd, wordt geweigerd."
                ),
            )

    def open_history(self) -> HistoryDialog | None:
        row = self.selected()
        if self._round is None or row is None:
            return None
        if self.history_dialog is not None:
            self.history_dialog.deleteLater()
        self.history_dialog = HistoryDialog(self._context.database, self._round.id, row.number, row.provider, self)
        self.history_dialog.open()
        return self.history_dialog

    def edit_settings(self) -> None:
        if self._round is None:
            return
        dialog = DocumentSettingsDialog(self._context.database, self._round.id, self._context.actor, self)
        dialog.exec()

    def edit_advantages(self) -> AdvantagesDialog | None:
        if self._round is None:
            return None
        dialog = AdvantagesDialog(self._context.database, self._round.id, self._context.actor, self)
        self.advantages_dialog = dialog
        dialog.exec()
        return dialog

    def preview_selected(self) -> LetterPreviewDialog | None:
        row = self.selected()
        if self._round is None or row is None:
            return None
        database = self._context.database
        round_id = self._round.id
        pdf = self._run(
            "Voorbeeld brief", lambda: preview_letter(database.sessions, database.documents, round_id, row.number)
        )
        if pdf is None:
            return None
        dialog = LetterPreviewDialog(
            pdf, f"Voorbeeld – {row.provider}", "Voorbeeld: deze brief is niet opgeslagen en niet verzonden.", self
        )  # type: ignore[arg-type]
        dialog.open()
        self.preview_dialog = dialog
        return dialog

    def make_letters(self) -> None:
        if self._round is None:
            return
        folder = QFileDialog.getExistingDirectory(self, "Map voor de brieven")
        if not folder:
            return
        database = self._context.database
        round_id, actor = self._round.id, self._context.actor
        result = runner_for(self, database.sessions).run_long(
            self,
            "Brieven maken…",
            lambda progress: make_letters(
                database.sessions, database.documents, round_id, Path(folder), actor=actor, progress=progress
            ),
            title="Brieven maken",
        )
        if result is None:
            return
        self.last_result = result
        QMessageBox.information(
            self,
            "Brieven maken",
            plain(
                f"{len(result.letters)} brieven gemaakt in {folder}.\n\nOm in één keer te printen: "
                f"{result.merged.name}\nOverzicht van wat naar wie gaat: {result.overview.name}"
            ),
        )

    def make_letter_selected(self) -> LettersResult | None:
        """The letter of the selected registration only; where its last letter was sent, the chair says why the
        new one replaces it (the letter states it)."""
        row = self.selected()
        if self._round is None or row is None:
            return None
        letters = self.letters.get(row.number, [])
        reason = ""
        if any(letter.sent_on is not None for letter in letters):
            reason, given = QInputDialog.getMultiLineText(
                self, "Brief voor deze inschrijving",
                f"De vorige brief aan {row.provider} is verzonden. De nieuwe brief vervangt die en zegt waarom. "
                "Waarom wordt de brief opnieuw gemaakt? (mag leeg blijven als het besluit gewijzigd is)",
            )  # fmt: skip
            if not given:
                return None
        folder = QFileDialog.getExistingDirectory(self, "Map voor de brief")
        if not folder:
            return None
        database = self._context.database
        round_id, actor, number = self._round.id, self._context.actor, row.number
        result = runner_for(self, database.sessions).run_long(
            self,
            "Brief maken…",
            lambda progress: make_letters(
                database.sessions, database.documents, round_id, Path(folder), actor=actor, progress=progress,
                registration_number=number, reason=reason.strip(),
            ),
            title="Brief voor deze inschrijving",
        )  # fmt: skip
        if result is None:
            return None
        self.last_result = result
        (letter,) = result.letters
        QMessageBox.information(
            self,
            "Brief voor deze inschrijving",
            plain(
                f"Brief {letter.kenmerk} (versie {letter.version}) aan {letter.provider} gemaakt in {folder}:\n"
                f"{letter.file.name}\nOverzicht: {result.overview.name}"
            ),
        )
        return result

    def record_sent(self) -> None:
        row = self.selected()
        letters = self.letters.get(row.number, []) if row else []
        if self._round is None or row is None or not letters:
            return
        dialog = SendingDialog(letters[-1], self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        day, channel = dialog.chosen()
        round_id, number = self._round.id, row.number
        self._run(
            "Verzending vastleggen",
            lambda: record_sending(
                self._context.database.sessions, round_id, number, day, channel, actor=self._context.actor
            ),
        )
