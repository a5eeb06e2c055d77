"""users and rights on a team server (PostgreSQL only)

Each user is a PostgreSQL login; the group roles beoordelaar_voorzitter and beoordelaar_beoordelaar carry the table
privileges, beoordelaar_beheer manages who is a member of which procedure. server_memberships says which login is a
member of which procedure (inkoopprocedure) as chair or assessor, server_member_assessors which commission member
(assessors row, per round) a login is. Row-level security then shows a login only the rounds of its procedures, and
hides a colleague's scores, checks, drafts and return files (and their history events) from an assessor until the
chair opened the consensus discussion of that registration (registrations.consensus_opened_at).

RLS is ENABLEd, not FORCEd: the owner of the tables (the admin who runs the migrations) is not subject to it, and so
neither are the SECURITY DEFINER functions below, which the policies and the audit chain's append use to see what a
user may not (the chain's head, a row's procedure). A user subject to RLS is never the owner.

The history events get three columns filled by a trigger (procurement_id, registration_id, assessor_id: where the
event belongs, for its policy); they are not hashed, so the chain is unchanged. The same trigger refuses an event whose
actor is not the login that writes it. On SQLite (the laptop) this migration does nothing.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01 22:30:00.000000
"""

import re
from collections.abc import Sequence

from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHAIR = "beoordelaar_voorzitter"
ASSESSOR = "beoordelaar_beoordelaar"
MANAGER = "beoordelaar_beheer"
ROLES = (CHAIR, ASSESSOR, MANAGER)

# Where each table's rows belong: the column naming its parent, and the function listing the parents a login sees
# (visible) and the parents it chairs (may change as chair).
BY_PROCUREMENT = ("framework_amendments", "municipalities", "dialogue_tables")
BY_ROUND = (
    "lots", "product_group_closures", "assessors", "interviews", "lot_draws", "invitations", "relative_advantages",
    "procedure_facts", "report_approvals", "audit_checkpoints",
)  # fmt: skip
CHAIR_ONLY_BY_ROUND = ("work_packages", "exchange_keys")  # package codes and the round's private keys
BY_REGISTRATION = (
    "registration_lots", "declared_answers", "conflicts", "assignments", "consensus_scores", "requirement_verdicts",
    "verification_marks", "decisions", "consensus_discussions",
)  # fmt: skip
# An assessor's own work: hidden from a colleague until the consensus discussion of the registration is opened.
BLIND = ("score_revisions", "check_revisions", "work_drafts")
BY_INTERVIEW = ("interview_attendees", "interview_points")
SHARED = ("frameworks", "criteria", "providers", "import_mappings")

# What an assessor may write besides its own work: its declarations, PIN and hand-in on its assessors row.
ASSESSOR_COLUMNS = (
    "confidentiality_declared_at", "conflicts_declared_at", "conflicts_declared_by", "submitted_at", "pin_secret",
    "pin_set_at", "pin_wrong_tries", "pin_locked_at",
)  # fmt: skip

_FUNCTIONS = """
CREATE OR REPLACE FUNCTION beoordelaar_is_admin()
RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}
AS $$ SELECT coalesce((SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = session_user), false)
       OR pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'audit_events'::regclass), 'USAGE') $$;

CREATE OR REPLACE FUNCTION beoordelaar_is_manager() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = {schema}
AS $$ SELECT beoordelaar_is_admin() OR pg_has_role(session_user, '{manager}', 'MEMBER') $$;

CREATE OR REPLACE FUNCTION beoordelaar_procurements(chaired boolean)
RETURNS SETOF integer LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = {schema}
AS $$ SELECT id FROM procurements WHERE beoordelaar_is_admin()
      UNION SELECT procurement_id FROM server_memberships
       WHERE login = session_user AND (NOT chaired OR role = 'voorzitter') $$;

-- Volatile: sees the membership the insert trigger of procurements added in the same statement.
CREATE OR REPLACE FUNCTION beoordelaar_member_of(procurement integer, chaired boolean)
RETURNS boolean LANGUAGE sql VOLATILE
SECURITY DEFINER SET search_path = {schema}
AS $$ SELECT beoordelaar_is_admin() OR EXISTS (SELECT 1 FROM server_memberships WHERE login = session_user
       AND procurement_id = procurement AND (NOT chaired OR role = 'voorzitter')) $$;

CREATE OR REPLACE FUNCTION beoordelaar_rounds(chaired boolean)
RETURNS SETOF integer LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = {schema}
AS $$ SELECT id FROM rounds WHERE procurement_id IN (SELECT beoordelaar_procurements(chaired))
      UNION SELECT id FROM rounds WHERE beoordelaar_is_admin() $$;

CREATE OR REPLACE FUNCTION beoordelaar_registrations(chaired boolean) RETURNS SETOF integer LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = {schema}
AS $$ SELECT id FROM registrations WHERE round_id IN (SELECT beoordelaar_rounds(chaired)) $$;

CREATE OR REPLACE FUNCTION beoordelaar_opened_registrations() RETURNS SETOF integer LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = {schema}
AS $$ SELECT id FROM registrations WHERE consensus_opened_at IS NOT NULL
       AND round_id IN (SELECT beoordelaar_rounds(false)) $$;

CREATE OR REPLACE FUNCTION beoordelaar_own_assessors() RETURNS SETOF integer LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = {schema}
AS $$ SELECT assessor_id FROM server_member_assessors WHERE login = session_user $$;

CREATE OR REPLACE FUNCTION beoordelaar_chaired_assessors() RETURNS SETOF integer LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = {schema}
AS $$ SELECT id FROM assessors WHERE round_id IN (SELECT beoordelaar_rounds(true)) $$;

CREATE OR REPLACE FUNCTION beoordelaar_interviews(chaired boolean)
RETURNS SETOF integer LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = {schema}
AS $$ SELECT id FROM interviews WHERE round_id IN (SELECT beoordelaar_rounds(chaired)) $$;

CREATE OR REPLACE FUNCTION beoordelaar_decisions(chaired boolean)
RETURNS SETOF integer LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = {schema}
AS $$ SELECT id FROM decisions WHERE registration_id IN (SELECT beoordelaar_registrations(chaired)) $$;

CREATE OR REPLACE FUNCTION beoordelaar_dialogue_tables(chaired boolean) RETURNS SETOF integer LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = {schema}
AS $$ SELECT id FROM dialogue_tables WHERE procurement_id IN (SELECT beoordelaar_procurements(chaired)) $$;

-- The chain's head and length for the append and the checkpoints, whatever events the user may read.
CREATE OR REPLACE FUNCTION beoordelaar_audit_head() RETURNS varchar LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = {schema}
AS $$ SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1 $$;

CREATE OR REPLACE FUNCTION beoordelaar_audit_hash_at(place bigint) RETURNS varchar LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = {schema}
AS $$ SELECT hash FROM audit_events ORDER BY id OFFSET place LIMIT 1 $$;

CREATE OR REPLACE FUNCTION beoordelaar_audit_length() RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = {schema}
AS $$ SELECT count(*) FROM audit_events $$;

-- The creator of a procedure (a chair making a new round) becomes its chair, before the row's policy is checked.
CREATE OR REPLACE FUNCTION beoordelaar_procurement_creator() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = {schema}
AS $$ BEGIN
  IF NOT beoordelaar_is_admin() THEN
    INSERT INTO server_memberships (login, procurement_id, role) VALUES (session_user, NEW.id, 'voorzitter');
  END IF;
  RETURN NEW;
END $$;

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

_FUNCTION_NAMES = (
    "beoordelaar_audit_placed()",
    "beoordelaar_procurement_creator()",
    "beoordelaar_audit_length()",
    "beoordelaar_audit_hash_at(bigint)",
    "beoordelaar_audit_head()",
    "beoordelaar_dialogue_tables(boolean)",
    "beoordelaar_decisions(boolean)",
    "beoordelaar_interviews(boolean)",
    "beoordelaar_chaired_assessors()",
    "beoordelaar_own_assessors()",
    "beoordelaar_opened_registrations()",
    "beoordelaar_registrations(boolean)",
    "beoordelaar_rounds(boolean)",
    "beoordelaar_member_of(integer, boolean)",
    "beoordelaar_procurements(boolean)",
    "beoordelaar_is_manager()",
    "beoordelaar_is_admin()",
)


_POLICY = re.compile(r"CREATE POLICY (?P<name>\w+) ON (?P<table>\w+) ")


def _on_postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _policies(table: str, visible: str, chaired: str) -> list[str]:
    """Read what is visible; write (insert, update, delete) as the chair of it."""
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY beoordelaar_lezen ON {table} FOR SELECT USING ({visible})",
        f"CREATE POLICY beoordelaar_invoegen ON {table} FOR INSERT WITH CHECK ({chaired})",
        f"CREATE POLICY beoordelaar_wijzigen ON {table} FOR UPDATE USING ({chaired}) WITH CHECK ({chaired})",
        f"CREATE POLICY beoordelaar_verwijderen ON {table} FOR DELETE USING ({chaired})",
    ]


def _in(column: str, function: str, chaired: bool) -> str:
    return f"{column} IN (SELECT {function}({'true' if chaired else 'false'}))"


def _both(column: str, function: str) -> tuple[str, str]:
    return _in(column, function, False), _in(column, function, True)


def _statements() -> list[str]:
    own = "assessor_id IN (SELECT beoordelaar_own_assessors())"
    opened = "registration_id IN (SELECT beoordelaar_opened_registrations())"
    out: list[str] = []
    out += _policies("procurements", "beoordelaar_member_of(id, false) OR beoordelaar_is_manager()",
                     "beoordelaar_member_of(id, true)")  # fmt: skip
    out += _policies("rounds", f"{_in('procurement_id', 'beoordelaar_procurements', False)} OR "
                     "beoordelaar_is_manager()", _in("procurement_id", "beoordelaar_procurements", True))  # fmt: skip
    for table in BY_PROCUREMENT:
        out += _policies(table, *_both("procurement_id", "beoordelaar_procurements"))
    out += _policies("dialogue_choices", *_both("table_id", "beoordelaar_dialogue_tables"))
    for table in BY_ROUND:
        out += _policies(table, *_both("round_id", "beoordelaar_rounds"))
    for table in CHAIR_ONLY_BY_ROUND:
        chaired = _in("round_id", "beoordelaar_rounds", True)
        out += _policies(table, chaired, chaired)
    out += _policies("registrations", *_both("round_id", "beoordelaar_rounds"))
    for table in BY_REGISTRATION:
        out += _policies(table, *_both("registration_id", "beoordelaar_registrations"))
    documents = [
        f"{_in('registration_id', 'beoordelaar_registrations', chaired)} OR "
        f"{_in('interview_id', 'beoordelaar_interviews', chaired)}"
        for chaired in (False, True)
    ]
    out += _policies("documents", *documents)
    for table in BY_INTERVIEW:
        out += _policies(table, *_both("interview_id", "beoordelaar_interviews"))
    out += _policies("letters", *_both("decision_id", "beoordelaar_decisions"))
    for table in BLIND:
        chaired = _in("registration_id", "beoordelaar_registrations", True)
        visible = _in("registration_id", "beoordelaar_registrations", False)
        seen, written = f"{chaired} OR ({visible} AND ({own} OR {opened}))", f"{chaired} OR ({visible} AND {own})"
        out += _policies(table, seen, written)
    chaired = _in("round_id", "beoordelaar_rounds", True)
    out += _policies("return_files", f"{chaired} OR {own}", chaired)
    # An assessor declares its own conflicts of interest.
    out.append(f"CREATE POLICY beoordelaar_eigen_conflict ON conflicts USING ({own}) WITH CHECK ({own})")
    # An assessor's own row: its declarations, PIN and hand-in (the columns granted below).
    # The manager links logins to commission members, so it reads who they are (not their work).
    out.append("CREATE POLICY beoordelaar_beheer_leden ON assessors FOR SELECT USING (beoordelaar_is_manager())")
    mine = "id IN (SELECT beoordelaar_own_assessors())"
    out.append(f"CREATE POLICY beoordelaar_eigen_lid ON assessors FOR UPDATE USING ({mine}) WITH CHECK ({mine})")
    # The history: everything of the user's procedures, but a colleague's work only as its table shows it.
    placed = _in("procurement_id", "beoordelaar_procurements", False)
    chaired = _in("procurement_id", "beoordelaar_procurements", True)
    blind = ", ".join(f"'{t}'" for t in (*BLIND, "return_files"))
    own_work = ", ".join(f"'{t}'" for t in (*BLIND, "conflicts", "assessors"))
    out += [
        "ALTER TABLE audit_events ADD COLUMN IF NOT EXISTS procurement_id integer",
        "ALTER TABLE audit_events ADD COLUMN IF NOT EXISTS registration_id integer",
        "ALTER TABLE audit_events ADD COLUMN IF NOT EXISTS assessor_id integer",
        "CREATE INDEX IF NOT EXISTS ix_audit_events_procurement_id ON audit_events (procurement_id)",
        "CREATE OR REPLACE TRIGGER beoordelaar_audit_placed BEFORE INSERT ON audit_events FOR EACH ROW "
        "EXECUTE FUNCTION beoordelaar_audit_placed()",
        "ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY beoordelaar_lezen ON audit_events FOR SELECT USING ({chaired} OR ({placed} AND "
        f"(entity NOT IN ({blind}) OR {own} OR {opened})))",
        # The chair writes the history of its procedures (and what belongs to none, as a removed round); an
        # assessor only that of its own work.
        f"CREATE POLICY beoordelaar_invoegen ON audit_events FOR INSERT WITH CHECK ({chaired} OR "
        f"(procurement_id IS NULL AND pg_has_role(session_user, '{CHAIR}', 'MEMBER')) OR "
        f"(entity IN ({own_work}) AND {own}) OR (entity = 'server_memberships' AND beoordelaar_is_manager()))",
    ]
    out += [
        "CREATE OR REPLACE TRIGGER beoordelaar_procurement_creator BEFORE INSERT ON procurements FOR EACH ROW "
        "EXECUTE FUNCTION beoordelaar_procurement_creator()",
        "ALTER TABLE server_memberships ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY beoordelaar_lezen ON server_memberships FOR SELECT USING (login = session_user OR "
        "beoordelaar_is_manager())",
        "CREATE POLICY beoordelaar_beheren ON server_memberships USING (beoordelaar_is_manager()) "
        "WITH CHECK (beoordelaar_is_manager())",
        "ALTER TABLE server_member_assessors ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY beoordelaar_lezen ON server_member_assessors FOR SELECT USING (login = session_user OR "
        "beoordelaar_is_manager() OR assessor_id IN (SELECT beoordelaar_chaired_assessors()))",
        "CREATE POLICY beoordelaar_beheren ON server_member_assessors USING (beoordelaar_is_manager()) "
        "WITH CHECK (beoordelaar_is_manager())",
    ]
    return out


def _grants(tables: list[str]) -> list[str]:
    everything = ", ".join(tables)
    written_by_assessor = ", ".join((*BLIND, "conflicts"))
    columns = ", ".join(ASSESSOR_COLUMNS)
    return [
        f"GRANT SELECT ON {everything}, alembic_version TO {CHAIR}, {ASSESSOR}",
        f"GRANT INSERT, UPDATE, DELETE ON {', '.join(t for t in tables if t not in (*SHARED, 'audit_events'))} "
        f"TO {CHAIR}",
        # Shared by every procedure of the database: a chair adds to them, never changes another's.
        f"GRANT INSERT ON {', '.join(SHARED)} TO {CHAIR}",
        f"GRANT UPDATE ON import_mappings TO {CHAIR}",
        f"GRANT INSERT ON audit_events TO {CHAIR}, {ASSESSOR}",
        f"GRANT INSERT, UPDATE, DELETE ON {written_by_assessor} TO {ASSESSOR}",
        f"GRANT UPDATE ({columns}) ON assessors TO {ASSESSOR}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {{schema}} TO {CHAIR}, {ASSESSOR}",
        f"GRANT SELECT ON procurements, rounds, assessors, server_memberships, server_member_assessors, "
        f"alembic_version TO {MANAGER}",
        f"GRANT INSERT ON audit_events TO {MANAGER}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {{schema}} TO {MANAGER}",
        f"GRANT INSERT, UPDATE, DELETE ON server_memberships, server_member_assessors TO {MANAGER}",
        f"GRANT SELECT ON server_memberships, server_member_assessors TO {CHAIR}, {ASSESSOR}",
    ]


def upgrade() -> None:
    if not _on_postgresql():
        return
    bind = op.get_bind()
    schema = bind.exec_driver_sql("SELECT current_schema()").scalar_one()
    # Roles belong to the whole server (cluster): another database of it may have made them already.
    for role in ROLES:
        op.execute(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN "
            f"CREATE ROLE {role} NOLOGIN; END IF; END $$"
        )
    op.execute(
        "CREATE TABLE IF NOT EXISTS server_memberships ("
        " login varchar(63) NOT NULL,"
        " procurement_id integer NOT NULL REFERENCES procurements (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
        " role varchar(20) NOT NULL CHECK (role IN ('voorzitter', 'beoordelaar')),"
        " granted_by varchar(63) NOT NULL DEFAULT session_user,"
        " granted_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),"
        " PRIMARY KEY (login, procurement_id))"
    )
    op.execute(
        "CREATE TABLE IF NOT EXISTS server_member_assessors ("
        " assessor_id integer PRIMARY KEY REFERENCES assessors (id) ON DELETE CASCADE,"
        " login varchar(63) NOT NULL,"
        " linked_by varchar(63) NOT NULL DEFAULT session_user,"
        " linked_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc'))"
    )
    op.execute("CREATE INDEX IF NOT EXISTS ix_server_member_assessors_login ON server_member_assessors (login)")
    op.execute(_FUNCTIONS.format(schema=schema, manager=MANAGER))
    for statement in _statements():
        policy = _POLICY.match(statement)
        if policy:  # the migration may run again on a database whose version was set back (see the tests)
            op.execute(f"DROP POLICY IF EXISTS {policy['name']} ON {policy['table']}")
        op.execute(statement)
    tables = [
        name
        for (name,) in bind.exec_driver_sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN "
            "('alembic_version', 'server_memberships', 'server_member_assessors') ORDER BY tablename"
        )
    ]
    for statement in _grants(tables):
        op.execute(statement.format(schema=schema))


def downgrade() -> None:
    if not _on_postgresql():
        return
    tables = [
        name
        for (name,) in op.get_bind().exec_driver_sql(
            "SELECT DISTINCT tablename FROM pg_policies WHERE schemaname = current_schema()"
        )
    ]
    for table in tables:
        for (policy,) in (
            op.get_bind()
            .exec_driver_sql(
                f"SELECT policyname FROM pg_policies WHERE schemaname = current_schema() AND tablename = '{table}'"
            )
            .all()
        ):
            op.execute(f"DROP POLICY {policy} ON {table}")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    op.execute("DROP TRIGGER beoordelaar_audit_placed ON audit_events")
    op.execute("DROP TRIGGER beoordelaar_procurement_creator ON procurements")
    for column in ("procurement_id", "registration_id", "assessor_id"):
        op.execute(f"ALTER TABLE audit_events DROP COLUMN {column}")
    op.execute("DROP TABLE server_member_assessors")
    op.execute("DROP TABLE server_memberships")
    for function in _FUNCTION_NAMES:
        op.execute(f"DROP FUNCTION {function}")
    schema = op.get_bind().exec_driver_sql("SELECT current_schema()").scalar_one()
    for role in ROLES:  # the roles stay: they belong to the whole server, other databases may use them
        op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role}")
        op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {role}")
