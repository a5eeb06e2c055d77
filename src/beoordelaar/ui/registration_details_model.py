"""A registration's declared answers and its documents as Qt table models (plain rows; SORT_ROLE, ROW_ROLE)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush

from beoordelaar.domain.framework import Part
from beoordelaar.services.registration_details import DeclaredAnswerRow
from beoordelaar.services.registration_documents import DocumentRow
from beoordelaar.ui.registrations_model import MISSING_COLOUR
from beoordelaar.ui.table_model import ROW_ROLE, SORT_ROLE, Index

MISSING = "ontbreekt"
KIND_LABELS = {"plan": "plan van aanpak", "evidence": "bewijsstuk", "uea": "UEA", "gva": "GVA",
               "interview": "verificatiegesprek"}  # fmt: skip

Row = TypeVar("Row")


def format_size(size: int | None) -> str:
    if size is None:
        return ""
    if size < 1024:
        return f"{size} B"
    value, unit = size / 1024, "kB"
    if value >= 1024:
        value, unit = value / 1024, "MB"
    return f"{value:.1f} {unit}".replace(".", ",")


def part_label(part: str) -> str:
    try:
        return Part(part).label
    except ValueError:
        return part


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


class _RowsModel(QAbstractTableModel, Generic[Row]):
    """A read-only table of plain rows, one display and one sort function per column."""

    headers: ClassVar[dict[int, str]] = {}
    display: ClassVar[dict[int, Callable[[Any], str]]] = {}
    sort: ClassVar[dict[int, Callable[[Any], Any]]] = {}
    right_aligned: ClassVar[frozenset[int]] = frozenset()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers.get(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display[column](row)
        if role == SORT_ROLE:
            return self.sort.get(column, lambda r: self.display[column](r).casefold())(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.right_aligned:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return self.extra(row, column, role)

    def extra(self, row: Row, column: int, role: int) -> Any:
        return None


class AnswersModel(_RowsModel[DeclaredAnswerRow]):
    headers: ClassVar[dict[int, str]] = {
        AnswerColumn.CODE: "Code", AnswerColumn.TITLE: "Eis", AnswerColumn.PART: "Onderdeel",
        AnswerColumn.ANSWER: "Opgave",
    }  # fmt: skip
    display: ClassVar[dict[int, Callable[[Any], str]]] = {
        AnswerColumn.CODE: lambda r: r.code,
        AnswerColumn.TITLE: lambda r: r.title,
        AnswerColumn.PART: lambda r: part_label(r.part),
        AnswerColumn.ANSWER: lambda r: r.answer,
    }

    def extra(self, row: DeclaredAnswerRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column in (AnswerColumn.TITLE, AnswerColumn.ANSWER):
            return f"{row.code} {row.title}: {row.answer}"
        return None


class DocumentsModel(_RowsModel[DocumentRow]):
    headers: ClassVar[dict[int, str]] = {
        DocumentColumn.NAME: "Document", DocumentColumn.KIND: "Soort", DocumentColumn.CRITERION: "Criterium",
        DocumentColumn.SIZE: "Grootte", DocumentColumn.SHA: "SHA-256", DocumentColumn.OPEN: "",
    }  # fmt: skip
    display: ClassVar[dict[int, Callable[[Any], str]]] = {
        DocumentColumn.NAME: lambda r: r.file_name,
        DocumentColumn.KIND: lambda r: KIND_LABELS.get(r.kind, r.kind),
        DocumentColumn.CRITERION: lambda r: r.criterion or "",
        DocumentColumn.SIZE: lambda r: MISSING if r.missing else format_size(r.size),
        DocumentColumn.SHA: lambda r: MISSING if r.missing else (r.sha256 or "")[:12],
        DocumentColumn.OPEN: lambda _r: "",
    }
    sort: ClassVar[dict[int, Callable[[Any], Any]]] = {DocumentColumn.SIZE: lambda r: r.size or -1}
    right_aligned: ClassVar[frozenset[int]] = frozenset({DocumentColumn.SIZE})

    def extra(self, row: DocumentRow, column: int, role: int) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and row.missing
            and column in (DocumentColumn.SIZE, DocumentColumn.SHA)
        ):
            return QBrush(MISSING_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.missing:
                return "Dit document stond in de export, maar het bestand is niet aangeleverd."
            if column == DocumentColumn.SHA:
                return f"SHA-256: {row.sha256}"
        if role == Qt.ItemDataRole.AccessibleTextRole and column == DocumentColumn.SHA and not row.missing:
            return row.sha256
        return None
