"""A registration's declared answers and its documents as Qt table models (plain rows; SORT_ROLE, ROW_ROLE)."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor

from beoordelaar.core.registrations.api import DeclaredAnswerRow, DocumentRow
from beoordelaar.core.text import decimal_text, word
from beoordelaar.ui.common.table_model import Column, RowTableModel
from beoordelaar.ui.registrations.registrations_model import MISSING_COLOUR

MISSING = "ontbreekt"
NOT_DELIVERED = "Dit document stond in de export, maar het bestand is niet aangeleverd."


def format_size(size: int | None) -> str:
    if size is None:
        return ""
    if size < 1024:
        return f"{size} B"
    value, unit = size / 1024, "kB"
    if value >= 1024:
        value, unit = value / 1024, "MB"
    return f"{decimal_text(value, 1)} {unit}"


class AnswerColumn(IntEnum):
    CODE = 0
    TITLE = 1
    PART = 2
    ANSWER = 3


class DocumentColumn(IntEnum):
    NAME = 0
    KIND = 1
    CRITERION = 2
    SIZE = 3
    SHA = 4
    OPEN = 5


def _answer_tip(row: DeclaredAnswerRow) -> str:
    return f"{row.code} {row.title}: {row.answer}"


ANSWER_COLUMNS: tuple[Column[DeclaredAnswerRow], ...] = (
    Column("Code", lambda r: r.code),
    Column("Eis", lambda r: r.title, tooltip=_answer_tip),
    Column("Onderdeel", lambda r: word("part", r.part)),
    Column("Opgave", lambda r: r.answer, tooltip=_answer_tip),
)


def _missing_tip(row: DocumentRow) -> str | None:
    return NOT_DELIVERED if row.missing else None


def _missing_colour(row: DocumentRow) -> QColor | None:
    return MISSING_COLOUR if row.missing else None


DOCUMENT_COLUMNS: tuple[Column[DocumentRow], ...] = (
    Column("Document", lambda r: r.file_name, tooltip=_missing_tip),
    Column("Soort", lambda r: word("document_kind", r.kind), tooltip=_missing_tip),
    Column("Criterium", lambda r: r.criterion or "", tooltip=_missing_tip),
    Column("Grootte", lambda r: MISSING if r.missing else format_size(r.size), sort=lambda r: r.size or -1,
           right_aligned=True, foreground=_missing_colour, tooltip=_missing_tip),
    Column("SHA-256", lambda r: MISSING if r.missing else (r.sha256 or "")[:12], foreground=_missing_colour,
           tooltip=lambda r: NOT_DELIVERED if r.missing else f"SHA-256: {r.sha256}",
           accessible=lambda r: None if r.missing else r.sha256),
    Column("", lambda _r: "", tooltip=_missing_tip),
)  # fmt: skip


class AnswersModel(RowTableModel[DeclaredAnswerRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(ANSWER_COLUMNS, parent)


class DocumentsModel(RowTableModel[DocumentRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(DOCUMENT_COLUMNS, parent)
