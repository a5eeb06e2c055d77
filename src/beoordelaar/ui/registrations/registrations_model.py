"""The registrations of a round as a table (plain RegistrationRow values), and the proxy that sorts and searches."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor

from beoordelaar.core import text
from beoordelaar.core.text import moment_text, shown_count_text
from beoordelaar.ui.common.table_model import Column as TableColumn
from beoordelaar.ui.common.table_model import RowSortProxy, RowTableModel

if TYPE_CHECKING:  # the rows' type only: the first page a start shows comes before the database layer is imported
    from beoordelaar.core.registrations.api import RegistrationRow

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


def format_documents(row: RegistrationRow) -> str:
    if row.missing_documents:
        return f"{row.documents}, {row.missing_documents} ontbreekt"
    return str(row.documents)


def format_decision(row: RegistrationRow) -> str:
    if row.outcome is None:
        return ""
    return row.outcome.label if row.confirmed else f"{row.outcome.label} (voorgesteld)"


def count_text(shown: int, total: int) -> str:
    return shown_count_text(shown, total, "inschrijving", "inschrijvingen")


def _documents_tip(row: RegistrationRow) -> str | None:
    if not row.missing_documents:
        return None
    documents = text.count_text(row.documents, "document", "documenten")
    return f"{documents} bij de inschrijving; {row.missing_documents} ontbreekt (niet aangeleverd)"


COLUMNS: tuple[TableColumn[RegistrationRow], ...] = (
    TableColumn("Nr.", lambda r: str(r.sequence), sort=lambda r: r.sequence, right_aligned=True,
                header_tooltip="Volgnummer van de inschrijving in deze ronde"),
    TableColumn("Inschrijvingsnummer", lambda r: r.number, sort=lambda r: r.number.casefold() or None),
    TableColumn("Aanbieder", lambda r: r.name, sort=lambda r: r.name.casefold() or None, tooltip=lambda r: r.name),
    TableColumn("KvK", lambda r: r.kvk, sort=lambda r: r.kvk or None),
    TableColumn("Plaats", lambda r: r.city, sort=lambda r: r.city.casefold() or None),
    TableColumn("Percelen", lambda r: r.lots, sort=lambda r: r.lots or None,
                header_tooltip="De percelen waarvoor de aanbieder heeft ingeschreven"),
    TableColumn("Ingediend", lambda r: moment_text(r.submitted_at), sort=lambda r: r.submitted_at),
    TableColumn("Documenten", format_documents, sort=lambda r: r.documents, right_aligned=True,
                foreground=lambda r: MISSING_COLOUR if r.missing_documents else None, tooltip=_documents_tip,
                header_tooltip="Aantal documenten bij de inschrijving, en hoeveel daarvan ontbreken"),
    TableColumn("Scores", lambda r: str(r.scores), sort=lambda r: r.scores, right_aligned=True,
                header_tooltip="Aantal individuele scores van de beoordelaars"),
    TableColumn("Besluit", format_decision, sort=lambda r: format_decision(r) or None,
                header_tooltip="Het besluit; '(voorgesteld)' zolang de voorzitter het niet heeft bevestigd"),
)  # fmt: skip


class RegistrationsModel(RowTableModel["RegistrationRow"]):
    """Read-only table of RegistrationRow; replace the rows with set_rows after each change."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent)


def _matches(row: RegistrationRow, needle: str) -> bool:
    return any(needle in field.casefold() for field in (row.name, row.kvk, row.number, row.city))


class RegistrationsProxy(RowSortProxy):
    """Sorts on SORT_ROLE (empty values last in either direction) and searches name, KvK, number and city."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(_matches, parent)
