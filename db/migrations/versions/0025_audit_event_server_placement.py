"""audit events on a team server: the events stored unplaced get their procedure, registration and assessor

On a team server the trigger of migration 0018 places each event (procurement_id, registration_id, assessor_id: the
columns the row security reads) from its payload. Until 0024 it took a delete event's stored JSON null (its after)
for that payload, and so an event with no details (a named action that gave none), placing them nowhere: only the
server's administrator saw them. 0024 mended the trigger and gave those delete events the registration their before
names, but not their procedure or assessor, nor a letter's registration (through its decision).

The placement is now a function of its own, beoordelaar_audit_place (what the trigger did, unchanged), which the
trigger calls and which fills the events stored so: each of their three columns that is empty and that the
placement gives, from the rows as they are now. What it does not give stays empty: an event of no procedure (a
provider, a stored document) or of one removed since. Filled once, nothing changes when it runs again; not hashed,
so the chain and its checkpoints are as they were. On SQLite (the laptop: no such columns) this does nothing.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-02 18:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The trigger function as migration 0024 defines it ({schema}: the server's schema).
PREVIOUS = """
CREATE OR REPLACE FUNCTION beoordelaar_audit_placed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = {schema}
AS $$
DECLARE
  payload jsonb := coalesce(nullif(NEW.after::jsonb, 'null'::jsonb), nullif(NEW.before::jsonb, 'null'::jsonb),
                            '{{}}'::jsonb);
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
  IF registration IS NULL AND payload ? 'interview_id' THEN
    SELECT registration_id INTO registration FROM interviews WHERE id = (payload->>'interview_id')::integer;
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

# The placement of PREVIOUS as a function of an event's entity, entity id, before and after: PREVIOUS's own steps,
# taken from it, with the event's fields for NEW's. Only the trigger (and this migration, run by the owner) calls
# it: it reads rows the row security hides.
_STEPS_START = "  -- An update names only the changed columns"
_STEPS_END = "  NEW.procurement_id := procurement;\n"
assert PREVIOUS.count(_STEPS_START) == 1 and PREVIOUS.count(_STEPS_END) == 1
_STEPS = PREVIOUS[PREVIOUS.index(_STEPS_START) : PREVIOUS.index(_STEPS_END)]
PLACE = (
    """
CREATE OR REPLACE FUNCTION beoordelaar_audit_place(
  event_entity text, event_entity_id text, event_before json, event_after json,
  OUT procurement integer, OUT registration integer, OUT assessor integer
) LANGUAGE plpgsql SECURITY DEFINER
SET search_path = {schema}
AS $$
DECLARE
  payload jsonb := coalesce(nullif(event_after::jsonb, 'null'::jsonb), nullif(event_before::jsonb, 'null'::jsonb),
                            '{{}}'::jsonb);
  numbered integer := CASE WHEN event_entity_id ~ '^[0-9]{{1,9}}$' THEN event_entity_id::integer END;
  rnd integer;
  looked jsonb;
BEGIN
"""
    + _STEPS.replace("NEW.entity_id", "event_entity_id").replace("NEW.entity", "event_entity")
    + """  assessor := CASE WHEN event_entity = 'assessors' THEN numbered ELSE (payload->>'assessor_id')::integer END;
END $$;
"""
)
assert "NEW." not in PLACE

PLACE_SIGNATURE = "beoordelaar_audit_place(text, text, json, json)"

CURRENT = """
CREATE OR REPLACE FUNCTION beoordelaar_audit_placed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = {schema}
AS $$
BEGIN
  IF NEW.actor <> session_user AND NOT beoordelaar_is_admin() THEN
    RAISE EXCEPTION 'actor % is not the login %', NEW.actor, session_user USING ERRCODE = '42501';
  END IF;
  SELECT placed.procurement, placed.registration, placed.assessor
    INTO NEW.procurement_id, NEW.registration_id, NEW.assessor_id
    FROM beoordelaar_audit_place(NEW.entity, NEW.entity_id, NEW.before, NEW.after) AS placed;
  RETURN NEW;
END $$;
"""

# The events the trigger placed from a JSON null (or with no payload at all): each empty column the placement gives
# is filled, a column that holds a value keeps it.
FILL = """
UPDATE audit_events AS e
SET procurement_id = coalesce(e.procurement_id, placed.procurement),
    registration_id = coalesce(e.registration_id, placed.registration),
    assessor_id = coalesce(e.assessor_id, placed.assessor)
FROM (
  SELECT o.id, p.procurement, p.registration, p.assessor
  FROM audit_events AS o
  CROSS JOIN LATERAL beoordelaar_audit_place(o.entity, o.entity_id, o.before, o.after) AS p
  WHERE (o.after IS NULL OR json_typeof(o.after) = 'null')
    AND (o.procurement_id IS NULL OR o.registration_id IS NULL OR o.assessor_id IS NULL)
) AS placed
WHERE e.id = placed.id
  AND ((e.procurement_id IS NULL AND placed.procurement IS NOT NULL)
       OR (e.registration_id IS NULL AND placed.registration IS NOT NULL)
       OR (e.assessor_id IS NULL AND placed.assessor IS NOT NULL))
"""


def _define(function: str) -> None:
    schema = op.get_bind().exec_driver_sql("SELECT current_schema()").scalar_one()
    op.execute(function.format(schema=schema))


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _define(PLACE)
    op.execute(f"REVOKE ALL ON FUNCTION {PLACE_SIGNATURE} FROM PUBLIC")
    _define(CURRENT)
    op.execute(FILL)


def downgrade() -> None:
    """The trigger function as it was; the filled events keep their placement (the earlier trigger left them empty
    only by mistake)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    _define(PREVIOUS)
    op.execute(f"DROP FUNCTION {PLACE_SIGNATURE}")
