"""What is still open before the round can be closed ("Wat staat nog open"), and the button that closes it.

"Ronde afronden" stays disabled while the list is not empty; mark_consolidated checks again when pressed (another
window may have changed something), and its refusal is shown inline.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.errors import UserError
from beoordelaar.services.consolidation import OpenItem, mark_consolidated, open_items
from beoordelaar.storage.database import Database
from beoordelaar.ui.presentation import ERROR_COLOUR, tint

ROW_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Inschrijving", "Soort", "Wat staat open")
KINDS = {
    "missing-score": "Score ontbreekt",
    "undiscussed-flag": "Bespreken",
    "no-consensus": "Geen consensus",
    "unsettled-requirement": "Eis open",
    "open-doubt": "Twijfel",
}


def summary_text(count: int) -> str:
    if count == 0:
        return "Niets staat meer open: de ronde kan worden afgerond."
    return f"{count} {'punt staat' if count == 1 else 'punten staan'} nog open."


class OpenItemsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OpenItem] = []

    def set_rows(self, rows: list[OpenItem]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> OpenItem:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (item.registration, KINDS.get(item.kind, item.kind), item.text)[index.column()]
        if role == ROW_ROLE:
            return item
        return None


class OpenItemsPanel(QWidget):
    consolidated = Signal()
    item_activated = Signal(str, str)  # registration number, criterion code ("" for none)

    def __init__(self, database: Database, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sessions = database.sessions
        self._actor = actor
        self._round: int | None = None

        self.summary = QLabel()
        self.summary.setObjectName("open-items-summary")
        self.summary.setWordWrap(True)
        self.model = OpenItemsModel(self)
        self.view = QTableView()
        self.view.setObjectName("open-items")
        self.view.setAccessibleName("Wat staat nog open")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.activated.connect(self._on_activated)
        self.refresh_button = QPushButton("Bij&werken")
        self.refresh_button.setToolTip("De lijst opnieuw bepalen")
        self.refresh_button.clicked.connect(self.refresh)
        self.close_button = QPushButton("Ronde a&fronden")
        self.close_button.setObjectName("close-round")
        self.close_button.clicked.connect(self.close_round)
        self.message = QLabel()
        self.message.setObjectName("close-round-message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._update_button()

    def set_round(self, round_id: int | None) -> None:
        self._round = round_id
        self.message.clear()
        self.model.set_rows([])
        self.summary.setText("")
        self._update_button()

    def refresh(self) -> None:
        if self._round is None:
            return
        self.model.set_rows(open_items(self._sessions, self._round))
        self.summary.setText(summary_text(self.model.rowCount()))
        self._update_button()

    def count(self) -> int:
        return self.model.rowCount()

    def _update_button(self) -> None:
        empty = self._round is not None and self.model.rowCount() == 0 and bool(self.summary.text())
        self.close_button.setEnabled(empty)
        self.close_button.setToolTip(
            "De consolidatie afsluiten; daarna volgen de besluiten" if empty
            else "Kan pas als niets meer openstaat"
        )  # fmt: skip

    def close_round(self) -> None:
        if self._round is None:
            return
        try:
            mark_consolidated(self._sessions, self._round, actor=self._actor)
        except UserError as exc:
            tint(self.message, ERROR_COLOUR)
            self.message.setText(str(exc))
            self.refresh()
            return
        tint(self.message, None)
        self.message.setText("De ronde is afgerond: de consolidatie is vastgelegd.")
        self.consolidated.emit()

    def _on_activated(self, index: QModelIndex) -> None:
        item = self.model.row_at(index.row())
        self.item_activated.emit(item.registration, item.criterion or "")
