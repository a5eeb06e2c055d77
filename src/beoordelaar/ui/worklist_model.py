"""An assessor's worklist as a Qt table model: one row per assigned registration, with its progress and status.

Holds plain WorkRow dataclasses; SORT_ROLE gives raw values, ROW_ROLE the row (the house style of
registrations_model).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from beoordelaar.services.scoring import WorkRow
from beoordelaar.ui.table_model import ROW_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex

DONE_COLOUR = QColor(20, 110, 40)


class WorkColumn(IntEnum):
    REGISTRATION = 0
    PROGRESS = 1
    STATUS = 2


HEADERS = {WorkColumn.REGISTRATION: "Inschrijving", WorkColumn.PROGRESS: "Gedaan", WorkColumn.STATUS: "Status"}


def status_text(row: WorkRow) -> str:
    if row.complete:
        return "Klaar"
    return "Bezig" if row.done else "Nog te doen"


def progress_text(done: int, total: int) -> str:
    return f"{done} van {total} gedaan"


class WorklistModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[WorkRow] = []

    def set_rows(self, rows: Sequence[WorkRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[WorkRow]:
        return list(self._rows)

    def row_at(self, row: int) -> WorkRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(WorkColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return HEADERS[WorkColumn(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = WorkColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _DISPLAY[column](row)
        if role == SORT_ROLE:
            return _SORT[column](index.row(), row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and column is WorkColumn.STATUS and row.complete:
            return QBrush(DONE_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is WorkColumn.PROGRESS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


_DISPLAY: dict[WorkColumn, Callable[[WorkRow], str]] = {
    WorkColumn.REGISTRATION: lambda r: r.label,
    WorkColumn.PROGRESS: lambda r: f"{r.done} van {r.total}",
    WorkColumn.STATUS: status_text,
}

# Plain numbers (Qt compares them; not tuples). The worklist comes in the round's order (by sequence): sorting
# by registration restores that order.
_SORT: dict[WorkColumn, Callable[[int, WorkRow], Any]] = {
    WorkColumn.REGISTRATION: lambda position, _r: position,
    WorkColumn.PROGRESS: lambda _p, r: (r.done / r.total if r.total else 1.0) + r.done * 1e-6,
    WorkColumn.STATUS: lambda _p, r: 2 if r.complete else int(r.done > 0),
}
