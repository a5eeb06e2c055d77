"""History events (from services.history) as a Qt table model, and their changes in Dutch words for a detail pane.

The model holds plain HistoryEvent rows; SORT_ROLE gives raw values (the event id for the time, so events of one
moment keep their order), ROW_ROLE the event itself. Ids in the changes (criterion, assessor) are shown by name.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QSortFilterProxyModel, Qt

from beoordelaar.services.history import HistoryEvent
from beoordelaar.ui.interviews_model import local_from_utc
from beoordelaar.ui.table_model import ROW_ROLE, SORT_ROLE, Index

EMPTY = "—"
ARROW = "→"
SUMMARY_FIELDS = 3
SUMMARY_VALUE = 40


@dataclass(frozen=True)
class HistoryNames:
    """What the ids in a round's history stand for: criterion id -> code, assessor id -> name."""

    criteria: dict[int, str] = field(default_factory=dict)
    assessors: dict[int, str] = field(default_factory=dict)


FIELD_LABELS = {
    "value": "waarde", "motivation": "motivering", "verdict": "oordeel", "note": "toelichting",
    "revision": "revisie", "criterion_id": "criterium", "assessor_id": "beoordelaar",
    "registration_id": "inschrijving (id)",
    "source": "bron", "set_by": "vastgesteld door", "set_at": "vastgesteld op", "scored_at": "gescoord op",
    "checked_at": "gecontroleerd op", "interview_id": "verificatiegesprek (id)", "return_file_id": "retourbestand (id)",
    "proposed_outcome": "voorgesteld besluit", "outcome": "uitkomst", "reasons": "redenen",
    "override_motivation": "motivering afwijking", "status": "status", "decided_by": "besloten door",
    "decided_at": "besloten op", "kind": "soort", "file_name": "bestandsnaam", "sha256": "SHA-256", "size": "grootte",
    "added_at": "toegevoegd op", "name": "naam", "number": "inschrijvingsnummer", "sequence": "volgnummer",
    "round_id": "ronde (id)", "provider_id": "aanbieder (id)", "lot_id": "perceel (id)", "reason": "reden",
    "declared_at": "gemeld op",
    "submitted_at": "ingediend op", "email": "e-mail", "address": "adres", "postcode": "postcode", "city": "plaats",
    "contact_name": "contactpersoon", "phone": "telefoon", "agb": "AGB-code", "vestigingsnummer": "vestigingsnummer",
    "marked_by": "gemarkeerd door", "marked_at": "gemarkeerd op", "resolved_at": "opgelost op",
    "planned_at": "gepland op", "held_at": "gehouden op", "location": "plaats gesprek", "approved_at": "goedgekeurd op",
    "approved_by": "goedgekeurd door", "approvals": "goedkeuringen", "supersedes_id": "vervangt (id)",
    "product_categories": "productcategorieën", "consensus_opened_at": "consensus geopend op", "version": "versie",
    "kenmerk": "kenmerk", "created_by": "gemaakt door", "created_at": "gemaakt op", "decision_id": "besluit (id)",
}  # fmt: skip
# Times the app stamps itself are stored in UTC; times from outside (submitted_at, held_at) are kept as given.
_UTC_FIELDS = frozenset({
    "set_at", "scored_at", "checked_at", "decided_at", "added_at", "declared_at", "marked_at", "resolved_at",
    "approved_at", "created_at", "consensus_opened_at",
})  # fmt: skip
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def format_moment(value: datetime) -> str:
    return f"{value:%d-%m-%Y %H:%M:%S}"


def event_moment(event: HistoryEvent) -> str:
    return format_moment(local_from_utc(event.at) or event.at)


def format_value(name: str, value: object, names: HistoryNames) -> str:
    """One stored value as a reader wants to see it."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if name == "criterion_id" and isinstance(value, int):
        return names.criteria.get(value, str(value))
    if name == "assessor_id" and isinstance(value, int):
        return names.assessors.get(value, str(value))
    if isinstance(value, str) and _ISO_MOMENT.match(value):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        return format_moment(local_from_utc(moment) if name in _UTC_FIELDS else moment)  # type: ignore[arg-type]
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def event_changes(event: HistoryEvent, names: HistoryNames) -> list[tuple[str, str, str]]:
    """(label, before, after) for every field the event touched, in Dutch words."""
    return [(field_label(k), format_value(k, b, names), format_value(k, a, names)) for k, b, a in event.changes()]


def _short(text: str, limit: int = SUMMARY_VALUE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Left out of the one-line summary: the registration (the dialog is about it) and the criterion (a column of its own).
_CONTEXT_FIELDS = frozenset({"registration_id", "criterion_id"})


def change_summary(event: HistoryEvent, names: HistoryNames) -> str:
    changes = [
        (field_label(k), format_value(k, b, names), format_value(k, a, names))
        for k, b, a in event.changes()
        if k not in _CONTEXT_FIELDS
    ]
    parts = [
        f"{label}: {_short(after)}" if event.action == "insert"
        else f"{label}: {_short(before)} {ARROW} {_short(after)}"
        for label, before, after in changes[:SUMMARY_FIELDS]
    ]  # fmt: skip
    if len(changes) > SUMMARY_FIELDS:
        parts.append(f"+{len(changes) - SUMMARY_FIELDS} meer")
    return "; ".join(parts)


def event_criterion(event: HistoryEvent, names: HistoryNames) -> str:
    for values in (event.after, event.before):
        if values and isinstance(values.get("criterion_id"), int):
            return names.criteria.get(values["criterion_id"], str(values["criterion_id"]))
    return ""


def detail_html(event: HistoryEvent, names: HistoryNames) -> str:
    """Everything about one event: the heading line and a table of every changed field, before and after."""
    e = html.escape
    head = (
        f"<p><b>{e(event.what)}</b><br/>{e(event_moment(event))} door <b>{e(event.actor)}</b> "
        f"(bron: {e(event.source_label)}) · gebeurtenis {event.id}</p>"
    )
    changes = event_changes(event, names)
    if not changes:
        return head + "<p>Geen gewijzigde velden.</p>"
    rows = "".join(
        f"<tr><td><b>{e(label)}</b></td><td>{e(before)}</td><td>{ARROW}</td><td>{e(after)}</td></tr>"
        for label, before, after in changes
    )
    return (
        head + "<table cellspacing='0' cellpadding='4' width='100%'>"
        "<tr><th align='left'>Veld</th><th align='left'>Voor</th><th></th><th align='left'>Na</th></tr>"
        f"{rows}</table>"
    )


class HistoryColumn(IntEnum):
    AT = 0
    ACTOR = 1
    WHAT = 2
    CRITERION = 3
    SOURCE = 4
    CHANGES = 5


HISTORY_HEADERS = {
    HistoryColumn.AT: "Wanneer",
    HistoryColumn.ACTOR: "Wie",
    HistoryColumn.WHAT: "Wat",
    HistoryColumn.CRITERION: "Criterium",
    HistoryColumn.SOURCE: "Bron",
    HistoryColumn.CHANGES: "Wijzigingen",
}


class HistoryModel(QAbstractTableModel):
    """Read-only table of HistoryEvent; columns may be limited (the round's timeline has no changes column)."""

    def __init__(self, parent: QObject | None = None, columns: Sequence[HistoryColumn] = tuple(HistoryColumn)) -> None:
        super().__init__(parent)
        self._events: list[HistoryEvent] = []
        self._names = HistoryNames()
        self.columns = tuple(columns)
        self._display: dict[HistoryColumn, Callable[[HistoryEvent], str]] = {
            HistoryColumn.AT: event_moment,
            HistoryColumn.ACTOR: lambda ev: ev.actor,
            HistoryColumn.WHAT: lambda ev: ev.what,
            HistoryColumn.CRITERION: lambda ev: event_criterion(ev, self._names),
            HistoryColumn.SOURCE: lambda ev: ev.source_label,
            HistoryColumn.CHANGES: lambda ev: change_summary(ev, self._names),
        }

    @property
    def names(self) -> HistoryNames:
        return self._names

    def set_events(self, events: Sequence[HistoryEvent], names: HistoryNames | None = None) -> None:
        self.beginResetModel()
        self._events = list(events)
        if names is not None:
            self._names = names
        self.endResetModel()

    def events(self) -> list[HistoryEvent]:
        return list(self._events)

    def column_of(self, column: HistoryColumn) -> int:
        return self.columns.index(column)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns)
        if horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HISTORY_HEADERS[self.columns[section]]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        event = self._events[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display[column](event)
        if role == SORT_ROLE:
            return event.id if column is HistoryColumn.AT else self._display[column](event).casefold()
        if role == ROW_ROLE:
            return event
        if role == Qt.ItemDataRole.ToolTipRole and column is HistoryColumn.CHANGES:
            return "\n".join(f"{label}: {b} {ARROW} {a}" for label, b, a in event_changes(event, self._names)) or None
        return None


class HistoryProxy(QSortFilterProxyModel):
    """Sorts on SORT_ROLE and searches every column's text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
