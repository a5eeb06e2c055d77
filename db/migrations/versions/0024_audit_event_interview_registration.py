"""audit events: an interview's attendees and points belong to the interview's registration

Their rows carry interview_id, not registration_id, and the rule (core/storage/audit_registration.py, and the
server's trigger of migration 0018) reached a registration through a decision only: these events belonged to none
and were missing from the registration's history. The rule now goes on through an interview. On a team server the
trigger function gets the same step; on both engines the events stored without a registration are filled: from the
interview their row names (the row itself, or, where it is gone, its insert event), and the registration of that
interview (its row, or, where it is gone, its insert event). Not hashed: the chain and its checkpoints are as they
were.

And on a team server the trigger took a delete event's stored JSON null (its after) for its payload, so it placed
every delete event nowhere: the function reads past it now, and the delete events stored so are given the
registration their before names.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-02 14:40:00.000000
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INTERVIEW_TABLES = ("interview_attendees", "interview_points")
CHUNK = 500

# The trigger function as migration 0018 defines it ({schema}: the server's schema).
PREVIOUS = """
CREATE OR REPLACE FUNCTION beoordelaar_audit_placed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = {schema}
AS $$
DECLARE
  payload jsonb := coalesce(NEW.after::jsonb, NEW.before::jsonb, '{{}}'::jsonb);
  numbered integer := CASE WHEN NEW.entity_id ~ '^[0-9]{{1,9}}$' THEN NEW.entity_id::integer END;
  procurement integer;
  rnd integer;
  registration integer;
  looked jsonb;
BEGIN
  IF NEW.actor <> session_user AND NOT beoordelaar_is_admin() THEN
    RAISE EXCEPTION 'actor % is not the login %', NEW.actor, session_user USING ERRCODE = '42501';
  END IF;
  -- An update names only the changed columns: the row itself (when it is still there) says where it belongs.
  IF numbered IS NOT NULL AND NEW.entity ~ '^[a-z_]+$' AND to_regclass(NEW.entity) IS NOT NULL THEN
    EXECUTE format('SELECT to_jsonb(t) FROM %I t WHERE id = $1', NEW.entity) INTO looked USING numbered;
    IF looked IS NOT NULL THEN
      payload := payload || looked;
    END IF;
  END IF;
  registration := CASE WHEN NEW.entity = 'registrations' THEN numbered ELSE (payload->>'registration_id')::integer END;
  rnd := CASE WHEN NEW.entity = 'rounds' THEN numbered ELSE (payload->>'round_id')::integer END;
  procurement := CASE WHEN NEW.entity = 'procurements' THEN numbered ELSE (payload->>'procurement_id')::integer END;
  IF registration IS NULL AND payload ? 'decision_id' THEN
    SELECT registration_id INTO registration FROM decisions WHERE id = (payload->>'decision_id')::integer;
  END IF;
  IF rnd IS NULL AND payload ? 'interview_id' THEN
    SELECT round_id INTO rnd FROM interviews WHERE id = (payload->>'interview_id')::integer;
  END IF;
  IF rnd IS NULL AND registration IS NOT NULL THEN
    SELECT round_id INTO rnd FROM registrations WHERE id = registration;
  END IF;
  IF rnd IS NULL AND payload ? 'assessor_id' THEN
    SELECT round_id INTO rnd FROM assessors WHERE id = (payload->>'assessor_id')::integer;
  END IF;
  IF procurement IS NULL AND payload ? 'table_id' AND NEW.entity = 'dialogue_choices' THEN
    SELECT procurement_id INTO procurement FROM dialogue_tables WHERE id = (payload->>'table_id')::integer;
  END IF;
  IF procurement IS NULL AND rnd IS NOT NULL THEN
    SELECT procurement_id INTO procurement FROM rounds WHERE id = rnd;
  END IF;
  IF procurement IS NOT NULL AND NOT EXISTS (SELECT 1 FROM procurements WHERE id = procurement) THEN
    procurement := NULL;  -- a removed procedure: its last events belong to none (the admin reads them)
  END IF;
  NEW.procurement_id := procurement;
  NEW.registration_id := registration;
  NEW.assessor_id := CASE WHEN NEW.entity = 'assessors' THEN numbered ELSE (payload->>'assessor_id')::integer END;
  RETURN NEW;
END $$;
"""
_DECISION_STEP = """  IF registration IS NULL AND payload ? 'decision_id' THEN
    SELECT registration_id INTO registration FROM decisions WHERE id = (payload->>'decision_id')::integer;
  END IF;
"""
_INTERVIEW_STEP = """  IF registration IS NULL AND payload ? 'interview_id' THEN
    SELECT registration_id INTO registration FROM interviews WHERE id = (payload->>'interview_id')::integer;
  END IF;
"""
# A delete event's after (an insert's before) is stored as JSON null, not SQL NULL (SQLAlchemy's JSON writes None
# so): 0018's coalesce took that null for the payload, so a delete event was placed nowhere (no registration, round
# or procedure) on a server.
_PAYLOAD = "  payload jsonb := coalesce(NEW.after::jsonb, NEW.before::jsonb, '{{}}'::jsonb);\n"
_PAYLOAD_NOT_NULL = (
    "  payload jsonb := coalesce(nullif(NEW.after::jsonb, 'null'::jsonb), nullif(NEW.before::jsonb, 'null'::jsonb), "
    "'{{}}'::jsonb);\n"
)
assert PREVIOUS.count(_DECISION_STEP) == 1 and PREVIOUS.count(_PAYLOAD) == 1
CURRENT = PREVIOUS.replace(_DECISION_STEP, _DECISION_STEP + _INTERVIEW_STEP).replace(_PAYLOAD, _PAYLOAD_NOT_NULL)

# The delete events a server stored without their registration since 0022 filled them (the null payload above): the
# registration their before names (or, for a registration itself, its id); an interview's are filled by _fill. Not
# filled: a stored delete event's round and procedure (server columns the row security reads, so only the server's
# administrator sees those events), and a letter's (through its decision).
_SERVER_DELETES = """
UPDATE audit_events SET registration_id = CASE WHEN entity = 'registrations' THEN entity_id::integer
                                           ELSE (before::jsonb->>'registration_id')::integer END
WHERE registration_id IS NULL AND action = 'delete' AND jsonb_typeof(before::jsonb) = 'object'
  AND ((entity = 'registrations' AND entity_id ~ '^[0-9]{1,9}$')
       OR (entity <> 'registrations' AND (before::jsonb->>'registration_id') ~ '^[0-9]{1,9}$'))
"""


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


def _of_insert_events(
    bind: sa.Connection, events: sa.TableClause, table: str, column: str, rows: set[int]
) -> dict[int, int]:
    """For rows deleted since: the column their insert event named (a row never moves)."""
    c = events.c
    found: dict[int, int] = {}
    ordered = [str(number) for number in sorted(rows)]
    for start in range(0, len(ordered), CHUNK):
        query = sa.select(c.entity_id, c.after).where(
            c.entity == table, c.action == "insert", c.entity_id.in_(ordered[start : start + CHUNK])
        )
        for entity_id, after in bind.execute(query):
            named = _number(after.get(column)) if isinstance(after, dict) else None
            if named is not None:
                found[int(entity_id)] = named
    return found


def _of_rows(bind: sa.Connection, events: sa.TableClause, table: str, column: str, rows: set[int]) -> dict[int, int]:
    """column of these rows of table: from the row, or from its insert event where the row is gone."""
    found = _column_of(bind, table, column, rows)
    found.update(_of_insert_events(bind, events, table, column, rows - set(found)))
    return found


def _fill(bind: sa.Connection) -> None:
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
    open_events = bind.execute(
        sa.select(c.id, c.entity, c.entity_id, c.before, c.after).where(
            c.registration_id.is_(None), c.entity.in_(INTERVIEW_TABLES)
        )
    ).all()
    interview_of: dict[int, int] = {}  # event id -> its interview
    waiting: dict[str, list[tuple[int, int]]] = {}  # per table: (event id, its row) whose payload names no interview
    for event_id, entity, entity_id, before, after in open_events:
        payload = after if after is not None else before
        payload = payload if isinstance(payload, dict) else {}
        named, number = _number(payload.get("interview_id")), _number(entity_id)
        if named is not None:
            interview_of[event_id] = named
        elif number is not None:
            waiting.setdefault(entity, []).append((event_id, number))
    for table, pairs in waiting.items():
        of_row = _of_rows(bind, events, table, "interview_id", {number for _, number in pairs})
        interview_of.update((event, of_row[number]) for event, number in pairs if number in of_row)
    of_interview = _of_rows(bind, events, "interviews", "registration_id", set(interview_of.values()))
    update = events.update().where(c.id == sa.bindparam("event")).values(registration_id=sa.bindparam("registration"))
    filled = [
        {"event": event, "registration": of_interview[interview]}
        for event, interview in sorted(interview_of.items())
        if interview in of_interview
    ]
    for start in range(0, len(filled), 2000):
        bind.execute(update, filled[start : start + 2000])


def _define(function: str) -> None:
    bind = op.get_bind()
    schema = bind.exec_driver_sql("SELECT current_schema()").scalar_one()
    op.execute(function.format(schema=schema))


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _define(CURRENT)
        op.execute(_SERVER_DELETES)
    _fill(op.get_bind())


def downgrade() -> None:
    """The trigger function as it was; the filled events keep their registration (the earlier rule left them empty
    only by mistake)."""
    if op.get_bind().dialect.name == "postgresql":
        _define(PREVIOUS)
