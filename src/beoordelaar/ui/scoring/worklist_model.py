"""An assessor's worklist as Qt table models: one row per assigned registration, or one row per criterion across
the registrations (the second way through the same work), and the entries of one criterion, with progress and status.

Holds plain WorkRow dataclasses; SORT_ROLE gives raw values, ROW_ROLE the row (ui/table_model).
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QObject

from beoordelaar.core.scoring.api import CriterionEntry, CriterionWork, WorkRow
from beoordelaar.core.text import number_text
from beoordelaar.ui.common.status_colours import DONE
from beoordelaar.ui.common.table_model import Column, RowTableModel


class WorkColumn(IntEnum):
    REGISTRATION = 0
    PROGRESS = 1
    STATUS = 2


def status_text(row: WorkRow | CriterionWork) -> str:
    if row.complete:
        return "Klaar"
    return "Bezig" if row.done else "Nog te doen"


def done_sort(row: WorkRow | CriterionWork) -> float:
    """By the share done, then by the number done (plain numbers: Qt compares them, not tuples)."""
    return (row.done / row.total if row.total else 1.0) + row.done * 1e-6


def progress_text(done: int, total: int) -> str:
    return f"{done} van {total} gedaan"


# Plain numbers (Qt compares them; not tuples). The worklist comes in the round's order (by sequence): sorting
# by registration restores that order.
COLUMNS: tuple[Column[WorkRow], ...] = (
    Column("Inschrijving", lambda r: r.label, in_row_order=True),
    Column("Gedaan", lambda r: f"{r.done} van {r.total}", right_aligned=True, sort=done_sort),
    Column("Status", status_text, sort=lambda r: 2 if r.complete else int(r.done > 0),
           foreground=lambda r: DONE if r.complete else None),
)  # fmt: skip


class WorklistModel(RowTableModel[WorkRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent)


class CriterionColumn(IntEnum):
    CRITERION = 0
    PART = 1
    PROGRESS = 2
    STATUS = 3


CRITERION_COLUMNS: tuple[Column[CriterionWork], ...] = (
    Column("Criterium", lambda c: c.label, in_row_order=True),
    Column("Onderdeel", lambda c: c.part.label),
    Column("Gedaan", lambda c: f"{c.done} van {c.total}", right_aligned=True, sort=done_sort),
    Column("Status", status_text, sort=lambda c: 2 if c.complete else int(c.done > 0),
           foreground=lambda c: DONE if c.complete else None),
)  # fmt: skip


class CriterionWorkModel(RowTableModel[CriterionWork]):
    """The worklist by criterion: every criterion assigned, in framework order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(CRITERION_COLUMNS, parent)


def entry_text(entry: CriterionEntry) -> str:
    if entry.value is not None:
        return number_text(entry.value)
    return entry.verdict.label if entry.verdict is not None else "nog niet"


ENTRY_COLUMNS: tuple[Column[CriterionEntry], ...] = (
    Column("Inschrijving", lambda e: e.label, in_row_order=True),
    Column("Uw oordeel", entry_text, sort=lambda e: float(e.value) if e.value is not None else -1.0),
)  # fmt: skip


class CriterionEntriesModel(RowTableModel[CriterionEntry]):
    """One criterion's registrations with the assessor's own saved score or verdict, to keep the yardstick steady."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(ENTRY_COLUMNS, parent)
