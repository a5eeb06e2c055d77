"""The Documenten page: the record of a round. The assessment report (proces-verbaal), the round as a spreadsheet, the
dossier of one registration, the check of the history's hash chain, and the round's timeline.

Writing documents runs off the UI thread behind a progress dialog; the page only calls services.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.changes import Changes
from beoordelaar.core.record.api import (
    HistoryCheck,
    build_dossier,
    build_round_dossier,
    checkpoint_text,
    consistency_text,
    export_round,
    round_timeline,
    verify_history,
    write_report,
)
from beoordelaar.core.registrations.api import list_registrations
from beoordelaar.core.rounds.api import RoundSummary
from beoordelaar.core.text import count_text
from beoordelaar.ui.common.background import runner_for, show_refusal
from beoordelaar.ui.common.page import PageContext
from beoordelaar.ui.common.plain_text import plain
from beoordelaar.ui.common.status_colours import text_style
from beoordelaar.ui.common.widgets import page_title, record_table
from beoordelaar.ui.record.history_dialog import HistoryDialog
from beoordelaar.ui.record.history_model import HistoryColumn, HistoryModel, HistoryProxy, event_moment
from beoordelaar.ui.record.record_forms import ApprovalDialog, ConsensusMeetingDialog, ProcedureFactsDialog
from beoordelaar.ui.registrations.registrations_model import MISSING_COLOUR

TITLE = "Documenten"
INTRO = (
    "Hier legt u de ronde vast voor wie haar later moet kunnen nagaan: de rechter bij een bezwaar of kort geding, de "
    "accountant, en de regio zelf. De besluitbrieven maakt u op de pagina Besluiten."
)
REPORT_TEXT = (
    "Het verslag van de hele beoordeling als PDF (PDF/A), in de volgorde van de procedure: de feiten van de "
    "procedure, het kader zoals toegepast, de commissie en haar verklaringen, toewijzing en inlevering, alle scores "
    "met consensus en de bespreking, de verificatiegesprekken, de besluiten en de brieven, de ondertekende "
    "controlepunten van de geschiedenis en de goedkeuring door de commissie. Voor de rechter, de accountant en het "
    "archief. Het dossier van de ronde bevat daarnaast het dossier van elke inschrijving."
)
EXPORT_TEXT = (
    "Alle inschrijvingen met hun opgaven, scores, consensus, spreiding, eisen, besluiten en verificatiegesprekken in "
    "één Excel-werkmap, voor de eigen analyse van de regio (contractmanagement, de volgende aanbesteding)."
)
DOSSIER_TEXT = (
    "Alles over één inschrijving in één zip: de inschrijving zoals ingelezen, haar documenten, elke score en "
    "controle met motivering, de verificatiegesprekken, de besluiten, de brieven en haar geschiedenis, met een lijst "
    "van SHA-256-controlegetallen. Voor een bezwaar of een Woo-verzoek van die ene aanbieder."
)
CHECK_TEXT = (
    "Elke wijziging staat in een keten van controlegetallen (hashes): wie achteraf buiten Beoordelaar iets in de "
    "database verandert, verbreekt de keten. Bewaar het laatste controlegetal (bijvoorbeeld bij het proces-verbaal of "
    "bij de accountant); zo is later aan te tonen dat er niets is veranderd."
)
NOT_CHECKED = "Nog niet gecontroleerd."
NO_ROUND = "Kies of maak eerst een ronde."


def intact_text(check: HistoryCheck) -> str:
    said = f"De geschiedenis is ongeschonden: {count_text(check.count, 'gebeurtenis', 'gebeurtenissen')}."
    if not check.checkpoints:
        return said
    signed = count_text(len(check.checkpoints), "ondertekend controlepunt", "ondertekende controlepunten")
    return f"{said} Ze klopt met {signed}."


def broken_text(check: HistoryCheck) -> str:
    broken = check.broken
    failed = check.failed_checkpoints
    if broken is None and not failed:
        text = f"De geschiedenis is aangetast: de keten is heel, maar {consistency_text(check.consistency)}"
    elif broken is None:
        text = (
            "De geschiedenis is aangetast: de keten is heel, maar klopt niet met "
            f"{count_text(len(failed), 'ondertekend controlepunt', 'ondertekende controlepunten')} (herschreven, "
            f"ingekort of verwijderd). {checkpoint_text(failed[0])}"
        )
    else:
        text = f"De geschiedenis is aangetast: gebeurtenis {broken.event_id}: {broken.problem}."
    event = check.broken_event
    if event is not None:
        text += f" Zoals die nu is opgeslagen: {event.what}, {event_moment(event)}, door {event.actor}."
    return text + " Neem contact op met uw beheerder en gebruik de laatste reservekopie die wel klopt."


def safe_file_name(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_. " else "_" for ch in text).strip() or "ronde"


def _explained_box(title: str, text: str) -> tuple[QGroupBox, QVBoxLayout]:
    box = QGroupBox(title)
    label = QLabel(text)
    label.setWordWrap(True)
    layout = QVBoxLayout(box)
    layout.addWidget(label)
    return box, layout


def _button_row(*widgets: QWidget, stretch: QWidget | None = None) -> QHBoxLayout:
    """Widgets in a row, right-aligned; or filling the row with the stretch widget taking the spare width."""
    row = QHBoxLayout()
    if stretch is None:
        row.addStretch(1)
    for widget in widgets:
        row.addWidget(widget, 1 if widget is stretch else 0)
    return row


class RecordPage(QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("record-page")
        self._context = context
        self._round: RoundSummary | None = None
        self.last_check: HistoryCheck | None = None
        self.history_dialog: HistoryDialog | None = None
        self.last_form: QDialog | None = None

        self.report_button = QPushButton("&Proces-verbaal maken…")
        self.report_button.clicked.connect(self.make_report)
        self.facts_button = QPushButton("&Feiten van de procedure…")
        self.facts_button.setToolTip("Publicatie, vragenrondes, sluiting, ontvangen en te late inschrijvingen")
        self.facts_button.clicked.connect(self.enter_facts)
        self.approval_button = QPushButton("&Goedkeuring vastleggen…")
        self.approval_button.setToolTip("De commissie heeft het proces-verbaal gelezen en goedgekeurd")
        self.approval_button.clicked.connect(self.record_approval)
        self.round_dossier_button = QPushButton("Dossier van de &ronde…")
        self.round_dossier_button.setToolTip(
            "Proces-verbaal, kader, controlepunten en het dossier van elke inschrijving"
        )
        self.round_dossier_button.clicked.connect(self.make_round_dossier)
        report_box, report_layout = _explained_box("Proces-verbaal (beoordelingsrapport)", REPORT_TEXT)
        report_layout.addLayout(_button_row(self.facts_button, self.approval_button))
        report_layout.addLayout(_button_row(self.round_dossier_button, self.report_button))

        self.export_button = QPushButton("Overzicht als &Excel…")
        self.export_button.clicked.connect(self.export_overview)
        export_box, export_layout = _explained_box("Overzicht van de ronde", EXPORT_TEXT)
        export_layout.addLayout(_button_row(self.export_button))

        self.registration = QComboBox()
        self.registration.setObjectName("dossier-registration")
        self.registration.setAccessibleName("Inschrijving voor het dossier")
        self.registration.setEditable(True)
        self.registration.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.registration.lineEdit().setPlaceholderText("Typ een naam of nummer…")
        completer = QCompleter(self.registration.model(), self.registration)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.registration.setCompleter(completer)
        self.registration.setMinimumContentsLength(24)
        self.dossier_button = QPushButton("&Dossier maken…")
        self.dossier_button.clicked.connect(self.make_dossier)
        self.history_button = QPushButton("Ge&schiedenis…")
        self.history_button.setToolTip("Elke wijziging aan deze inschrijving: wie, wanneer, wat, voor en na")
        self.history_button.clicked.connect(self.open_history)
        self.meeting_button = QPushButton("&Consensusbespreking…")
        self.meeting_button.setToolTip("Wie bij de consensusbespreking van deze inschrijving was, en een samenvatting")
        self.meeting_button.clicked.connect(self.record_meeting)
        dossier_box, dossier_layout = _explained_box("Dossier van een inschrijving", DOSSIER_TEXT)
        chooser_label = QLabel("&Inschrijving:", buddy=self.registration)
        dossier_layout.addLayout(_button_row(chooser_label, self.registration, stretch=self.registration))
        dossier_layout.addLayout(_button_row(self.meeting_button, self.dossier_button, self.history_button))

        self.check_button = QPushButton("Geschiedenis &controleren")
        self.check_button.clicked.connect(self.check_history)
        self.check_result = QLabel(NOT_CHECKED)
        self.check_result.setObjectName("history-check-result")
        self.check_result.setWordWrap(True)
        self.check_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.head_hash = QLineEdit()
        self.head_hash.setObjectName("history-head-hash")
        self.head_hash.setReadOnly(True)
        self.head_hash.setAccessibleName("Laatste controlegetal (hash)")
        self.head_hash.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.copy_button = QPushButton("&Kopiëren")
        self.copy_button.setToolTip("Het laatste controlegetal naar het klembord kopiëren")
        self.copy_button.clicked.connect(self.copy_head)
        self.hash_row = QWidget()
        hash_layout = QVBoxLayout(self.hash_row)
        hash_layout.setContentsMargins(0, 0, 0, 0)
        hash_layout.setSpacing(2)
        hash_layout.addWidget(QLabel("Laatste controlegetal (SHA-256), om te bewaren:", buddy=self.head_hash))
        hash_layout.addLayout(_button_row(self.head_hash, self.copy_button, stretch=self.head_hash))
        self.hash_row.hide()
        check_box, check_layout = _explained_box("Geschiedenis controleren", CHECK_TEXT)
        check_layout.addLayout(_button_row(self.check_button))
        check_layout.addWidget(self.check_result)
        check_layout.addWidget(self.hash_row)

        actions = QWidget()
        actions_layout = QVBoxLayout(actions)
        actions_layout.setContentsMargins(0, 0, 4, 0)
        for box in (report_box, export_box, dossier_box, check_box):
            actions_layout.addWidget(box)
        actions_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(actions)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        columns = (HistoryColumn.AT, HistoryColumn.ACTOR, HistoryColumn.WHAT, HistoryColumn.SOURCE)
        self.timeline_model = HistoryModel(self, columns)
        self.timeline_proxy = HistoryProxy(self)
        self.timeline_proxy.setSourceModel(self.timeline_model)
        self.timeline = record_table(
            self.timeline_proxy, "Tijdlijn van de ronde", object_name="round-timeline",
            stretch=self.timeline_model.column_of(HistoryColumn.WHAT), sort_by=0,
        )  # fmt: skip
        timeline_box, timeline_layout = _explained_box(
            "&Tijdlijn van de ronde",
            "De stappen van de ronde zoals de geschiedenis ze vastlegt: aanmaken, import, werkpakketten, "
            "retourbestanden, consensus, verificatiegesprekken, besluiten en brieven.",
        )
        timeline_layout.addWidget(self.timeline, 1)

        splitter = QSplitter()
        splitter.addWidget(scroll)
        splitter.addWidget(timeline_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([600, 520])
        splitter.setChildrenCollapsible(False)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(page_title(TITLE))
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        self.set_round(None)

    # -- state ------------------------------------------------------------------------------------------------------

    def apply_changes(self, changes: Changes) -> None:
        """The timeline and the registrations follow every audited change."""
        if changes.record:
            self.set_round(self._round)

    def set_round(self, summary: RoundSummary | None) -> None:
        self._round = summary
        sessions = self._context.database.sessions
        keep = self.registration.currentData()
        self.registration.clear()
        if summary is None:
            self.timeline_model.set_events([])
        else:
            for row in list_registrations(sessions, summary.id):
                self.registration.addItem(f"{row.number} – {row.name}", row.number)
            self.timeline_model.set_events(round_timeline(sessions, summary.id))
            self.registration.setCurrentIndex(max(0, self.registration.findData(keep)))
        has_round = summary is not None
        has_registrations = self.registration.count() > 0
        for button in (self.report_button, self.export_button):
            button.setEnabled(has_round)
            button.setToolTip("" if has_round else NO_ROUND)
        for button in (self.facts_button, self.approval_button, self.round_dossier_button):
            button.setEnabled(has_round)
        for widget in (self.registration, self.dossier_button, self.history_button, self.meeting_button):
            widget.setEnabled(has_registrations)

    def chosen_registration(self) -> str | None:
        """The registration number of the chooser's text: an item of the list, or the one item the text is part of."""
        text = self.registration.currentText().strip()
        index = self.registration.findText(text)
        if index < 0 and text:
            needle = text.casefold()
            matches = [
                i for i in range(self.registration.count()) if needle in self.registration.itemText(i).casefold()
            ]
            index = matches[0] if len(matches) == 1 else -1
        return self.registration.itemData(index) if index >= 0 else None

    # -- documents --------------------------------------------------------------------------------------------------

    def _save_path(self, caption: str, name: str, file_filter: str, suffix: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self, caption, str(Path.home() / safe_file_name(name)), file_filter)
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def _write(self, title: str, job: Callable[[], Path]) -> Path | None:
        runner = runner_for(self, self._context.database.sessions)
        return runner.run_long(self, f"{title}…", lambda _progress: job(), title=title, cancellable=False)

    def _offer_open(self, title: str, what: str, path: Path, target: Path) -> None:
        answer = QMessageBox.question(self, title, plain(f"{what} is opgeslagen als\n{path}\n\nNu openen?"))
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def make_report(self) -> Path | None:
        if self._round is None:
            return None
        name = f"Proces-verbaal {self._round.name}"
        path = self._save_path("Proces-verbaal opslaan", name, "PDF-document (*.pdf)", ".pdf")
        if path is None:
            return None
        database, round_id, actor = self._context.database, self._round.id, self._context.actor
        done = self._write("Proces-verbaal maken", lambda: write_report(database, round_id, path, actor=actor))
        if done is not None:
            self._offer_open("Proces-verbaal", "Het proces-verbaal", done, done)
        return done

    def export_overview(self) -> Path | None:
        if self._round is None:
            return None
        name = f"Overzicht {self._round.name}"
        path = self._save_path("Overzicht opslaan", name, "Excel-werkmap (*.xlsx)", ".xlsx")
        if path is None:
            return None
        database, round_id = self._context.database, self._round.id
        done = self._write("Overzicht maken", lambda: export_round(database, round_id, path))
        if done is not None:
            self._offer_open("Overzicht van de ronde", "Het overzicht", done, done)
        return done

    def make_dossier(self) -> Path | None:
        number = self.chosen_registration()
        if self._round is None or number is None:
            show_refusal(self, "Kies eerst een inschrijving uit de lijst.", "Dossier")
            return None
        path = self._save_path("Dossier opslaan", f"Dossier {number}", "Zip-bestand (*.zip)", ".zip")
        if path is None:
            return None
        database, round_id = self._context.database, self._round.id
        done = self._write("Dossier maken", lambda: build_dossier(database, round_id, number, path))
        if done is not None:
            self._offer_open("Dossier", f"Het dossier van {number}", done, done.parent)
        return done

    def make_round_dossier(self) -> Path | None:
        if self._round is None:
            return None
        path = self._save_path("Dossier van de ronde opslaan", f"Dossier {self._round.name}", "Zip-bestand (*.zip)",
                               ".zip")  # fmt: skip
        if path is None:
            return None
        database, round_id, actor = self._context.database, self._round.id, self._context.actor
        done = runner_for(self, database.sessions).run_long(
            self, "Dossier van de ronde maken…",
            lambda progress: build_round_dossier(database, round_id, path, actor=actor, progress=progress),
            title="Dossier van de ronde", cancellable=False,
        )  # fmt: skip
        if done is not None:
            self._offer_open("Dossier van de ronde", "Het dossier van de ronde", done, done.parent)
        return done

    def _form(self, dialog: QDialog) -> QDialog:
        self.last_form = dialog
        dialog.open()
        return dialog

    def enter_facts(self) -> QDialog | None:
        if self._round is None:
            return None
        return self._form(ProcedureFactsDialog(self._context.database, self._round.id, self._context.actor, self))

    def record_approval(self) -> QDialog | None:
        if self._round is None:
            return None
        return self._form(ApprovalDialog(self._context.database, self._round.id, self._context.actor, self))

    def record_meeting(self) -> QDialog | None:
        number = self.chosen_registration()
        if self._round is None or number is None:
            show_refusal(self, "Kies eerst een inschrijving uit de lijst.", "Consensusbespreking")
            return None
        dialog = ConsensusMeetingDialog(self._context.database, self._round.id, number, self._context.actor, self)
        return self._form(dialog)

    def open_history(self) -> HistoryDialog | None:
        number = self.chosen_registration()
        if self._round is None or number is None:
            show_refusal(self, "Kies eerst een inschrijving uit de lijst.", "Geschiedenis")
            return None
        if self.history_dialog is not None:
            self.history_dialog.deleteLater()
        name = self.registration.currentText().partition(" – ")[2]
        self.history_dialog = HistoryDialog(self._context.database, self._round.id, number, name, self)
        self.history_dialog.open()
        return self.history_dialog

    # -- the history's hash chain -----------------------------------------------------------------------------------

    def check_history(self) -> HistoryCheck | None:
        sessions = self._context.database.sessions
        check = runner_for(self, sessions).run_long(
            self, "De geschiedenis wordt gecontroleerd…", lambda _p: verify_history(sessions), title="Geschiedenis",
            cancellable=False,
        )  # fmt: skip
        if check is None:
            return None
        self.last_check = check
        if check.intact:
            self.check_result.setStyleSheet("")
            self.check_result.setText(f"<b>{html.escape(intact_text(check))}</b>")
            self.head_hash.setText(check.head)
            self.head_hash.setCursorPosition(0)
            self.hash_row.show()
        else:
            self.check_result.setStyleSheet(text_style(MISSING_COLOUR))
            self.check_result.setText(f"<b>{html.escape(broken_text(check))}</b>")
            self.head_hash.clear()
            self.hash_row.hide()
        return check

    def copy_head(self) -> None:
        QApplication.clipboard().setText(self.head_hash.text())
