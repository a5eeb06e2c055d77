"""The registrations of a round as a Qt table model, and the proxy that sorts and searches them.

The model holds plain RegistrationRow dataclasses (never ORM objects), so a closed session cannot break the view.
SORT_ROLE gives raw values (ints as ints, dates as dates); ROW_ROLE gives the whole row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from beoordelaar.services.registrations import RegistrationRow

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex

MISSING_COLOUR = QColor(170, 30, 30)


class Column(IntEnum):
    SEQUENCE = 0
    NUMBER = 1
    PROVIDER = 2
    KVK = 3
    CITY = 4
    LOTS = 5
    SUBMITTED = 6
    DOCUMENTS = 7
    SCORES = 8
    DECISION = 9


HEADERS = {
    Column.SEQUENCE: "Nr.",
    Column.NUMBER: "Inschrijvingsnummer",
    Column.PROVIDER: "Aanbieder",
    Column.KVK: "KvK",
    Column.CITY: "Plaats",
    Column.LOTS: "Percelen",
    Column.SUBMITTED: "Ingediend",
    Column.DOCUMENTS: "Documenten",
    Column.SCORES: "Scores",
    Column.DECISION: "Besluit",
}

HEADER_TIPS = {
    Column.SEQUENCE: "Volgnummer van de inschrijving in deze ronde",
    Column.LOTS: "De percelen waarvoor de aanbieder heeft ingeschreven",
    Column.DOCUMENTS: "Aantal documenten bij de inschrijving, en hoeveel daarvan ontbreken",
    Column.SCORES: "Aantal individuele scores van de beoordelaars",
    Column.DECISION: "Het besluit; '(voorgesteld)' zolang de voorzitter het niet heeft bevestigd",
}

NUMERIC_COLUMNS = frozenset({Column.SEQUENCE, Column.DOCUMENTS, Column.SCORES})


def format_submitted(value: datetime | None) -> str:
    return value.strftime("%d-%m-%Y %H:%M") if value else ""


def format_documents(row: RegistrationRow) -> str:
    if row.missing_documents:
        return f"{row.documents}, {row.missing_documents} ontbreekt"
    return str(row.documents)


def format_decision(row: RegistrationRow) -> str:
    if row.outcome is None:
        return ""
    return row.outcome.label if row.confirmed else f"{row.outcome.label} (voorgesteld)"


def count_text(shown: int, total: int) -> str:
    noun = "inschrijving" if total == 1 else "inschrijvingen"
    return f"{total} {noun}" if shown == total else f"{shown} van {total} {noun}"


_DISPLAY: dict[Column, Callable[[RegistrationRow], str]] = {
    Column.SEQUENCE: lambda r: str(r.sequence),
    Column.NUMBER: lambda r: r.number,
    Column.PROVIDER: lambda r: r.name,
    Column.KVK: lambda r: r.kvk,
    Column.CITY: lambda r: r.city,
    Column.LOTS: lambda r: r.lots,
    Column.SUBMITTED: lambda r: format_submitted(r.submitted_at),
    Column.DOCUMENTS: format_documents,
    Column.SCORES: lambda r: str(r.scores),
    Column.DECISION: format_decision,
}

_SORT: dict[Column, Callable[[RegistrationRow], Any]] = {
    Column.SEQUENCE: lambda r: r.sequence,
    Column.NUMBER: lambda r: r.number.casefold() or None,
    Column.PROVIDER: lambda r: r.name.casefold() or None,
    Column.KVK: lambda r: r.kvk or None,
    Column.CITY: lambda r: r.city.casefold() or None,
    Column.LOTS: lambda r: r.lots or None,
    Column.SUBMITTED: lambda r: r.submitted_at,
    Column.DOCUMENTS: lambda r: r.documents,
    Column.SCORES: lambda r: r.scores,
    Column.DECISION: lambda r: format_decision(r) or None,
}


class RegistrationsModel(QAbstractTableModel):
    """Read-only table of RegistrationRow; replace the rows with set_rows after each change."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RegistrationRow] = []

    def set_rows(self, rows: Sequence[RegistrationRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[RegistrationRow]:
        return list(self._rows)

    def row_at(self, row: int) -> RegistrationRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(column)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _DISPLAY[column](row)
        if role == SORT_ROLE:
            return _SORT[column](row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMERIC_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column is Column.DOCUMENTS and row.missing_documents:
            return QBrush(MISSING_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    @staticmethod
    def _tooltip(row: RegistrationRow, column: Column) -> str | None:
        if column is Column.DOCUMENTS and row.missing_documents:
            noun = "document" if row.documents == 1 else "documenten"
            return f"{row.documents} {noun} bij de inschrijving; {row.missing_documents} ontbreekt (niet aangeleverd)"
        if column is Column.PROVIDER:
            return row.name
        return None


class RegistrationsProxy(QSortFilterProxyModel):
    """Sorts on SORT_ROLE (empty values last in either direction) and searches name, KvK, number and city."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._needle = ""

    def set_search(self, text: str) -> None:
        needle = text.strip().casefold()
        if needle == self._needle:
            return
        if hasattr(self, "endFilterChange"):  # Qt 6.10 and later; invalidateFilter is deprecated there
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._needle = needle
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._needle:
            return True
        source = self.sourceModel()
        if not isinstance(source, RegistrationsModel):
            return True
        row = source.row_at(source_row)
        return any(self._needle in field.casefold() for field in (row.name, row.kvk, row.number, row.city))

    def lessThan(self, source_left: Index, source_right: Index) -> bool:
        source = self.sourceModel()
        left = source.data(source_left, self.sortRole())
        right = source.data(source_right, self.sortRole())
        if left is None or right is None:
            if left is None and right is None:
                return source_left.row() < source_right.row()
            # None last whatever the direction: Qt reverses the answer when sorting descending.
            descending = self.sortOrder() == Qt.SortOrder.DescendingOrder
            return (left is None) == descending
        if left == right:
            return source_left.row() < source_right.row()
        return left < right
