"""audit events: the registration of an update or a named action, by the server's rule on both engines

0020 derived an event's registration from its own fields alone, so an update (which names only the changed columns)
and a named action about a registration's row (an interview approved, a document added) belonged to none, and were
missing from that registration's history; a consensus discussion's events too. A team server's trigger (0018) already
looked at the row itself. The app now derives it by the trigger's rule (core/storage/audit_registration.py); this
migration fills the events that 0020 (or the app before it) left without one: from the row they are about, or, where
that row has been deleted since, from its insert event (a row never moves to another registration). Not hashed: the
chain and its checkpoints are as they were.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-02 04:40:00.000000
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As in core/storage/audit_registration.py when this migration was written: the audited tables whose rows carry a
# registration's id, and the one that reaches it through a decision.
REGISTRATION_TABLES = (
    "assignments", "check_revisions", "conflicts", "consensus_discussions", "consensus_scores", "declared_answers",
    "decisions", "documents", "interviews", "registration_lots", "requirement_verdicts", "score_revisions",
    "verification_marks",
)  # fmt: skip
CHUNK = 500


def _number(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit() and len(value) <= 9:
        return int(value)
    return None


def _column_of(bind: sa.Connection, table: str, column: str, ids: set[int]) -> dict[int, int]:
    rows = sa.table(table, sa.column("id", sa.Integer), sa.column(column, sa.Integer))
    found: dict[int, int] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        query = sa.select(rows.c.id, rows.c[column]).where(rows.c.id.in_(chunk), rows.c[column].is_not(None))
        found.update(tuple(row) for row in bind.execute(query))
    return found


def _of_insert_events(bind: sa.Connection, events: sa.TableClause, table: str, rows: set[int]) -> dict[int, int]:
    """For rows deleted since: the registration their insert event named."""
    c = events.c
    found: dict[int, int] = {}
    ordered = [str(number) for number in sorted(rows)]
    for start in range(0, len(ordered), CHUNK):
        query = sa.select(c.entity_id, c.after).where(
            c.entity == table, c.action == "insert", c.entity_id.in_(ordered[start : start + CHUNK])
        )
        for entity_id, after in bind.execute(query):
            named = _number(after.get("registration_id")) if isinstance(after, dict) else None
            if named is not None:
                found[int(entity_id)] = named
    return found


def upgrade() -> None:
    bind = op.get_bind()
    events = sa.table(
        "audit_events",
        sa.column("id", sa.Integer),
        sa.column("action", sa.String),
        sa.column("entity", sa.String),
        sa.column("entity_id", sa.String),
        sa.column("before", sa.JSON),
        sa.column("after", sa.JSON),
        sa.column("registration_id", sa.Integer),
    )
    c = events.c
    asked = sa.or_(c.entity.in_(REGISTRATION_TABLES), c.entity == "letters")
    open_events = bind.execute(
        sa.select(c.id, c.entity, c.entity_id, c.before, c.after).where(c.registration_id.is_(None), asked)
    ).all()
    found: dict[int, int] = {}
    # (event id, entity, its row's id, the payload's decision) of the events whose payload names no registration
    waiting: list[tuple[int, str, int, int | None]] = []
    for event_id, entity, entity_id, before, after in open_events:
        payload = after if after is not None else before
        payload = payload if isinstance(payload, dict) else {}
        named, number = _number(payload.get("registration_id")), _number(entity_id)
        if named is not None:
            found[event_id] = named
        elif number is not None:
            waiting.append((event_id, entity, number, _number(payload.get("decision_id"))))
    for table in REGISTRATION_TABLES:
        rows = {number for _, entity, number, _ in waiting if entity == table}
        if rows:
            of_row = _column_of(bind, table, "registration_id", rows)
            of_row.update(_of_insert_events(bind, events, table, rows - set(of_row)))
            found.update((event, of_row[n]) for event, entity, n, _ in waiting if entity == table and n in of_row)
    letters = [(event, number, decision) for event, entity, number, decision in waiting if entity == "letters"]
    if letters:
        of_letter = _column_of(bind, "letters", "decision_id", {number for _, number, _ in letters})
        decided = {event: decision or of_letter.get(number) for event, number, decision in letters}
        of_decision = _column_of(bind, "decisions", "registration_id", {d for d in decided.values() if d is not None})
        found.update((event, of_decision[d]) for event, d in decided.items() if d in of_decision)
    update = events.update().where(c.id == sa.bindparam("event")).values(registration_id=sa.bindparam("registration"))
    filled = [{"event": event, "registration": registration} for event, registration in sorted(found.items())]
    for start in range(0, len(filled), 2000):
        bind.execute(update, filled[start : start + 2000])


def downgrade() -> None:
    """Nothing to undo: 0020's column stays, and its rule left these events empty only by mistake."""
