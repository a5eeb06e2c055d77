"""The verification interviews of a round (the current revision of each) as a Qt table model.
Plain InterviewRecord rows; SORT_ROLE raw values (datetimes as datetimes), ROW_ROLE the record."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from beoordelaar.domain.verification import InterviewStatus
from beoordelaar.services.verification import InterviewRecord
from beoordelaar.ui.registrations_model import ROW_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex

STATUS_COLOURS = {
    InterviewStatus.PLANNED: QColor(255, 240, 200),
    InterviewStatus.HELD: QColor(220, 232, 252),
    InterviewStatus.APPROVED: QColor(214, 240, 214),
}


class InterviewColumn(IntEnum):
    REGISTRATION = 0
    PROVIDER = 1
    STATUS = 2
    PLANNED = 3
    HELD = 4
    POINTS = 5
    APPROVED = 6


HEADERS = {
    InterviewColumn.REGISTRATION: "Inschrijving",
    InterviewColumn.PROVIDER: "Aanbieder",
    InterviewColumn.STATUS: "Status",
    InterviewColumn.PLANNED: "Gepland op",
    InterviewColumn.HELD: "Gehouden op",
    InterviewColumn.POINTS: "Punten",
    InterviewColumn.APPROVED: "Goedgekeurd",
}


def format_moment(value: datetime | None) -> str:
    return value.strftime("%d-%m-%Y %H:%M") if value else ""


def local_from_utc(value: datetime | None) -> datetime | None:
    """A stored UTC time (naive) as the local wall-clock time, for showing."""
    return value.replace(tzinfo=UTC).astimezone().replace(tzinfo=None) if value else None


def status_text(record: InterviewRecord) -> str:
    text = record.status.label
    return f"{text} (revisie {record.revision})" if record.revision > 1 else text


def approved_text(record: InterviewRecord) -> str:
    if record.approved_at is None:
        return ""
    return f"{format_moment(local_from_utc(record.approved_at))} door {record.approved_by or 'onbekend'}"


_DISPLAY: dict[InterviewColumn, Callable[[InterviewRecord], str]] = {
    InterviewColumn.REGISTRATION: lambda r: r.registration,
    InterviewColumn.PROVIDER: lambda r: r.label,
    InterviewColumn.STATUS: status_text,
    InterviewColumn.PLANNED: lambda r: format_moment(r.planned_at),
    InterviewColumn.HELD: lambda r: format_moment(r.held_at),
    InterviewColumn.POINTS: lambda r: ", ".join(p.code for p in r.points),
    InterviewColumn.APPROVED: approved_text,
}

_STATUS_ORDER = {InterviewStatus.PLANNED: 0, InterviewStatus.HELD: 1, InterviewStatus.APPROVED: 2}

_SORT: dict[InterviewColumn, Callable[[InterviewRecord], Any]] = {
    InterviewColumn.REGISTRATION: lambda r: r.registration.casefold(),
    InterviewColumn.PROVIDER: lambda r: r.label.casefold(),
    InterviewColumn.STATUS: lambda r: _STATUS_ORDER[r.status],
    InterviewColumn.PLANNED: lambda r: r.planned_at,
    InterviewColumn.HELD: lambda r: r.held_at,
    InterviewColumn.POINTS: lambda r: len(r.points),
    InterviewColumn.APPROVED: lambda r: r.approved_at,
}


class InterviewsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[InterviewRecord] = []

    def set_rows(self, rows: Sequence[InterviewRecord]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[InterviewRecord]:
        return list(self._rows)

    def row_of(self, interview_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == interview_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(InterviewColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 7:
            return HEADERS[InterviewColumn(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = InterviewColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _DISPLAY[column](row)
        if role == SORT_ROLE:
            return _SORT[column](row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.BackgroundRole and column is InterviewColumn.STATUS:
            return QBrush(STATUS_COLOURS[row.status])
        if role == Qt.ItemDataRole.ForegroundRole and column is InterviewColumn.STATUS:
            return QBrush(QColor(0, 0, 0))
        if role == Qt.ItemDataRole.ToolTipRole and column is InterviewColumn.POINTS:
            return "\n".join(f"{p.code} {p.title}" for p in row.points)
        return None
