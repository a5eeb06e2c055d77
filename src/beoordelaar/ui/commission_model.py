"""The commission at the chair as a Qt table model: each member's progress, hand-in, declaration, conflicts and
exchanges. Holds plain MemberProgress rows; SORT_ROLE gives raw values, ROW_ROLE the row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from beoordelaar.services.commission_work import MemberProgress
from beoordelaar.ui.registrations_model import ROW_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex

WARNING_COLOUR = QColor(170, 30, 30)
DONE_COLOUR = QColor(20, 110, 40)


class MemberColumn(IntEnum):
    NAME = 0
    ROLE = 1
    PROGRESS = 2
    HANDED_IN = 3
    DECLARATION = 4
    CONFLICTS = 5
    EXCHANGE = 6


HEADERS = {
    MemberColumn.NAME: "Lid",
    MemberColumn.ROLE: "Rol",
    MemberColumn.PROGRESS: "Voortgang",
    MemberColumn.HANDED_IN: "Ingeleverd",
    MemberColumn.DECLARATION: "Geheimhouding",
    MemberColumn.CONFLICTS: "Belangenverstrengeling",
    MemberColumn.EXCHANGE: "Werkpakket / retour",
}

HEADER_TIPS = {
    MemberColumn.PROGRESS: "Hoeveel van de toegewezen scores en toetsingen gedaan zijn (geen scores zelf)",
    MemberColumn.DECLARATION: "Of de geheimhoudingsverklaring is getekend",
    MemberColumn.CONFLICTS: "Inschrijvingen waarbij dit lid een belangenverstrengeling meldde; die beoordeelt het niet",
    MemberColumn.EXCHANGE: "De laatste versie van het gemaakte werkpakket en van het ingelezen retourbestand",
}


UNDECLARED_TIP = "Zonder getekende geheimhoudingsverklaring krijgt dit lid geen werkpakket"


def _date(value: datetime | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def handed_in_text(row: MemberProgress) -> str:
    if row.handed_in:
        return f"ja, {_date(row.submitted_at)}"
    return "nee" if row.work_revision == 1 else f"nee (heropend, revisie {row.work_revision})"


def declaration_text(row: MemberProgress) -> str:
    if row.confidentiality_declared_at:
        return f"getekend {_date(row.confidentiality_declared_at)}"
    return "niet getekend"


def member_tip(row: MemberProgress) -> str | None:
    return "\n".join(t for t in (row.organisation, row.email) if t) or None


def conflicts_text(row: MemberProgress) -> str:
    return ", ".join(row.conflicts) if row.conflicts else "geen"


def exchange_text(row: MemberProgress) -> str:
    package = f"pakket {row.package_revision}" if row.package_revision else "geen pakket"
    back = f"retour {row.return_revision}" if row.return_revision else "geen retour"
    return f"{package} · {back}"


_DISPLAY: dict[MemberColumn, Callable[[MemberProgress], str]] = {
    MemberColumn.NAME: lambda r: r.name,
    MemberColumn.ROLE: lambda r: r.role.label,
    MemberColumn.PROGRESS: lambda r: r.progress_text,
    MemberColumn.HANDED_IN: handed_in_text,
    MemberColumn.DECLARATION: declaration_text,
    MemberColumn.CONFLICTS: conflicts_text,
    MemberColumn.EXCHANGE: exchange_text,
}

# Plain numbers and strings: Qt's proxy compares those, not Python tuples.
_SORT: dict[MemberColumn, Callable[[MemberProgress], Any]] = {
    MemberColumn.NAME: lambda r: r.name.casefold(),
    MemberColumn.ROLE: lambda r: r.role.label,
    MemberColumn.PROGRESS: lambda r: (r.done / r.total if r.total else 0.0) + r.done * 1e-6,
    MemberColumn.HANDED_IN: lambda r: r.submitted_at.timestamp() if r.submitted_at else 0.0,
    MemberColumn.DECLARATION: lambda r: (
        r.confidentiality_declared_at.timestamp() if r.confidentiality_declared_at else 0.0
    ),
    MemberColumn.CONFLICTS: lambda r: len(r.conflicts),
    MemberColumn.EXCHANGE: lambda r: (r.package_revision or 0) * 1000 + (r.return_revision or 0),
}


class CommissionModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[MemberProgress] = []

    def set_rows(self, rows: Sequence[MemberProgress]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[MemberProgress]:
        return list(self._rows)

    def row_at(self, row: int) -> MemberProgress:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(MemberColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(MemberColumn):
            return None
        column = MemberColumn(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(column)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = MemberColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _DISPLAY[column](row)
        if role == SORT_ROLE:
            return _SORT[column](row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole:
            if column is MemberColumn.DECLARATION and row.confidentiality_declared_at is None:
                return QBrush(WARNING_COLOUR)
            if column is MemberColumn.HANDED_IN and row.handed_in:
                return QBrush(DONE_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and column is MemberColumn.CONFLICTS and row.conflicts:
            return "\n".join(row.conflicts)
        if role == Qt.ItemDataRole.ToolTipRole and column is MemberColumn.NAME:
            return member_tip(row)
        if role == Qt.ItemDataRole.ToolTipRole and column is MemberColumn.DECLARATION:
            return None if row.confidentiality_declared_at else UNDECLARED_TIP
        return None
