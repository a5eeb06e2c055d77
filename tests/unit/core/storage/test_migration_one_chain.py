"""Migration 0017: a unique previous hash. The demo's history (a real one) takes it as it is; a history forked before
it (two events after the same one, as two writers could make on a server before appends were serialised) is refused
with the first forked event, and the database stays as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from beoordelaar.core.storage.database import Database
from beoordelaar.core.storage.migrations import upgrade
from engines import MIGRATION_FIXTURES
from schema_revisions import downgrade
from templates import DemoCopies

pytestmark = pytest.mark.sqlite_only(reason=MIGRATION_FIXTURES)


def _indexes(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        return {row[1] for row in connection.execute("PRAGMA index_list(audit_events)")}


@pytest.fixture
def demo_at_0016(db: Database, db_path: Path, cached_demo: DemoCopies) -> Path:
    cached_demo(db, providers=6, actor="test")
    db.close()
    downgrade(db_path, "0016")
    return db_path


def test_an_existing_history_takes_the_unique_previous_hash(demo_at_0016: Path) -> None:
    db_path = demo_at_0016
    assert "ix_audit_events_prev_hash" not in _indexes(db_path)
    assert upgrade(db_path, backup_dir=db_path.parent / "backups") is not None
    assert "ix_audit_events_prev_hash" in _indexes(db_path)


def test_a_forked_history_is_refused_and_left_as_it_was(demo_at_0016: Path) -> None:
    db_path = demo_at_0016
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            "INSERT INTO audit_events (at, actor, source, action, entity, prev_hash, hash) "
            "SELECT at, 'a', 'app', 'proef', 'rounds', prev_hash, ? FROM audit_events WHERE id = 5",
            ("f" * 64,),
        )
    with pytest.raises(RuntimeError, match="De geschiedenis is gevorkt"):
        upgrade(db_path, backup_dir=db_path.parent / "backups")
    assert "ix_audit_events_prev_hash" not in _indexes(db_path)
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0016",)
