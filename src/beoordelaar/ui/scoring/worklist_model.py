"""An assessor's worklist as a Qt table model: one row per assigned registration, with its progress and status.

Holds plain WorkRow dataclasses; SORT_ROLE gives raw values, ROW_ROLE the row (ui/table_model).
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor

from beoordelaar.core.scoring.api import WorkRow
from beoordelaar.ui.common.table_model import Column, RowTableModel

DONE_COLOUR = QColor(20, 110, 40)


class WorkColumn(IntEnum):
    REGISTRATION = 0
    PROGRESS = 1
    STATUS = 2


def status_text(row: WorkRow) -> str:
    if row.complete:
        return "Klaar"
    return "Bezig" if row.done else "Nog te doen"


def progress_text(done: int, total: int) -> str:
    return f"{done} van {total} gedaan"


# Plain numbers (Qt compares them; not tuples). The worklist comes in the round's order (by sequence): sorting
# by registration restores that order.
COLUMNS: tuple[Column[WorkRow], ...] = (
    Column("Inschrijving", lambda r: r.label, in_row_order=True),
    Column("Gedaan", lambda r: f"{r.done} van {r.total}", right_aligned=True,
           sort=lambda r: (r.done / r.total if r.total else 1.0) + r.done * 1e-6),
    Column("Status", status_text, sort=lambda r: 2 if r.complete else int(r.done > 0),
           foreground=lambda r: DONE_COLOUR if r.complete else None),
)  # fmt: skip


class WorklistModel(RowTableModel[WorkRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent)
