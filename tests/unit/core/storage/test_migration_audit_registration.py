"""Migration 0020 and the appended events: each audit event names the registration it belongs to, the same one the
history found by reading the events' JSON, whether it was appended with the column or derived by the migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from beoordelaar.core.decisions.letters import make_letters
from beoordelaar.core.storage.audit_registration import REGISTRATION_TABLES
from beoordelaar.core.storage.database import Database
from beoordelaar.core.storage.migrations import upgrade
from engines import MIGRATION_FIXTURES
from schema_revisions import downgrade
from templates import DemoCopies

pytestmark = pytest.mark.sqlite_only(reason=MIGRATION_FIXTURES)

# What the history read before 0020: the registration's own events, its rows' (by the id in after or before) and the
# letters of its decisions.
FROM_JSON = f"""
SELECT e.id, CASE
    WHEN e.entity = 'registrations' THEN CAST(e.entity_id AS INTEGER)
    WHEN e.entity IN ({", ".join(f"'{t}'" for t in REGISTRATION_TABLES)})
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


def test_appended_and_migrated_events_name_the_same_registration(
    tmp_path: Path, db: Database, db_path: Path, cached_demo: DemoCopies
) -> None:
    summary = cached_demo(db, providers=4, actor="t")
    make_letters(db.sessions, db.documents, summary.id, tmp_path / "brieven", actor="t")
    db.close()
    appended = _column(db_path)
    assert appended == _from_json(db_path)
    named = {registration for _, registration in appended if registration is not None}
    assert len(named) == 4
    with sqlite3.connect(db_path) as connection:
        letters = connection.execute(
            "SELECT count(*) FROM audit_events WHERE entity = 'letters' AND registration_id IS NOT NULL"
        ).fetchone()[0]
    assert letters >= 4

    downgrade(db_path, "0016")
    upgrade(db_path, backup_dir=tmp_path / "backups")

    assert _column(db_path) == appended
