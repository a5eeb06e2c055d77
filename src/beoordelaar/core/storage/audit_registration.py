"""Which registration an audit event belongs to, kept beside the event (audit_events.registration_id, indexed) so
that a registration's history is one indexed read however long the round's history grows.

An event belongs to a registration when it is about the registration itself (entity registrations, its id), about a
row of a table that carries the registration's id (in the event's after or before), or about a letter of one of the
registration's decisions. Derived from the event's own fields as it is appended; migration 0020 derives it the same
way for the events already stored.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from beoordelaar.core.storage.models import Decision

# The rows that belong to a registration carry its id; these tables are its history.
REGISTRATION_TABLES = (
    "declared_answers", "documents", "registration_lots", "conflicts", "assignments", "score_revisions",
    "check_revisions", "consensus_scores", "requirement_verdicts", "verification_marks", "interviews", "decisions",
)  # fmt: skip


def _as_id(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _field(row: dict[str, Any], key: str) -> int | None:
    for values in (row["after"], row["before"]):
        if isinstance(values, dict) and (found := _as_id(values.get(key))) is not None:
            return found
    return None


def fill_registration_ids(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """Set each row's registration_id (None for an event of no registration); one query for the letters' decisions."""
    letters: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        entity = row["entity"]
        row["registration_id"] = None
        if entity == "registrations":
            row["registration_id"] = _as_id(row["entity_id"])
        elif entity in REGISTRATION_TABLES:
            row["registration_id"] = _field(row, "registration_id")
        elif entity == "letters" and (decision := _field(row, "decision_id")) is not None:
            letters.setdefault(decision, []).append(row)
    if letters:
        found = connection.execute(select(Decision.id, Decision.registration_id).where(Decision.id.in_(letters))).all()
        for decision, registration in found:
            for row in letters[decision]:
                row["registration_id"] = registration
