"""Shared fixtures: every test gets its own database in tmp_path (a copy of one migrated once per session); the demo
rounds are made once per session too and copied; Qt runs offscreen; any Qt warning fails."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

# No screen needed: Qt draws offscreen, on one screen the size of a common assessor's laptop (1366 x 768).
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={Path(__file__).with_name('offscreen-screen.json')}"

from beoordelaar.core.storage.database import Database
from exchange_round import ROUND, make_round, round_id_of
from postgres_server import PostgresServer
from templates import DatabaseTemplates, DemoCopies, DemoRound, MadeRound


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> DatabaseTemplates:
    return DatabaseTemplates(tmp_path_factory.mktemp("templates"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where this test's database lives; nothing is there until the test (or the db fixture) makes it."""
    return tmp_path / "beoordelaar.sqlite"


@pytest.fixture
def db(db_path: Path, templates: DatabaseTemplates) -> Iterator[Database]:
    """A new, empty database of this test's own at db_path, at the newest schema."""
    database = templates.open_copy(db_path)
    yield database
    database.close()


@pytest.fixture
def cached_demo(templates: DatabaseTemplates) -> DemoCopies:
    """build_demo on an empty database, as a copy: cached_demo(db, providers=6, actor="t") -> RoundSummary."""
    return DemoCopies(templates)


@pytest.fixture
def demo_round(cached_demo: DemoCopies) -> DemoRound:
    """The demo round of the decision and letter tests (two assessors per registration): demo_round(db) -> its id."""

    def make(database: Database, providers: int = 8) -> int:
        return cached_demo(database, providers=providers, assessors=2, actor="test").id

    return make


@pytest.fixture
def made_round(templates: DatabaseTemplates) -> MadeRound:
    """exchange_round.make_round on an empty database, as a copy: made_round(db, anonymised=True, ...) -> its id."""

    def make(database: Database, **arguments: object) -> int:
        templates.load(database, templates.built(make_round, **arguments))
        return round_id_of(database, str(arguments.get("name", ROUND)))

    return make


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep QSettings, the data and cache folders and backups of every test away from the real user's."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))


@pytest.fixture
def amsterdam(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's local time zone set to Europe/Amsterdam (summer time 2 hours, winter 1 hour ahead of the UTC the
    app stores), and restored afterwards."""
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


# PostgreSQL: tests marked postgres run against a real server of this run's own (tests/postgres_server.py), started
# once when BEOORDELAAR_TEST_POSTGRES=1 and stopped at the end; without it they are skipped, saying why.
POSTGRES_SETTING = "BEOORDELAAR_TEST_POSTGRES"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get(POSTGRES_SETTING) == "1":
        return
    skip = pytest.mark.skip(
        reason=f"needs a PostgreSQL 15 server: set {POSTGRES_SETTING}=1 (the run starts its own with initdb and pg_ctl)"
    )
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server = PostgresServer()
    server.start()
    try:
        server.make_template()
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """A new database of this test's own on the server, at the newest schema: its postgresql+psycopg:// URL."""
    return postgres_server.new_database().render_as_string(hide_password=False)


@pytest.fixture
def pg_db(postgres_url: str) -> Iterator[Database]:
    """This test's server database, opened as the app opens it."""
    from beoordelaar.core.storage.database import open_database

    database = open_database(postgres_url)
    yield database
    database.close()
