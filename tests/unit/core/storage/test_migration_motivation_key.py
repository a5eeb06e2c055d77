"""Migration 0021 and the appended events: each new score revision's event carries the key of its assessor and its
motivation's words, the same whether it was appended with the column or derived by the migration; no other event
has one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from beoordelaar.core.storage.audit_motivation import motivation_key
from beoordelaar.core.storage.database import Database
from beoordelaar.core.storage.migrations import upgrade
from engines import MIGRATION_FIXTURES
from schema_revisions import downgrade
from templates import DemoCopies


def _keys(path: Path) -> list[tuple[int, str, str | None, str | None]]:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT id, entity, action, motivation_key FROM audit_events ORDER BY id").fetchall()


def _revisions(path: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT json_extract(after, '$.assessor_id'), json_extract(after, '$.motivation') FROM audit_events "
            "WHERE entity = 'score_revisions' AND action = 'insert' ORDER BY id"
        ).fetchall()


@pytest.mark.sqlite_only(reason=MIGRATION_FIXTURES)
def test_appended_and_migrated_events_carry_the_same_motivation_keys(
    tmp_path: Path, db: Database, db_path: Path, cached_demo: DemoCopies
) -> None:
    cached_demo(db, providers=4, actor="t")
    db.close()
    appended = _keys(db_path)
    keyed = [key for _, entity, action, key in appended if key is not None]
    assert keyed == [motivation_key(assessor, text) for assessor, text in _revisions(db_path)]
    assert len(keyed) > 10
    assert all(entity == "score_revisions" and action == "insert" for _, entity, action, key in appended if key)

    downgrade(db_path, "0020")
    upgrade(db_path, backup_dir=tmp_path / "backups")

    assert _keys(db_path) == appended
