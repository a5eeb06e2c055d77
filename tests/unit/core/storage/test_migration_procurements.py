"""Migration 0014: every existing round becomes an entry moment of a procedure, with nothing lost, after a backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from beoordelaar.core.demo.demo import build_demo
from beoordelaar.core.record.history_reads import chain_check
from beoordelaar.core.rounds.procurement import list_procurements
from beoordelaar.core.rounds.rounds import list_rounds
from beoordelaar.core.storage.database import open_database
from beoordelaar.core.storage.migrations import upgrade
from engines import MIGRATION_FIXTURES
from schema_revisions import downgrade

KEPT = (
    "rounds", "lots", "registrations", "registration_lots", "declared_answers", "assessors", "score_revisions",
    "check_revisions", "consensus_scores", "requirement_verdicts", "interviews", "decisions", "audit_events",
)  # fmt: skip


# What 0014 adds (procurement_id), and what a later migration derives: 0020, the registration an event belongs to.
ADDED_LATER = {"procurement_id": KEPT, "registration_id": ("audit_events",), "motivation_key": ("audit_events",)}


def _rows(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as connection:
        found = {}
        for table in KEPT:
            columns = [
                c[1]
                for c in connection.execute(f"PRAGMA table_info({table})")
                if table not in ADDED_LATER.get(c[1], ())
            ]
            found[table] = connection.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY 1").fetchall()
        return found


@pytest.mark.sqlite_only(reason=MIGRATION_FIXTURES)
def test_the_demo_round_moves_into_a_procedure_of_its_own(tmp_path: Path, db_path: Path) -> None:
    database = open_database(db_path)
    build_demo(database.sessions, providers=6, actor="test")
    database.close()
    downgrade(db_path, "0013")
    before = _rows(db_path)
    assert before["registrations"]

    backup = upgrade(db_path, backup_dir=tmp_path / "backups")

    assert backup is not None and "0013" in backup.name
    with sqlite3.connect(backup) as connection:  # the backup is the database as it was, before 0014
        assert "procurements" not in {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    assert _rows(db_path) == before, "the migration changed or lost rows"
    database = open_database(db_path)
    try:
        [summary] = list_rounds(database.sessions)
        [procurement] = list_procurements(database.sessions)
        assert summary.procurement_id == procurement.id and procurement.name == summary.name
        assert procurement.procedure.value == "open-house" and procurement.framework_version == "2022.1"
        assert [e.round_id for e in procurement.entry_moments] == [summary.id]
        with database.sessions() as session:
            _checked, broken = chain_check(session)
            assert broken is None
    finally:
        database.close()
