"""The decisions of a round as a Qt table model (plain DecisionRow values), and the proxy that sorts and searches.

SORT_ROLE gives raw values, ROW_ROLE the whole row, as in registrations_model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from beoordelaar.services.decisions import DecisionRow
from beoordelaar.ui.registrations_model import ROW_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex
WARNING_COLOUR = QColor(170, 30, 30)


class Column(IntEnum):
    SEQUENCE = 0
    NUMBER = 1
    PROVIDER = 2
    PROPOSED = 3
    OUTCOME = 4
    STATUS = 5


HEADERS = {
    Column.SEQUENCE: "Nr.",
    Column.NUMBER: "Inschrijvingsnummer",
    Column.PROVIDER: "Aanbieder",
    Column.PROPOSED: "Voorstel (regels)",
    Column.OUTCOME: "Besluit",
    Column.STATUS: "Stand",
}


def status_text(row: DecisionRow) -> str:
    if row.blockers:
        return "Nog niet te besluiten"
    if row.rules_now is not None and not row.overridden:
        return f"{row.status_label}; regels geven nu {row.rules_now.label.lower()}"
    return row.status_label


_DISPLAY: dict[Column, Callable[[DecisionRow], str]] = {
    Column.SEQUENCE: lambda r: str(r.sequence),
    Column.NUMBER: lambda r: r.number,
    Column.PROVIDER: lambda r: r.provider,
    Column.PROPOSED: lambda r: r.proposed_outcome.label if r.proposed_outcome else "",
    Column.OUTCOME: lambda r: r.outcome.label if r.outcome else "",
    Column.STATUS: status_text,
}
_SORT: dict[Column, Callable[[DecisionRow], Any]] = {
    Column.SEQUENCE: lambda r: r.sequence,
    Column.NUMBER: lambda r: r.number.casefold(),
    Column.PROVIDER: lambda r: r.provider.casefold(),
    Column.PROPOSED: lambda r: r.proposed_outcome.label if r.proposed_outcome else None,
    Column.OUTCOME: lambda r: r.outcome.label if r.outcome else None,
    Column.STATUS: status_text,
}


class DecisionsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DecisionRow] = []

    def set_rows(self, rows: Sequence[DecisionRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[DecisionRow]:
        return list(self._rows)

    def row_at(self, row: int) -> DecisionRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Column)
        ):
            return HEADERS[Column(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _DISPLAY[column](row)
        if role == SORT_ROLE:
            return _SORT[column](row)
        if role == ROW_ROLE:
            return row
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column is Column.STATUS
            and (row.blockers or (row.rules_now is not None and not row.overridden))
        ):
            return QBrush(WARNING_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.OUTCOME and row.overridden:
            return f"Afgeweken van het voorstel: {row.override_motivation}"
        return None


class DecisionsProxy(QSortFilterProxyModel):
    """Sorts on SORT_ROLE (empty last) and searches number and provider."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._needle = ""

    def set_search(self, text: str) -> None:
        needle = text.strip().casefold()
        if needle == self._needle:
            return
        if hasattr(self, "endFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._needle = needle
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        source = self.sourceModel()
        if not self._needle or not isinstance(source, DecisionsModel):
            return True
        row = source.row_at(source_row)
        return self._needle in row.number.casefold() or self._needle in row.provider.casefold()

    def lessThan(self, source_left: Index, source_right: Index) -> bool:
        source = self.sourceModel()
        left = source.data(source_left, SORT_ROLE)
        right = source.data(source_right, SORT_ROLE)
        if left is None or right is None:
            if left is None and right is None:
                return source_left.row() < source_right.row()
            return (left is None) == (self.sortOrder() == Qt.SortOrder.DescendingOrder)
        if left == right:
            return source_left.row() < source_right.row()
        return left < right
