"""The one way this app shows a list of records: a read-only Qt table model over plain rows, described by columns.

Each column says how a row reads (text), how it sorts (SORT_ROLE: raw values, so numbers sort as numbers and dates
as dates; or in the order the rows were given), and optionally its tooltip, colours, alignment and the text a screen
reader says. ROW_ROLE gives the whole row. Models hold plain
dataclass rows, never ORM objects, so a closed session can never break a view.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette

from beoordelaar.ui.common.plain_text import plain_tip
from beoordelaar.ui.common.status_colours import readable_on

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str
    text: Callable[[R], str]
    sort: Callable[[R], Any] | None = None  # default: the text, case-folded
    tooltip: Callable[[R], str | None] | None = None
    foreground: Callable[[R], QColor | None] | None = None
    background: Callable[[R], QColor | None] | None = None
    right_aligned: bool = False
    header_tooltip: str | None = None
    accessible: Callable[[R], str | None] | None = None  # what a screen reader says, when not the text
    in_row_order: bool = False  # sorts in the order the rows were given (sort is then not used)

    def sort_value(self, row: R) -> Any:
        return self.sort(row) if self.sort is not None else self.text(row).casefold()


class RowTableModel(QAbstractTableModel, Generic[R]):
    """Read-only rows under the given columns; replace them with set_rows after each change."""

    def __init__(self, columns: Sequence[Column[R]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(column.header_tooltip)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SORT_ROLE:
            return index.row() if column.in_row_order else column.sort_value(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return plain_tip(column.tooltip(row))
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground is not None:
            colour = column.foreground(row)
            if colour is None:
                return None
            behind = column.background(row) if column.background is not None else None
            return QBrush(readable_on(colour, behind or QGuiApplication.palette().color(QPalette.ColorRole.Base)))
        if role == Qt.ItemDataRole.BackgroundRole and column.background is not None:
            colour = column.background(row)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right_aligned:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole and column.accessible is not None:
            return column.accessible(row)
        return None


class RowSortProxy(QSortFilterProxyModel):
    """Sorts a RowTableModel on SORT_ROLE (empty values last, in either direction) and keeps the rows that match the
    search text, as the given matcher decides (case-folded needle), and Qt's own filter (setFilterFixedString).

    Equal values stay in row order, reversed when sorting descending; with keep_ties they are left to Qt's stable
    sort instead (the order they had), exactly as in a plain QSortFilterProxyModel.
    """

    def __init__(
        self,
        matches: Callable[[Any, str], bool] | None = None,
        parent: QObject | None = None,
        *,
        keep_ties: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._matches = matches
        self._needle = ""
        self._keep_ties = keep_ties

    @property
    def needle(self) -> str:
        return self._needle

    def set_search(self, text: str) -> None:
        needle = text.strip().casefold()
        if needle != self._needle:
            self.change_filter(lambda: setattr(self, "_needle", needle))

    def change_filter(self, apply: Callable[[], None]) -> None:
        """Apply a change to what the filter keeps, and filter again."""
        if hasattr(self, "endFilterChange"):  # Qt 6.10 and later; invalidateFilter is deprecated there
            self.beginFilterChange()
            apply()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            apply()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not super().filterAcceptsRow(source_row, source_parent):
            return False
        if not self._needle or self._matches is None:
            return True
        row = self.sourceModel().index(source_row, 0, source_parent).data(ROW_ROLE)
        return row is None or self._matches(row, self._needle)

    def lessThan(self, source_left: Index, source_right: Index) -> bool:
        source = self.sourceModel()
        left = source.data(source_left, SORT_ROLE)
        right = source.data(source_right, SORT_ROLE)
        if (left is None) != (right is None):
            return (left is None) == (self.sortOrder() == Qt.SortOrder.DescendingOrder)
        if left is None or left == right:
            return False if self._keep_ties else source_left.row() < source_right.row()
        return left < right
