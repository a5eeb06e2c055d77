"""The same app on a PostgreSQL server (--db postgresql+psycopg://...): the migrations, the exact decimals, the demo,
consolidation and decisions, and the CLI; and what a URL that is no database of ours gets (a Dutch refusal, no file).
The server is the run's own (tests/postgres_server.py, BEOORDELAAR_TEST_POSTGRES=1)."""

from __future__ import annotations

import json
import socket
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, select, text

from beoordelaar.cli import main
from beoordelaar.core.storage.database import open_database
from beoordelaar.core.storage.migrations import alembic_config, upgrade
from beoordelaar.core.storage.models import ConsensusScore
from postgres_server import PostgresServer

postgres = pytest.mark.postgres


def _head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


@postgres
def test_migrations_reach_head_on_postgresql(postgres_server: PostgresServer, tmp_path: Path) -> None:
    url = postgres_server.empty_database().render_as_string(hide_password=False)
    backups = tmp_path / "backups"
    database = open_database(url, backup_dir=backups)
    database.close()
    assert database.backup is None  # a new database: nothing to back up
    assert upgrade(url, backup_dir=backups) is None  # at head already: nothing to do
    engine = create_engine(url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == _head()
        inspector = inspect(connection)
        tables = set(inspector.get_table_names())
        columns = {column["name"]: column["type"] for column in inspector.get_columns("consensus_scores")}
    engine.dispose()
    assert {"rounds", "audit_events", "consensus_scores", "score_revisions"} <= tables
    assert str(columns["mean"]) == "VARCHAR(40)"
    assert not backups.exists()


@postgres
def test_two_openings_at_once_migrate_once(postgres_server: PostgresServer, tmp_path: Path) -> None:
    """The advisory lock: a second user opening the new server database while the first migrates waits, then finds
    it at head."""
    from concurrent.futures import ThreadPoolExecutor

    url = postgres_server.empty_database().render_as_string(hide_password=False)
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: upgrade(url, backup_dir=tmp_path), range(2)))
    assert results == [None, None]
    engine = create_engine(url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == _head()
    engine.dispose()


@postgres
def test_a_server_database_that_is_not_ours_or_not_there_is_refused_in_dutch(
    postgres_server: PostgresServer, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = postgres_server.url("bestaat_niet").render_as_string(hide_password=False)
    assert main(["--db", missing, "rounds", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["error"].startswith("De databaseserver postgresql+psycopg://")
    other = postgres_server.empty_database()
    engine = create_engine(other)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE klanten (id integer PRIMARY KEY)"))
    engine.dispose()
    assert main(["--db", other.render_as_string(hide_password=False), "rounds", "--json"]) == 1
    assert "heeft al tabellen van een ander programma" in json.loads(capsys.readouterr().out)["error"]
    engine = create_engine(other)
    with engine.connect() as connection:
        assert inspect(connection).get_table_names() == ["klanten"]  # nothing was added
    engine.dispose()


def _exact_values(connection) -> list[tuple]:
    return [
        *connection.execute(text("SELECT id, weight, minimum FROM criteria ORDER BY id")),
        *connection.execute(text("SELECT id, value FROM score_revisions ORDER BY id")),
    ]


@postgres
def test_the_corrective_migration_keeps_every_decimal(pg_db, tmp_path: Path) -> None:
    """A server database whose decimals were made NUMERIC (as from the models by a trial) keeps every value when 0016
    makes them text again; a pg_dump is made first."""
    from beoordelaar.core.demo.demo import build_demo

    build_demo(pg_db.sessions, providers=3, assessors=2, actor="t")
    where = pg_db.location
    with pg_db.engine.begin() as connection:
        before = [
            tuple(Decimal(value) if isinstance(value, str) else value for value in row)
            for row in _exact_values(connection)
        ]
        connection.execute(text("ALTER TABLE criteria ALTER COLUMN weight TYPE NUMERIC USING weight::numeric"))
        connection.execute(text("ALTER TABLE criteria ALTER COLUMN minimum TYPE NUMERIC(10,4) USING minimum::numeric"))
        connection.execute(text("ALTER TABLE score_revisions ALTER COLUMN value TYPE NUMERIC USING value::numeric"))
        connection.execute(text("DROP TABLE document_parts, stored_documents"))  # 0019's: made again on the way up
        connection.execute(text("UPDATE alembic_version SET version_num = '0015'"))
    pg_db.close()
    assert any(row[1] is not None for row in before) and len(before) > 10
    database = open_database(where, backup_dir=tmp_path / "backups")
    try:
        assert database.backup is not None and database.backup.suffix == ".pgdump"  # pg_dump before the migration
        with database.engine.connect() as connection:
            columns = {column["name"]: str(column["type"]) for column in inspect(connection).get_columns("criteria")}
            after = _exact_values(connection)
        assert columns["weight"] == columns["minimum"] == "VARCHAR(40)"
        assert all(isinstance(value, str) for row in after for value in row[1:] if value is not None)
        assert [tuple(Decimal(v) if isinstance(v, str) else v for v in row) for row in after] == before
    finally:
        database.close()


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, dict]:
    code = main(argv)
    return code, json.loads(capsys.readouterr().out)


@postgres
def test_the_demo_consolidation_and_decisions_on_the_server(
    postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", postgres_url]
    code, demo = _json(capsys, [*db, "demo", "--providers", "6", "--assessors", "2", "--json"])
    assert code == 0, demo
    code, rounds = _json(capsys, [*db, "rounds", "--json"])
    assert code == 0 and demo["name"] in [item["name"] for item in rounds]
    code, consolidated = _json(capsys, [*db, "consolidate", "1", "--json"])
    assert code == 0, consolidated
    code, items = _json(capsys, [*db, "open-items", "1", "--json"])
    assert code == 0, items
    code, decided = _json(capsys, [*db, "decide", "1", "--json"])
    assert code == 0 and decided["confirmed_kept"] == 6 and decided["proposed"] == 0
    code, verified = _json(capsys, [*db, "audit", "verify", "--json"])
    assert code == 0, json.dumps(verified, ensure_ascii=False)[:3000]


@postgres
def test_letters_the_proces_verbaal_and_removing_a_round_on_the_server(
    postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", postgres_url]
    assert main([*db, "demo", "--providers", "6", "--assessors", "2", "--json"]) == 0
    assert main([*db, "decide", "1", "--json"]) == 0
    capsys.readouterr()
    code, made = _json(capsys, [*db, "letters", "1", "--out", str(tmp_path / "brieven"), "--json"])
    assert code == 0 and len(made["letters"]) == 6
    assert main([*db, "report", "1", "--out", str(tmp_path / "pv.pdf")]) == 0
    assert (tmp_path / "pv.pdf").read_bytes()[:5] == b"%PDF-"
    capsys.readouterr()
    code, removed = _json(capsys, [*db, "round", "remove", "2", "--ja", "--json"])
    assert code == 0 and removed["backup"].endswith(".pgdump")  # pg_dump is on this machine


@postgres
def test_an_exact_mean_of_twenty_thirds_stays_exact(pg_db) -> None:
    from beoordelaar.core.demo.demo import build_demo

    build_demo(pg_db.sessions, providers=3, assessors=2, actor="t")
    with pg_db.sessions.begin() as session:
        score = session.scalars(select(ConsensusScore).limit(1)).first()
        assert score is not None, "the demo round has no consensus score to test on"
        score.mean = Fraction(20, 3)
        score.value = Decimal("6.125")
        score_id = score.id
    with pg_db.sessions() as session:
        stored = session.get(ConsensusScore, score_id)
        assert stored is not None
        assert stored.mean == Fraction(20, 3) and isinstance(stored.mean, Fraction)
        assert stored.value == Decimal("6.125")
        raw = session.execute(text("SELECT mean FROM consensus_scores WHERE id = :id"), {"id": score_id}).scalar()
    assert raw == "20/3"


def test_a_url_of_another_engine_is_refused_in_dutch_and_makes_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "werk"
    work.mkdir()
    monkeypatch.chdir(work)
    assert main(["--db", "mysql://gebruiker@localhost/beoordelaar", "rounds", "--json"]) == 1
    refused = json.loads(capsys.readouterr().out)["error"]
    assert "Beoordelaar werkt niet met het database-adres mysql://" in refused
    assert list(work.iterdir()) == []


def test_an_unreachable_server_is_refused_in_dutch_and_makes_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("psycopg", reason="the postgres extra (psycopg) is not installed")
    work = tmp_path / "werk"
    work.mkdir()
    monkeypatch.chdir(work)
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql+psycopg://gebruiker:geheim@127.0.0.1:{port}/beoordelaar"
    assert main(["--db", url, "rounds", "--json"]) == 1
    refused = json.loads(capsys.readouterr().out)["error"]
    assert refused.startswith("De databaseserver postgresql+psycopg://gebruiker:***@127.0.0.1")
    assert "geheim" not in refused and "Er is niets gewijzigd" in refused
    assert list(work.iterdir()) == []


def test_a_sqlite_url_is_the_file_it_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "via-url.sqlite"
    assert main(["--db", f"sqlite:///{path}", "rounds", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"


def test_the_setting_names_the_database_when_db_does_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "uit-de-instelling.sqlite"
    monkeypatch.setenv("BEOORDELAAR_DATABASE", f"sqlite:///{path}")
    assert main(["rounds", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [] and path.is_file()
    monkeypatch.setenv("BEOORDELAAR_DATABASE", "oracle://x/y")
    assert main(["rounds", "--json"]) == 1
    assert "Beoordelaar werkt niet met het database-adres oracle://" in json.loads(capsys.readouterr().out)["error"]
