"""The verification interviews of a round (the current revision of each)."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor

from beoordelaar.core.text import local_moment_text, moment_text
from beoordelaar.core.verification.api import InterviewRecord, InterviewStatus
from beoordelaar.ui.common.table_model import Column, RowTableModel

STATUS_COLOURS = {
    InterviewStatus.PLANNED: QColor(255, 240, 200),
    InterviewStatus.HELD: QColor(220, 232, 252),
    InterviewStatus.APPROVED: QColor(214, 240, 214),
}
_STATUS_ORDER = {InterviewStatus.PLANNED: 0, InterviewStatus.HELD: 1, InterviewStatus.APPROVED: 2}


class InterviewColumn(IntEnum):
    REGISTRATION = 0
    PROVIDER = 1
    STATUS = 2
    PLANNED = 3
    HELD = 4
    POINTS = 5
    APPROVED = 6


def status_text(record: InterviewRecord) -> str:
    text = record.status.label
    return f"{text} (revisie {record.revision})" if record.revision > 1 else text


def approved_text(record: InterviewRecord) -> str:
    if record.approved_at is None:
        return ""
    return f"{local_moment_text(record.approved_at)} door {record.approved_by or 'onbekend'}"


COLUMNS: tuple[Column[InterviewRecord], ...] = (
    Column("Inschrijving", lambda r: r.registration),
    Column("Aanbieder", lambda r: r.label, tooltip=lambda r: r.label),
    Column("Status", status_text, sort=lambda r: _STATUS_ORDER[r.status],
           background=lambda r: STATUS_COLOURS[r.status], foreground=lambda _r: QColor(0, 0, 0)),
    Column("Gepland op", lambda r: moment_text(r.planned_at), sort=lambda r: r.planned_at),
    Column("Gehouden op", lambda r: moment_text(r.held_at), sort=lambda r: r.held_at),
    Column("Punten", lambda r: ", ".join(p.code for p in r.points), sort=lambda r: len(r.points),
           tooltip=lambda r: "\n".join(f"{p.code} {p.title}" for p in r.points)),
    Column("Goedgekeurd", approved_text, sort=lambda r: r.approved_at, tooltip=lambda r: approved_text(r) or None),
)  # fmt: skip


class InterviewsModel(RowTableModel[InterviewRecord]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent)

    def row_of(self, interview_id: int) -> int:
        return next((i for i, r in enumerate(self.rows()) if r.id == interview_id), -1)
