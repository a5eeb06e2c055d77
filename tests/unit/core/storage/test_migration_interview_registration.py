"""Migration 0024, on both engines: the events of an interview's attendees and points stored without a registration
get the interview's, the one the app appends them with: from the interview their payload or row names (or, the row
gone, its insert event), and that interview's registration (or, the interview gone, its insert event's). On a
server the trigger function gets the step, and loses it again on the way down."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from beoordelaar.core.storage.database import Database
from beoordelaar.core.storage.migrations import upgrade
from beoordelaar.core.verification.verification import Attendee, PointInput, plan_interview, record_interview
from engines import ON_POSTGRESQL, raw_sql
from exchange_round import NUMBERS, make_doubted_round, round_id_of
from schema_revisions import downgrade
from templates import DatabaseTemplates

WHEN = datetime(2026, 10, 5, 14, 0)
INTERVIEW_TABLES = "('interview_attendees', 'interview_points')"
STEP = "SELECT registration_id INTO registration FROM interviews"


def _column(where: Path | str) -> list[tuple[int, int | None]]:
    with raw_sql(where) as connection:
        return [tuple(row) for row in connection.execute("SELECT id, registration_id FROM audit_events ORDER BY id")]


def _emptied_and_set_back(where: Path | str, *statements: str) -> None:
    """The interview events as the rule before 0024 left them, at schema 0023 (whose downgrade changes nothing else
    stored), after statements."""
    with raw_sql(where) as connection:
        for statement in statements:
            connection.execute(statement)
        emptied = connection.execute(
            f"UPDATE audit_events SET registration_id = NULL WHERE entity IN {INTERVIEW_TABLES}"
        ).rowcount
        connection.execute("UPDATE alembic_version SET version_num = '0023'")
    assert emptied == 6


def _trigger_source(where: Path | str) -> str:
    """The trigger function's source, with the placement function's it calls since 0025."""
    with raw_sql(where) as connection:
        return connection.execute(
            "SELECT string_agg(prosrc, ' ') FROM pg_proc WHERE proname IN ('beoordelaar_audit_placed', "
            "'beoordelaar_audit_place')"
        ).scalar_one()


def test_the_migration_gives_the_interview_events_their_registration(
    tmp_path: Path, db: Database, db_path: Path | str, templates: DatabaseTemplates
) -> None:
    templates.load(db, templates.built(make_doubted_round))
    round_id = round_id_of(db)
    people = [Attendee("Marieke Jansen", "Voorzitter", "region"), Attendee("P. de Boer", "Directeur", "provider")]
    planned = plan_interview(db.sessions, round_id, NUMBERS[0], planned_at=WHEN,
                             location="Zwolle", attendees=people, actor="v")  # fmt: skip
    points = [PointInput(p.code, p.reason, "Vraag?", "Antwoord.", True, motivation="Verduidelijkt.")
              for p in planned.points]  # fmt: skip
    record_interview(db.sessions, planned.id, points=points, actor="v")  # updates that name no interview
    db.close()
    appended = _column(db_path)
    with raw_sql(db_path) as connection:
        registration = connection.execute("SELECT registration_id FROM interviews").scalar_one()
        told = connection.execute(
            f"SELECT count(*) FROM audit_events WHERE entity IN {INTERVIEW_TABLES} AND registration_id = ?",
            (registration,),
        ).scalar_one()
    assert told == 6  # two attendees, two points, two updates of them

    # A point's row deleted since: the interview of its update is the one its insert event named.
    _emptied_and_set_back(db_path, "DELETE FROM interview_points WHERE id = (SELECT min(id) FROM interview_points)")
    upgrade(db_path, backup_dir=tmp_path / "backups")
    assert _column(db_path) == appended

    # The interview gone too: its registration is the one its insert event named.
    _emptied_and_set_back(db_path, "DELETE FROM interview_attendees", "DELETE FROM interview_points",
                          "DELETE FROM interviews")  # fmt: skip
    upgrade(db_path, backup_dir=tmp_path / "backups")
    assert _column(db_path) == appended

    if ON_POSTGRESQL:
        assert STEP in _trigger_source(db_path)
        downgrade(db_path, "0023")
        assert STEP not in _trigger_source(db_path)
        assert _column(db_path) == appended  # the filled events keep their registration
        upgrade(db_path, backup_dir=tmp_path / "backups")
        assert STEP in _trigger_source(db_path)


@pytest.mark.skipif(not ON_POSTGRESQL, reason="the server's trigger: on PostgreSQL only")
def test_on_a_server_a_delete_event_is_placed_and_the_ones_stored_unplaced_get_their_registration(
    tmp_path: Path, db: Database, db_path: Path | str, templates: DatabaseTemplates
) -> None:
    """A delete event's after is stored as JSON null: the trigger of 0018 took it for the payload and placed the
    event nowhere; 0024's reads past it, and fills the registration of those stored so from their before."""
    templates.load(db, templates.built(make_doubted_round))
    db.close()
    event = (
        "INSERT INTO audit_events (at, actor, source, action, entity, entity_id, before, after, prev_hash, hash) "
        "VALUES (now(), current_user, 'test', 'delete', 'assignments', '999', ?, 'null', ?, ?) RETURNING id"
    )
    with raw_sql(db_path) as connection:
        registration = connection.execute("SELECT min(id) FROM registrations").scalar_one()
        before = f'{{"id": 999, "registration_id": {registration}, "criterion_id": 1}}'
        placed = connection.execute(event, (before, "a" * 64, "b" * 64)).scalar_one()
        assert connection.execute(
            "SELECT registration_id FROM audit_events WHERE id = ?", (placed,)
        ).scalar_one() == registration  # fmt: skip
        connection.execute("UPDATE audit_events SET registration_id = NULL WHERE id = ?", (placed,))
        connection.execute("UPDATE alembic_version SET version_num = '0023'")
    upgrade(db_path, backup_dir=tmp_path / "backups")
    with raw_sql(db_path) as connection:
        assert connection.execute(
            "SELECT registration_id FROM audit_events WHERE id = ?", (placed,)
        ).scalar_one() == registration  # fmt: skip
