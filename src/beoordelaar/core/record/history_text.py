"""History events in Dutch words, for every place that shows them (the history views, the CLI): what each stored field
is called, and each stored value as a reader wants to see it (names for ids, local time for times the app stamped,
Dutch words for code words)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from beoordelaar.core.storage.audit import ROW_ACTIONS
from beoordelaar.core.storage.models import Base, ExactDecimal
from beoordelaar.core.text import (
    MINUS,
    field_value_word,
    number_text,
    shown_rounded,
    word,
    zoned_local_text,
    zoned_moment_text,
)

EMPTY = "—"


@dataclass(frozen=True)
class HistoryEvent:
    id: int
    at: datetime
    actor: str
    source: str
    action: str
    entity: str
    entity_id: str | None
    before: dict | None
    after: dict | None

    @property
    def what(self) -> str:
        """'Consensusscore toegevoegd' for a row's change, 'Ronde aangemaakt' for a named action."""
        if self.action in ROW_ACTIONS:
            return f"{word('entity', self.entity)} {word('action', self.action)}"
        return word("action", self.action)

    @property
    def source_label(self) -> str:
        return word("source", self.source)

    def changes(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for every field this event touched."""
        before, after = self.before or {}, self.after or {}
        keys = [k for k in (*after, *(k for k in before if k not in after)) if k != "id"]
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id, "at": self.at.isoformat(), "actor": self.actor, "source": self.source,
            "action": self.action, "entity": self.entity, "entity_id": self.entity_id,
            "before": self.before, "after": self.after,
        }  # fmt: skip


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
    "pin_secret": "PIN (alleen de hash)", "pin_set_at": "PIN ingesteld op", "pin_wrong_tries": "foute PIN-pogingen",
    "pin_locked_at": "PIN geblokkeerd op",
    "verified_value": "geverifieerde waarde", "verified_source": "bron van de verificatie",
    "interview_point_id": "rust op antwoord uit verificatiegesprek (id)", "ground": "uitsluitingsgrond",
    "ground_evidence": "bewijs van de grond", "self_cleaning": "zelfreinigende maatregelen",
    "self_cleaning_sufficient": "zelfreiniging toereikend",
    "role": "rol", "side": "namens", "question": "vraag", "answer": "antwoord",
    "only_clarifies": "alleen verduidelijkt", "documents_requested": "gevraagde stukken",
    "documents_received": "ontvangen stukken", "adjusted_value": "bijgestelde score",
    "mean": "gemiddelde", "weight": "weging", "minimum": "minimum", "threshold_value": "drempelwaarde",
}  # fmt: skip
# Times the app stamps itself are stored in UTC; times from outside (submitted_at, held_at) are kept as given.
_UTC_FIELDS = frozenset({
    "set_at", "scored_at", "checked_at", "decided_at", "added_at", "declared_at", "marked_at", "resolved_at",
    "approved_at", "created_at", "consensus_opened_at", "pin_set_at", "pin_locked_at",
})  # fmt: skip
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
# The columns that hold exact numbers, stored and recorded as text ("7.10", "20/3"), named by table: a field's name
# does not say it. A declared answer's value is the provider's own text, shown exactly as registered.
_EXACT_COLUMNS = frozenset(
    (table.name, column.name)
    for table in Base.metadata.tables.values() for column in table.columns if isinstance(column.type, ExactDecimal)
)  # fmt: skip
_AS_REGISTERED = frozenset({("declared_answers", "value")})
# An exact number as the app writes it (str of a Decimal, or a fraction's text); anything else is shown as it is.
_EXACT_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:E[+-]?[0-9]+)?|-?[0-9]+/[0-9]+")


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def event_moment(event: HistoryEvent) -> str:
    """When the event happened, in local time with its zone (events are stamped in UTC)."""
    return zoned_moment_text(event.at, seconds=True)


def _exact_text(value: str) -> str | None:
    """An exact number with a decimal comma, its zeros as written ('7.10' -> '7,10'); a mean without a finite decimal
    form as every screen rounds it, with its exact value ('20/3' -> '6,67 (precies 20/3)'); None for a text that is no
    number (changed outside the app), which is shown as it is."""
    if not _EXACT_NUMBER.fullmatch(value):
        return None
    try:
        number = Fraction(value) if "/" in value else Decimal(value)
    except ZeroDivisionError:
        return None
    if not isinstance(number, Fraction):
        return number_text(number, as_written=True)
    if not shown_rounded(number):
        return number_text(number)
    sign = MINUS if number < 0 else ""
    return f"{number_text(number)} (precies {sign}{abs(number.numerator)}/{number.denominator})"


def format_value(name: str, value: object, names: HistoryNames, *, entity: str) -> str:
    """One stored value of a row of entity (a table) as a reader wants to see it."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, str) and (entity, name) in _AS_REGISTERED:
        return value
    if name == "criterion_id" and isinstance(value, int):
        return names.criteria.get(value, str(value))
    if name == "assessor_id" and isinstance(value, int):
        return names.assessors.get(value, str(value))
    if isinstance(value, str) and _ISO_MOMENT.match(value):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if name in _UTC_FIELDS:
            return zoned_moment_text(moment, seconds=True)
        return zoned_local_text(moment, seconds=True)
    if isinstance(value, str) and (entity, name) in _EXACT_COLUMNS and (exact := _exact_text(value)) is not None:
        return exact
    if isinstance(value, str):
        return field_value_word(name, value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def event_changes(
    event: HistoryEvent, names: HistoryNames, *, leaving_out: frozenset[str] = frozenset()
) -> list[tuple[str, str, str]]:
    """(label, before, after) for every field the event touched but those leaving_out names, in Dutch words."""
    entity = event.entity
    return [
        (field_label(k), format_value(k, b, names, entity=entity), format_value(k, a, names, entity=entity))
        for k, b, a in event.changes()
        if k not in leaving_out
    ]


def event_lines(event: HistoryEvent, names: HistoryNames) -> list[str]:
    """One event as plain text for a reader: when (local time), who, what and from where, then every changed field."""
    head = f"{event_moment(event)}  {event.actor}: {event.what} (bron: {event.source_label})"
    return [head, *(f"    {label}: {before} → {after}" for label, before, after in event_changes(event, names))]
