"""The consensus meeting (consensusbespreking), made for the projector: one registration at a time from the agenda
(flagged ones first, or in registration order, as the chair chooses), its plan document beside it, and per
criterion every assessor's score and motivation with the commission's score and motivation to set.

Showing a registration opens its discussion (open_consensus): from then on its assessors may see each other's
scores. Keys: Alt+Right / Ctrl+PgDown next registration, Alt+Left / Ctrl+PgUp previous, Alt+Down / Alt+Up next or
previous criterion, a digit the score, Alt+C quote, Ctrl+Enter save, Ctrl+D the document, Ctrl+= / Ctrl+- the font.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.consolidation.api import (
    AgendaRow,
    ConsensusSheet,
    consensus_sheet,
    meeting_agenda,
    needs_discussion,
    open_consensus,
)
from beoordelaar.core.database import Database
from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.api import document_for_viewing, document_to_show, list_documents
from beoordelaar.ui.common.background import runner_for
from beoordelaar.ui.common.plain_text import plain
from beoordelaar.ui.common.presentation import FontZoom
from beoordelaar.ui.consolidation.consensus_criterion import CriterionEditor
from beoordelaar.ui.consolidation.consolidation_model import number_text

MEETING_ZOOM = 1.3
ORDERS = (("flagged", "Gemarkeerde eerst"), ("number", "Volgorde van inschrijving"))


def progress_text(rows: list[AgendaRow]) -> str:
    return f"{sum(1 for r in rows if r.discussed)} van {len(rows)} besproken"


def ordered(rows: list[AgendaRow], order: str) -> list[AgendaRow]:
    if order == "flagged":
        return sorted(rows, key=lambda r: (r.flagged == 0,))  # stable: registration order within each group
    return list(rows)


class AgendaModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AgendaRow] = []

    def set_rows(self, rows: list[AgendaRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[AgendaRow]:
        return list(self._rows)

    def row_at(self, row: int) -> AgendaRow:
        return self._rows[row]

    def replace(self, position: int, row: AgendaRow) -> None:
        self._rows[position] = row
        index = self.index(position)
        self.dataChanged.emit(index, index)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            state = "✓ " if row.discussed else "   "
            flags = f"  ▲{row.flagged}" if row.flagged else ""
            return f"{state}{row.number}{flags}"
        if role == Qt.ItemDataRole.ToolTipRole:
            done = "besproken" if row.discussed else "nog niet besproken"
            return plain(f"{row.number} – {row.label}\n{row.flagged} gemarkeerde criteria · {done}")
        return None


class DocumentPane(QStackedWidget):
    """The plan document, loaded only when it is first shown (QPdfView is created then too)."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._registration: int | None = None
        self._loaded: int | None = None
        self._view: Any = None
        self._document: Any = None
        self.message = QLabel("Het plan van aanpak verschijnt hier.")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.message)

    def set_registration(self, registration_id: int) -> None:
        self._registration = registration_id
        if self.isVisible():
            self._load()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._load()

    def _load(self) -> None:
        if self._registration is None or self._registration == self._loaded:
            return
        self._loaded = self._registration
        documents = list_documents(self._database, self._registration)
        first = document_to_show(documents)
        plan = documents[first] if first >= 0 and documents[first].viewable_pdf else None
        if plan is None:
            self._say("Bij deze inschrijving is geen plan van aanpak (pdf) aangeleverd.")
            return
        try:
            path = document_for_viewing(self._database, plan.id)
        except UserError as exc:
            self._say(str(exc))
            return
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        if self._view is None:
            self._document = QPdfDocument(self)
            self._view = QPdfView(self)
            self._view.setObjectName("plan-document")
            self._view.setPageMode(QPdfView.PageMode.MultiPage)
            self._view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self._view.setDocument(self._document)
            self.addWidget(self._view)
        error = self._document.load(str(path))
        if error != QPdfDocument.Error.None_:
            self._say(f"Het document '{plan.file_name}' kan hier niet worden getoond (geen leesbare pdf).")
            return
        self.setCurrentWidget(self._view)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.setCurrentWidget(self.message)


class ConsensusMeeting(QWidget):
    """A window of its own, so it can go full screen on the projector while the main window stays as it is."""

    changed = Signal()
    closed = Signal()

    def __init__(self, database: Database, round_id: int, actor: str, start: str | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Consensusbespreking – Beoordelaar")
        self.setObjectName("consensus-meeting")
        self._database = database
        self._round = round_id
        self._actor = actor
        self._sheet: ConsensusSheet | None = None
        self._all: list[AgendaRow] = meeting_agenda(database.sessions, round_id)

        self.title = QLabel()
        self.title.setObjectName("meeting-title")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.progress = QLabel()
        self.progress.setObjectName("meeting-progress")
        self.order = QComboBox()
        for key, text in ORDERS:
            self.order.addItem(text, key)
        self.order.setAccessibleName("Volgorde van de agenda")
        order_label = QLabel("&Volgorde:")
        order_label.setBuddy(self.order)
        self.previous_button = QPushButton("◀ Vorige")
        self.previous_button.setToolTip("Vorige inschrijving (Alt+Links of Ctrl+PgUp)")
        self.next_button = QPushButton("Volgende ▶")
        self.next_button.setToolTip("Volgende inschrijving (Alt+Rechts of Ctrl+PgDown)")
        self.document_button = QPushButton("&Document")
        self.document_button.setCheckable(True)
        self.document_button.setChecked(True)
        self.document_button.setToolTip("Het plan van aanpak tonen of verbergen (Ctrl+D)")
        self.message = QLabel()
        self.message.setObjectName("meeting-message")
        self.message.setWordWrap(True)

        self.agenda = AgendaModel(self)
        self.agenda_view = QListView()
        self.agenda_view.setObjectName("meeting-agenda")
        self.agenda_view.setAccessibleName("Agenda")
        self.agenda_view.setModel(self.agenda)
        self.agenda_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agenda_view.setUniformItemSizes(True)
        self.tabs = QTabBar()
        self.tabs.setObjectName("criteria-tabs")
        self.tabs.setExpanding(False)
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.editor = CriterionEditor(database, actor)
        self.document = DocumentPane(database)

        center = QWidget()
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(8, 0, 8, 0)
        center_layout.addWidget(self.tabs)
        center_layout.addWidget(self.editor, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.agenda_view)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.document)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([220, 1000, 700])

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.progress)
        top.addSpacing(16)
        top.addWidget(order_label)
        top.addWidget(self.order)
        top.addWidget(self.previous_button)
        top.addWidget(self.next_button)
        top.addWidget(self.document_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)

        self.zoom = FontZoom(self, MEETING_ZOOM)
        self.zoom.changed.connect(self._fit_agenda)
        self._shortcuts()
        self.order.currentIndexChanged.connect(self._reorder)
        self.previous_button.clicked.connect(self.previous_registration)
        self.next_button.clicked.connect(self.next_registration)
        self.document_button.toggled.connect(self.document.setVisible)
        self.agenda_view.selectionModel().currentRowChanged.connect(self._on_agenda_row)
        self.tabs.currentChanged.connect(self._on_tab)
        self.editor.saved.connect(self._on_saved)
        runner_for(self, database.sessions).conflicted.connect(self._reload)

        self.order.setCurrentIndex(0)
        self._reorder()
        self._fit_agenda()
        if start is not None:
            self.show_registration(start)

    def _fit_agenda(self, _factor: float = 0.0) -> None:
        """The agenda as wide as its longest entry at the current font, the rest to the criterion and document."""
        sizes = self.splitter.sizes()
        wanted = self.agenda_view.sizeHintForColumn(0) + self.agenda_view.verticalScrollBar().sizeHint().width() + 12
        spare = sum(sizes) - wanted
        if spare > 0 and len(sizes) == 3:
            self.splitter.setSizes([wanted, spare * 3 // 5, spare - spare * 3 // 5])

    def _shortcuts(self) -> None:
        pairs = (
            (("Alt+Right", "Ctrl+PgDown"), self.next_registration),
            (("Alt+Left", "Ctrl+PgUp"), self.previous_registration),
            (("Alt+Down",), self.next_criterion),
            (("Alt+Up",), self.previous_criterion),
            (("Ctrl+D",), self.document_button.toggle),
            (("Ctrl+W",), self.close),
        )
        for keys, slot in pairs:
            for key in keys:
                QShortcut(QKeySequence(key), self, slot, context=Qt.ShortcutContext.WindowShortcut)

    # -- agenda -----------------------------------------------------------------------------------------------------

    def _reorder(self) -> None:
        current = self._sheet.number if self._sheet else None
        self.agenda.set_rows(ordered(self._all, self.order.currentData() or "flagged"))
        self.progress.setText(progress_text(self._all))
        numbers = [r.number for r in self.agenda.rows()]
        if current in numbers:
            self._select(numbers.index(current))
        elif numbers:
            self._select(0)
        else:
            self.title.setText("<h2>Geen inschrijvingen om te bespreken</h2>")

    def _select(self, position: int) -> None:
        self.agenda_view.setCurrentIndex(self.agenda.index(position))

    def _position(self) -> int:
        return self.agenda_view.currentIndex().row()

    def next_registration(self) -> None:
        if self._position() + 1 < self.agenda.rowCount():
            self._select(self._position() + 1)

    def previous_registration(self) -> None:
        if self._position() > 0:
            self._select(self._position() - 1)

    def show_registration(self, number: str) -> None:
        numbers = [r.number for r in self.agenda.rows()]
        if number in numbers:
            self._select(numbers.index(number))

    def _on_agenda_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._show(self.agenda.row_at(current.row()))

    def _show(self, row: AgendaRow) -> None:
        self.message.clear()
        runner_for(self, self._database.sessions).run(
            self,
            lambda: open_consensus(self._database.sessions, self._round, row.number, actor=self._actor),
            title=self.windowTitle(),
            refused=self.message.setText,
        )
        self._sheet = consensus_sheet(self._database.sessions, self._round, row.number)
        position = self._position()
        self.title.setText(f"<h2>{html.escape(row.number)} – {html.escape(self._sheet.label)}</h2>")
        self.previous_button.setEnabled(position > 0)
        self.next_button.setEnabled(position + 1 < self.agenda.rowCount())
        self.document.set_registration(self._sheet.registration_id)
        self._fill_tabs(first_open=True)

    # -- criteria ---------------------------------------------------------------------------------------------------

    def _fill_tabs(self, first_open: bool, keep: int = 0) -> None:
        assert self._sheet is not None
        self.tabs.blockSignals(True)
        while self.tabs.count():
            self.tabs.removeTab(0)
        for criterion in self._sheet.criteria:
            text = criterion.code
            if criterion.consensus is not None:
                text += f" = {number_text(criterion.consensus.value, 2)}"
            elif needs_discussion(criterion.flags):
                text += " ▲"
            self.tabs.addTab(text)
            self.tabs.setTabToolTip(self.tabs.count() - 1, criterion.title)
        target = keep
        if first_open:
            target = next((i for i, c in enumerate(self._sheet.criteria) if c.consensus is None), 0)
        self.tabs.setCurrentIndex(target)
        self.tabs.blockSignals(False)
        self._on_tab(target)

    def _on_tab(self, position: int) -> None:
        if self._sheet is None or not 0 <= position < len(self._sheet.criteria):
            return
        self.editor.set_sheet(self._round, self._sheet.number, self._sheet.criteria[position],
                              self._sheet.motivation_min_length)  # fmt: skip
        self.editor.focus_scale()

    def next_criterion(self) -> None:
        if self.tabs.currentIndex() + 1 < self.tabs.count():
            self.tabs.setCurrentIndex(self.tabs.currentIndex() + 1)

    def previous_criterion(self) -> None:
        if self.tabs.currentIndex() > 0:
            self.tabs.setCurrentIndex(self.tabs.currentIndex() - 1)

    def _on_saved(self, code: str) -> None:
        assert self._sheet is not None
        number = self._sheet.number
        self._sheet = consensus_sheet(self._database.sessions, self._round, number)
        codes = [c.code for c in self._sheet.criteria]
        here = codes.index(code)
        following = [i for i in range(here + 1, len(codes)) if self._sheet.criteria[i].consensus is None]
        following += [i for i in range(0, here) if self._sheet.criteria[i].consensus is None]
        self._fill_tabs(first_open=False, keep=following[0] if following else here)
        for position, row in enumerate(self._all):
            if row.number == number and row.discussed != self._sheet.discussed:
                self._all[position] = AgendaRow(row.registration_id, row.number, row.label, row.flagged,
                                                self._sheet.discussed)  # fmt: skip
        rows = self.agenda.rows()
        for position, row in enumerate(rows):
            if row.number == number:
                self.agenda.replace(position, next(r for r in self._all if r.number == number))
        self.progress.setText(progress_text(self._all))
        if self._sheet.discussed:
            self.message.setText(f"Alle criteria van {number} zijn vastgesteld. Alt+Rechts: volgende inschrijving.")
        self.changed.emit()

    def _reload(self) -> None:
        """A colleague saved first: show the registration as it now is, on the same criterion."""
        if self._sheet is None:
            return
        self._sheet = consensus_sheet(self._database.sessions, self._round, self._sheet.number)
        self._fill_tabs(first_open=False, keep=max(self.tabs.currentIndex(), 0))

    def current_number(self) -> str | None:
        return self._sheet.number if self._sheet else None

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)
