"""Two writers at once, in two processes, on a PostgreSQL server and on one SQLite file: the history stays one chain
(audit verify), and revision numbers are allocated without a race: numbered without gaps, or a Dutch conflict,
never an IntegrityError (core/storage/audit.py's write lock, migration 0017's unique previous hash)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from beoordelaar.cli import main
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database, open_database
from concurrent_writers import append_events, connected, run_two, save_consensus
from exchange_round import NUMBERS, make_round

postgres = pytest.mark.postgres
APPENDS = 200
SAVES = 50


def _verified(url: str, capsys: pytest.CaptureFixture[str]) -> dict:
    code = main(["--db", url, "audit", "verify", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0, report
    return report


def _two_hundred_each_in_one_chain(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with connected(url) as sessions, sessions() as session:
        before = session.scalar(select(func.count()).select_from(m.AuditEvent))
    reports = run_two(append_events, url, APPENDS)
    assert reports == [("schrijver 1", APPENDS, 0, []), ("schrijver 2", APPENDS, 0, [])]
    with connected(url) as sessions, sessions() as session:
        actors = session.scalars(
            select(m.AuditEvent.actor).where(m.AuditEvent.action == "document-settings-saved")
        ).all()
        total = session.scalar(select(func.count()).select_from(m.AuditEvent))
    assert sorted(set(actors)) == ["schrijver 1", "schrijver 2"] and len(actors) == 2 * APPENDS
    assert total == before + 2 * APPENDS
    _verified(url, capsys)


@postgres
def test_two_writers_on_the_server_keep_one_chain(postgres_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _two_hundred_each_in_one_chain(postgres_url, capsys)


def test_two_writers_on_one_file_keep_one_chain(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    open_database(db_path).close()
    _two_hundred_each_in_one_chain(str(db_path), capsys)


def _revisions(url: str) -> list[int]:
    with connected(url) as sessions, sessions() as session:
        return sorted(session.scalars(select(m.ConsensusScore.revision)).all())


def _consensus_cell(database: Database) -> tuple[int, str, str]:
    round_id = make_round(database)
    with database.sessions() as session:
        code = session.scalars(
            select(m.Criterion.code)
            .join(m.Round, m.Round.framework_id == m.Criterion.framework_id)
            .where(m.Round.id == round_id, m.Criterion.part == "plan")
            .order_by(m.Criterion.id)
        ).first()
    assert code is not None
    return round_id, NUMBERS[0], code


@postgres
def test_two_chairs_saving_the_same_score_get_revisions_one_to_a_hundred(
    pg_db: Database, postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    cell = _consensus_cell(pg_db)
    reports = run_two(save_consensus, postgres_url, *cell, SAVES, False)
    assert reports == [("schrijver 1", SAVES, 0, []), ("schrijver 2", SAVES, 0, [])]
    assert _revisions(postgres_url) == list(range(1, 2 * SAVES + 1))
    _verified(postgres_url, capsys)


@postgres
def test_two_chairs_saving_over_each_other_get_a_dutch_conflict(
    pg_db: Database, postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each save names the revision its chair just read, as the meeting window does: a colleague's save in between
    is refused in Dutch (counted), nothing else goes wrong, and what was saved is numbered without gaps."""
    cell = _consensus_cell(pg_db)
    reports = run_two(save_consensus, postgres_url, *cell, SAVES, True)
    assert [errors for *_, errors in reports] == [[], []]
    saved = sum(done for _, done, _, _ in reports)
    assert saved + sum(conflicts for _, _, conflicts, _ in reports) == 2 * SAVES
    assert _revisions(postgres_url) == list(range(1, saved + 1))
    _verified(postgres_url, capsys)


def test_two_chairs_on_one_file_get_revisions_one_to_a_hundred(
    db: Database, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cell = _consensus_cell(db)
    db.close()  # the app's file lock stays off: the children write as two programs would
    reports = run_two(save_consensus, str(db_path), *cell, SAVES, False)
    assert reports == [("schrijver 1", SAVES, 0, []), ("schrijver 2", SAVES, 0, [])]
    assert _revisions(str(db_path)) == list(range(1, 2 * SAVES + 1))
    _verified(str(db_path), capsys)
