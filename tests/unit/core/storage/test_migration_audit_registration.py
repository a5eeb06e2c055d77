"""Migrations 0020, 0022 and 0024 and the appended events: each audit event names the registration it belongs to, the
same whether it was appended with the column or derived by the migrations: from its own fields, else from the row it
is about (an update, a named action), else from that row's insert event when the row has been deleted since; an
interview's attendees and points through their interview."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from beoordelaar.core.decisions.letters import make_letters
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.storage.database import Database
from beoordelaar.core.storage.migrations import upgrade
from engines import MIGRATION_FIXTURES
from schema_revisions import downgrade
from templates import DemoCopies

pytestmark = pytest.mark.sqlite_only(reason=MIGRATION_FIXTURES)

# 0020's rule, which the history read before 0020 too: the registration's own events, its rows' (by the id in after
# or before) and the letters of its decisions.
OLD_TABLES = (
    "declared_answers", "documents", "registration_lots", "conflicts", "assignments", "score_revisions",
    "check_revisions", "consensus_scores", "requirement_verdicts", "verification_marks", "interviews", "decisions",
)  # fmt: skip
FROM_JSON = f"""
SELECT e.id, CASE
    WHEN e.entity = 'registrations' THEN CAST(e.entity_id AS INTEGER)
    WHEN e.entity IN ({", ".join(f"'{t}'" for t in OLD_TABLES)})
        THEN COALESCE(json_extract(e.after, '$.registration_id'), json_extract(e.before, '$.registration_id'))
    WHEN e.entity = 'letters' THEN (SELECT d.registration_id FROM decisions d
        WHERE d.id = COALESCE(json_extract(e.after, '$.decision_id'), json_extract(e.before, '$.decision_id')))
    END
FROM audit_events e ORDER BY e.id
"""


def _column(path: Path) -> list[tuple[int, int | None]]:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT id, registration_id FROM audit_events ORDER BY id").fetchall()


def _from_json(path: Path) -> list[tuple[int, int | None]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(FROM_JSON).fetchall()


def _changes_without_the_registration_in_their_fields(db: Database) -> dict[str, int]:
    """An update of a decision, a named action about a declared answer, and an update of a conflict then deleted:
    the ids of their events."""
    with unit_of_work(db.sessions, actor="t") as session:
        decision = session.scalars(select(m.Decision).order_by(m.Decision.id)).first()
        decision.reasons = f"{decision.reasons or ''} Aangevuld."
        answer = session.scalars(select(m.DeclaredAnswer).order_by(m.DeclaredAnswer.id)).first()
        record_action(session, "answer-read", "declared_answers", str(answer.id), {"gelezen": True})
        conflict = session.scalars(select(m.ConflictOfInterest).order_by(m.ConflictOfInterest.id)).first()
        conflict.reason = "Bijgewerkt."
    with unit_of_work(db.sessions, actor="t") as session:
        session.delete(session.get(m.ConflictOfInterest, conflict.id))
    with sqlite3.connect(db.path) as connection:
        found = connection.execute(
            "SELECT entity || ':' || action, id FROM audit_events WHERE (entity = 'decisions' AND action = 'update') "
            "OR action = 'answer-read' OR (entity = 'conflicts' AND action = 'update')"
        ).fetchall()
    return dict(found)


def test_appended_and_migrated_events_name_the_same_registration(
    tmp_path: Path, db: Database, db_path: Path, cached_demo: DemoCopies
) -> None:
    summary = cached_demo(db, providers=4, actor="t")
    make_letters(db.sessions, db.documents, summary.id, tmp_path / "brieven", actor="t")
    changed = _changes_without_the_registration_in_their_fields(db)
    db.close()
    appended = _column(db_path)
    by_event = dict(appended)
    assert all(by_event[event] is not None for event in changed.values()), changed
    old_rule = _from_json(db_path)
    with sqlite3.connect(db_path) as connection:
        of_interviews = [  # 0024's step: an interview's attendees and points, through the interview
            event for (event,) in connection.execute(
                "SELECT id FROM audit_events WHERE entity IN ('interview_attendees', 'interview_points')"
            )
        ]  # fmt: skip
    assert of_interviews and all(by_event[event] is not None for event in of_interviews)
    assert [event for (event, new), (_, old) in zip(appended, old_rule, strict=True) if new != old] == sorted(
        [*changed.values(), *of_interviews]
    )  # the new rules add just these; the rest is as 0020 had it
    named = {registration for _, registration in appended if registration is not None}
    assert len(named) == 4
    with sqlite3.connect(db_path) as connection:
        letters = connection.execute(
            "SELECT count(*) FROM audit_events WHERE entity = 'letters' AND registration_id IS NOT NULL"
        ).fetchone()[0]
    assert letters >= 4

    downgrade(db_path, "0021")  # events as 0020's rule left them
    with sqlite3.connect(db_path) as connection:
        old = [(registration, event) for event, registration in old_rule]
        connection.executemany("UPDATE audit_events SET registration_id = ? WHERE id = ?", old)
    upgrade(db_path, backup_dir=tmp_path / "backups")
    assert _column(db_path) == appended

    downgrade(db_path, "0016")
    upgrade(db_path, backup_dir=tmp_path / "backups")
    assert _column(db_path) == appended
