"""The decisions of a round (plain DecisionRow values), and the proxy that sorts and searches them."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor

from beoordelaar.core.decisions.api import DecisionRow
from beoordelaar.ui.common.table_model import Column as TableColumn
from beoordelaar.ui.common.table_model import RowSortProxy, RowTableModel

WARNING_COLOUR = QColor(170, 30, 30)


class Column(IntEnum):
    SEQUENCE = 0
    NUMBER = 1
    PROVIDER = 2
    PROPOSED = 3
    OUTCOME = 4
    STATUS = 5


def status_text(row: DecisionRow) -> str:
    if row.blockers:
        return "Nog niet te besluiten"
    if row.rules_now is not None and not row.overridden:
        return f"{row.status_label}; regels geven nu {row.rules_now.label.lower()}"
    return row.status_label


def _needs_attention(row: DecisionRow) -> QColor | None:
    return WARNING_COLOUR if row.blockers or (row.rules_now is not None and not row.overridden) else None


COLUMNS: tuple[TableColumn[DecisionRow], ...] = (
    TableColumn("Nr.", lambda r: str(r.sequence), sort=lambda r: r.sequence, right_aligned=True),
    TableColumn("Inschrijvingsnummer", lambda r: r.number),
    TableColumn("Aanbieder", lambda r: r.provider),
    TableColumn("Voorstel (regels)", lambda r: r.proposed_outcome.label if r.proposed_outcome else "",
                sort=lambda r: r.proposed_outcome.label if r.proposed_outcome else None),
    TableColumn("Besluit", lambda r: r.outcome.label if r.outcome else "",
                sort=lambda r: r.outcome.label if r.outcome else None,
                tooltip=lambda r: f"Afgeweken van het voorstel: {r.override_motivation}" if r.overridden else None),
    TableColumn("Stand", status_text, sort=status_text, foreground=_needs_attention),
)  # fmt: skip


class DecisionsModel(RowTableModel[DecisionRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent)


class DecisionsProxy(RowSortProxy):
    """Sorts on SORT_ROLE (empty last) and searches number and provider."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(lambda row, needle: needle in row.number.casefold() or needle in row.provider.casefold(),
                         parent)  # fmt: skip
