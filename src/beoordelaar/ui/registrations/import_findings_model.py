"""The findings of an import preview as a Qt table model, with a proxy that filters errors or warnings.

Holds plain Finding dataclasses. SORT_ROLE gives raw values (row numbers as ints); ROW_ROLE the Finding itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor

from beoordelaar.core.registrations.api import Finding, Severity
from beoordelaar.ui.common.table_model import ROW_ROLE, Index, RowSortProxy, RowTableModel
from beoordelaar.ui.common.table_model import Column as TableColumn

ERROR_COLOUR = QColor(170, 30, 30)
WARNING_COLOUR = QColor(150, 100, 0)
SHOWN = 200  # characters of a value or message in the table; the tooltip shows more
TIP = 2000


class Column(IntEnum):
    KIND = 0
    ROW = 1
    COLUMN = 2
    VALUE = 3
    MESSAGE = 4


def _cut(text: str) -> str:
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


def _kind_colour(finding: Finding) -> QColor:
    return ERROR_COLOUR if finding.severity is Severity.ERROR else WARNING_COLOUR


# Sorted on the full text as given (not case-folded); a finding without a row sorts as row 0.
COLUMNS: tuple[TableColumn[Finding], ...] = (
    TableColumn("Soort", lambda f: _cut(f.severity.label), sort=lambda f: f.severity.label, foreground=_kind_colour),
    TableColumn("Rij", lambda f: "" if f.row is None else str(f.row), sort=lambda f: f.row if f.row is not None else 0),
    TableColumn("Kolom", lambda f: _cut(f.column), sort=lambda f: f.column),
    TableColumn("Waarde", lambda f: _cut(f.value), sort=lambda f: f.value, tooltip=lambda f: f.value[:TIP]),
    TableColumn("Melding", lambda f: _cut(f.message), sort=lambda f: f.message, tooltip=lambda f: f.message[:TIP]),
)  # fmt: skip


class FindingsModel(RowTableModel[Finding]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent)

    def set_findings(self, findings: Sequence[Finding]) -> None:
        self.set_rows(findings)


class FindingsFilter(RowSortProxy):
    """Sorts on raw values; shows all findings, only errors, or only warnings."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent, keep_ties=True)
        self._severity: Severity | None = None

    def set_severity(self, severity: Severity | None) -> None:
        self.change_filter(lambda: setattr(self, "_severity", None if severity is None else Severity(severity)))

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not super().filterAcceptsRow(source_row, source_parent):
            return False
        if self._severity is None:
            return True
        finding = self.sourceModel().index(source_row, 0, source_parent).data(ROW_ROLE)
        return finding is not None and finding.severity is self._severity
