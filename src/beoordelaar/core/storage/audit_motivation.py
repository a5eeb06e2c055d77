"""Where an assessor wrote the same motivation before, found by an index rather than by reading all their work.

Each insert event of a score revision carries a key of its assessor and its motivation's words (lower case, runs of
white space as one space) in an indexed column (audit_events.motivation_key), so that the places an assessor used the
same words are one indexed read however much of the round they scored. Derived from the event's own fields as it is
appended, and by migration 0021 for the events already stored; not hashed: it adds nothing the event does not say.
The key only finds candidates: the caller compares the current motivations themselves.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from beoordelaar.core.storage.models import AuditEvent

SCORES = "score_revisions"


def motivation_words(text: str) -> str:
    """A motivation as it is compared: lower case, white space as single spaces."""
    return " ".join(text.lower().split())


def motivation_key(assessor_id: int, motivation: str) -> str:
    return hashlib.sha256(f"{assessor_id}\n{motivation_words(motivation)}".encode()).hexdigest()[:32]


def event_motivation_key(entity: str, action: str, after: Any) -> str | None:
    """The key an event carries: for a new score revision, of its assessor and motivation; else None."""
    if entity != SCORES or action != "insert" or not isinstance(after, dict):
        return None
    assessor, motivation = after.get("assessor_id"), after.get("motivation")
    if not isinstance(assessor, int) or not isinstance(motivation, str):
        return None
    return motivation_key(assessor, motivation)


def fill_motivation_keys(rows: list[dict[str, Any]]) -> None:
    """Set each row's motivation_key (None for an event of anything but a new score revision)."""
    for row in rows:
        row["motivation_key"] = event_motivation_key(row["entity"], row["action"], row["after"])


def motivation_places(connection: Connection, assessor_id: int, motivation: str) -> set[tuple[int, int]]:
    """The (registration id, criterion id) of every score revision of the assessor ever written with these words."""
    found = connection.execute(
        select(AuditEvent.after).where(AuditEvent.motivation_key == motivation_key(assessor_id, motivation))
    ).scalars()
    return {(after["registration_id"], after["criterion_id"]) for after in found}
