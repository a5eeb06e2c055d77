"""The open doubts of a round (twijfelpunten): per registration and criterion the reason, and whether an interview
in preparation already covers it."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor

from beoordelaar.core.verification.api import Doubt
from beoordelaar.ui.common.table_model import Column, RowTableModel

UNCOVERED = QColor(255, 240, 200)


class DoubtColumn(IntEnum):
    REGISTRATION = 0
    PROVIDER = 1
    CRITERION = 2
    PART = 3
    REASON = 4
    INTERVIEW = 5


def interview_text(doubt: Doubt) -> str:
    return "In voorbereiding" if doubt.interview_id is not None else "Nog niet gepland"


def _reason_tip(doubt: Doubt) -> str:
    return f"{doubt.code} {doubt.title}\n\nReden: {doubt.reason}"


COLUMNS: tuple[Column[Doubt], ...] = (
    Column("Inschrijving", lambda d: d.registration),
    Column("Aanbieder", lambda d: d.label),
    Column("Criterium", lambda d: f"{d.code} {d.title}", sort=lambda d: d.code, tooltip=_reason_tip),
    Column("Soort", lambda d: d.part.label),
    Column("Reden van de twijfel", lambda d: d.reason, tooltip=_reason_tip),
    Column("Gesprek", interview_text, sort=lambda d: d.interview_id is not None,
           background=lambda d: UNCOVERED if d.interview_id is None else None),
)  # fmt: skip


class DoubtsModel(RowTableModel[Doubt]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent)
