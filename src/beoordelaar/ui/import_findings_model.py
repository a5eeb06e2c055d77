"""The findings of an import preview as a Qt table model, with a proxy that filters errors or warnings.

Holds plain Finding dataclasses. SORT_ROLE gives raw values (row numbers as ints); ROW_ROLE the Finding itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from beoordelaar.domain.import_rows import Severity
from beoordelaar.services.importing import Finding

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex

ERROR_COLOUR = QColor(170, 30, 30)
WARNING_COLOUR = QColor(150, 100, 0)


class Column(IntEnum):
    KIND = 0
    ROW = 1
    COLUMN = 2
    VALUE = 3
    MESSAGE = 4


HEADERS = {
    Column.KIND: "Soort",
    Column.ROW: "Rij",
    Column.COLUMN: "Kolom",
    Column.VALUE: "Waarde",
    Column.MESSAGE: "Melding",
}


class FindingsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []

    def set_findings(self, findings: Sequence[Finding]) -> None:
        self.beginResetModel()
        self._findings = list(findings)
        self.endResetModel()

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        finding = self._findings[index.row()]
        column = Column(index.column())
        if role == ROW_ROLE:
            return finding
        if role == SORT_ROLE:
            if column is Column.ROW:
                return finding.row if finding.row is not None else 0
            return self._text(finding, column)
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._text(finding, column)
            return text if len(text) <= 200 else text[:200] + "…"
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.VALUE, Column.MESSAGE):
            return self._text(finding, column)[:2000]
        if role == Qt.ItemDataRole.ForegroundRole and column is Column.KIND:
            return QBrush(ERROR_COLOUR if finding.severity is Severity.ERROR else WARNING_COLOUR)
        return None

    @staticmethod
    def _text(finding: Finding, column: Column) -> str:
        if column is Column.KIND:
            return finding.severity.label
        if column is Column.ROW:
            return "" if finding.row is None else str(finding.row)
        if column is Column.COLUMN:
            return finding.column
        if column is Column.VALUE:
            return finding.value
        return finding.message


class FindingsFilter(QSortFilterProxyModel):
    """Sorts on raw values; shows all findings, only errors, or only warnings."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._severity: Severity | None = None
        self.setSortRole(SORT_ROLE)

    def set_severity(self, severity: Severity | None) -> None:
        if hasattr(self, "endFilterChange"):  # Qt 6.10 and later; invalidateFilter is deprecated there
            self.beginFilterChange()
            self._severity = None if severity is None else Severity(severity)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._severity = None if severity is None else Severity(severity)
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._severity is None:
            return True
        finding = self.sourceModel().index(source_row, 0, source_parent).data(ROW_ROLE)
        return finding is not None and finding.severity is self._severity
