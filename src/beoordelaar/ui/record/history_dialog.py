"""Geschiedenis: every change to one registration, oldest first, with who, when, what, the source and before -> after
per field; a filter on criterion and a search; the selected event in full below the list."""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.database import Database
from beoordelaar.core.errors import UserError
from beoordelaar.core.record.api import HistoryEvent, registration_history
from beoordelaar.core.registrations.api import assessor_names, round_criteria
from beoordelaar.core.text import shown_count_text
from beoordelaar.ui.common.background import show_refusal
from beoordelaar.ui.common.table_model import ROW_ROLE
from beoordelaar.ui.common.widgets import record_table
from beoordelaar.ui.record.history_model import HistoryColumn, HistoryModel, HistoryNames, HistoryProxy, detail_html

ALL = "Alle"
NOTHING_SELECTED = "<p>Kies een gebeurtenis om alle gewijzigde velden te zien.</p>"


def count_text(shown: int, total: int) -> str:
    return shown_count_text(shown, total, "gebeurtenis", "gebeurtenissen")


class HistoryDialog(QDialog):
    """The history of one registration (by its number) in a round."""

    def __init__(
        self, database: Database, round_id: int, registration: str, title: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("history-dialog")
        self._database = database
        self._round_id = round_id
        self.registration = registration
        self.setWindowTitle(f"Geschiedenis – {title or registration}")

        criteria = round_criteria(database.sessions, round_id)
        names = HistoryNames({c.id: c.code for c in criteria}, assessor_names(database.sessions, round_id))
        self.model = HistoryModel(self)
        self.model.set_events([], names)
        self.proxy = HistoryProxy(self)
        self.proxy.setSourceModel(self.model)

        heading = QLabel(
            f"<b>{html.escape(registration)}</b>{' – ' + html.escape(title) if title else ''}: elke wijziging, "
            "oudste eerst. "
            "Kies een regel voor alle velden, voor en na."
        )
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)
        self.criterion = QComboBox()
        self.criterion.setObjectName("history-criterion")
        self.criterion.setAccessibleName("Criterium")
        self.criterion.addItem(ALL, None)
        for c in criteria:
            self.criterion.addItem(f"{c.code} – {c.title}", c.code)
        self.criterion.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.criterion.setMinimumContentsLength(44)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Zoek op wie, wat of waarde…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Zoeken in de geschiedenis")
        self.count_label = QLabel()
        self.count_label.setObjectName("history-count")

        self.view = record_table(
            self.proxy, "Gebeurtenissen", object_name="history-table", stretch=HistoryColumn.CHANGES,
            sort_by=HistoryColumn.AT,
        )  # fmt: skip
        self.detail = QTextBrowser()
        self.detail.setObjectName("history-detail")
        self.detail.setAccessibleName("Gekozen gebeurtenis")
        self.detail.setHtml(NOTHING_SELECTED)

        bar = QHBoxLayout()
        bar.addWidget(QLabel("&Criterium:", buddy=self.criterion))
        bar.addWidget(self.criterion)
        bar.addSpacing(12)
        bar.addWidget(QLabel("&Zoeken:", buddy=self.search))
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count_label)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Sluiten")
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(1040, 640)

        self.criterion.currentIndexChanged.connect(self.reload)
        self.search.textChanged.connect(self._search)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.reload()

    def set_criterion(self, code: str | None) -> None:
        self.criterion.setCurrentIndex(max(0, self.criterion.findData(code)))

    def reload(self, *_args: object) -> None:
        code = self.criterion.currentData()
        try:
            events = registration_history(self._database.sessions, self._round_id, self.registration, criterion=code)
        except UserError as exc:
            show_refusal(self, exc, "Geschiedenis")
            events = []
        self.model.set_events(events)
        self._update_count()
        if self.proxy.rowCount():
            self.view.selectRow(0)
        self._selection_changed()

    def selected(self) -> HistoryEvent | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def _search(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(count_text(self.proxy.rowCount(), self.model.rowCount()))

    def _selection_changed(self, *_args: QItemSelection) -> None:
        event = self.selected()
        self.detail.setHtml(detail_html(event, self.model.names) if event else NOTHING_SELECTED)
