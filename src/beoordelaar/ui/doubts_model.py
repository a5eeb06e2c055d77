"""The open doubts of a round (twijfelpunten) as a Qt table model: per registration and criterion the reason, and
whether an interview in preparation already covers it. Plain Doubt rows; SORT_ROLE raw values, ROW_ROLE the row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from beoordelaar.services.verification import Doubt
from beoordelaar.ui.registrations_model import ROW_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex

UNCOVERED = QColor(255, 240, 200)


class DoubtColumn(IntEnum):
    REGISTRATION = 0
    PROVIDER = 1
    CRITERION = 2
    PART = 3
    REASON = 4
    INTERVIEW = 5


HEADERS = {
    DoubtColumn.REGISTRATION: "Inschrijving",
    DoubtColumn.PROVIDER: "Aanbieder",
    DoubtColumn.CRITERION: "Criterium",
    DoubtColumn.PART: "Soort",
    DoubtColumn.REASON: "Reden van de twijfel",
    DoubtColumn.INTERVIEW: "Gesprek",
}


def interview_text(doubt: Doubt) -> str:
    return "In voorbereiding" if doubt.interview_id is not None else "Nog niet gepland"


_DISPLAY: dict[DoubtColumn, Callable[[Doubt], str]] = {
    DoubtColumn.REGISTRATION: lambda d: d.registration,
    DoubtColumn.PROVIDER: lambda d: d.label,
    DoubtColumn.CRITERION: lambda d: f"{d.code} {d.title}",
    DoubtColumn.PART: lambda d: d.part.label,
    DoubtColumn.REASON: lambda d: d.reason,
    DoubtColumn.INTERVIEW: interview_text,
}

_SORT: dict[DoubtColumn, Callable[[Doubt], Any]] = {
    DoubtColumn.REGISTRATION: lambda d: d.registration.casefold(),
    DoubtColumn.PROVIDER: lambda d: d.label.casefold(),
    DoubtColumn.CRITERION: lambda d: d.code,
    DoubtColumn.PART: lambda d: d.part.label,
    DoubtColumn.REASON: lambda d: d.reason.casefold(),
    DoubtColumn.INTERVIEW: lambda d: d.interview_id is not None,
}


class DoubtsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Doubt] = []

    def set_rows(self, rows: Sequence[Doubt]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Doubt]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(DoubtColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 6:
            return HEADERS[DoubtColumn(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = DoubtColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _DISPLAY[column](row)
        if role == SORT_ROLE:
            return _SORT[column](row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and column in (DoubtColumn.REASON, DoubtColumn.CRITERION):
            return f"{row.code} {row.title}\n\nReden: {row.reason}"
        if role == Qt.ItemDataRole.BackgroundRole and column is DoubtColumn.INTERVIEW and row.interview_id is None:
            return QBrush(UNCOVERED)
        return None
