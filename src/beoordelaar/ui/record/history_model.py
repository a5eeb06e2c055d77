"""History events (from services.history) as a Qt table model, and their changes in Dutch words for a detail pane.

The model holds plain HistoryEvent rows; SORT_ROLE gives raw values (the event id for the time, so events of one
moment keep their order), ROW_ROLE the event itself. Ids in the changes (criterion, assessor) are shown by name.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum

from PySide6.QtCore import QObject, Qt

from beoordelaar.core.record.api import HistoryEvent
from beoordelaar.ui.common.formats import local_from_utc, moment_text
from beoordelaar.ui.common.table_model import Column, RowSortProxy, RowTableModel

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


def event_moment(event: HistoryEvent) -> str:
    return moment_text(local_from_utc(event.at), seconds=True)


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
        return moment_text(local_from_utc(moment) if name in _UTC_FIELDS else moment, seconds=True)
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


def changes_tip(event: HistoryEvent, names: HistoryNames) -> str | None:
    return "\n".join(f"{label}: {b} {ARROW} {a}" for label, b, a in event_changes(event, names)) or None


class HistoryModel(RowTableModel[HistoryEvent]):
    """Read-only table of HistoryEvent; columns may be limited (the round's timeline has no changes column).

    The time sorts on the event id, so events of one moment keep their order."""

    def __init__(self, parent: QObject | None = None, columns: Sequence[HistoryColumn] = tuple(HistoryColumn)) -> None:
        every: dict[HistoryColumn, Column[HistoryEvent]] = {
            HistoryColumn.AT: Column("Wanneer", event_moment, sort=lambda ev: ev.id),
            HistoryColumn.ACTOR: Column("Wie", lambda ev: ev.actor),
            HistoryColumn.WHAT: Column("Wat", lambda ev: ev.what),
            HistoryColumn.CRITERION: Column("Criterium", lambda ev: event_criterion(ev, self._names)),
            HistoryColumn.SOURCE: Column("Bron", lambda ev: ev.source_label),
            HistoryColumn.CHANGES: Column("Wijzigingen", lambda ev: change_summary(ev, self._names),
                                          tooltip=lambda ev: changes_tip(ev, self._names)),
        }  # fmt: skip
        super().__init__([every[c] for c in columns], parent)
        self.columns = tuple(columns)
        self._names = HistoryNames()

    @property
    def names(self) -> HistoryNames:
        return self._names

    def set_events(self, events: Sequence[HistoryEvent], names: HistoryNames | None = None) -> None:
        if names is not None:
            self._names = names
        self.set_rows(events)

    def events(self) -> list[HistoryEvent]:
        return self.rows()

    def column_of(self, column: HistoryColumn) -> int:
        return self.columns.index(column)


class HistoryProxy(RowSortProxy):
    """Sorts on SORT_ROLE and searches every column's text (setFilterFixedString, case-insensitive)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent, keep_ties=True)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
