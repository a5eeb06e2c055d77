"""Shared fixtures: every test gets its own database in tmp_path (a copy of one migrated once per session); the demo
rounds are made once per session too and copied; Qt runs offscreen; any Qt warning fails.

BEOORDELAAR_TEST_ENGINE=postgresql runs the same tests on a PostgreSQL server of the run's own: db, db_path (then a
URL), the templates and the demo copies are server databases, copied from one migrated template; tests marked
sqlite_only are skipped with their reason."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

# No screen needed: Qt draws offscreen, on one screen the size of a common assessor's laptop (1366 x 768).
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={Path(__file__).with_name('offscreen-screen.json')}"

from beoordelaar.core.storage.database import Database
from engines import ENGINE, ON_POSTGRESQL
from exchange_round import ROUND, make_round, round_id_of
from postgres_server import PostgresServer
from templates import DatabaseTemplates, DemoCopies, DemoRound, MadeRound, ServerTemplates


@pytest.fixture(scope="session")
def templates(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[DatabaseTemplates | ServerTemplates]:
    if not ON_POSTGRESQL:
        yield DatabaseTemplates(tmp_path_factory.mktemp("templates"))
        return
    server_templates = ServerTemplates(request.getfixturevalue("postgres_server"), tmp_path_factory.mktemp("templates"))
    yield server_templates
    server_templates.close()


@pytest.fixture
def db_path(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """Where this test's database lives; nothing is there until the test (or the db fixture) makes it. On
    PostgreSQL: the URL (a str) of a new server database of this test's own, already at the newest schema."""
    if ON_POSTGRESQL:
        return request.getfixturevalue("templates").new_url()
    return tmp_path / "beoordelaar.sqlite"


@pytest.fixture
def db(db_path: Path, templates: DatabaseTemplates) -> Iterator[Database]:
    """A new, empty database of this test's own at db_path, at the newest schema."""
    from beoordelaar.core.storage.database import open_database

    database = open_database(db_path) if ON_POSTGRESQL else templates.open_copy(db_path)
    yield database
    database.close()


@pytest.fixture(autouse=True)
def _server_databases_dropped(request: pytest.FixtureRequest) -> Iterator[None]:
    """On PostgreSQL, the server databases a test got are dropped when it ends (after its fixtures closed them)."""
    server_templates = request.getfixturevalue("templates") if ON_POSTGRESQL else None
    yield
    if server_templates is not None:
        server_templates.drop_test_databases()


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
# once when BEOORDELAAR_TEST_POSTGRES=1 (or the whole run is on PostgreSQL) and stopped at the end; without it they
# are skipped, saying why. Tests marked sqlite_only(reason=...) are skipped on PostgreSQL with their reason.
POSTGRES_SETTING = "BEOORDELAAR_TEST_POSTGRES"


def sqlite_only_reason(item: pytest.Item) -> str | None:
    marker = item.get_closest_marker("sqlite_only")
    if marker is None:
        return None
    reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "")
    if not reason:
        raise pytest.UsageError(f"{item.nodeid}: sqlite_only needs a reason (why the test is SQLite by nature)")
    return str(reason)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip_postgres = pytest.mark.skip(
        reason=f"needs a PostgreSQL 15 server: set {POSTGRES_SETTING}=1 (the run starts its own with initdb and pg_ctl)"
    )
    with_server = ON_POSTGRESQL or os.environ.get(POSTGRES_SETTING) == "1"
    if ON_POSTGRESQL:
        items[:] = _using_the_engine(config, items)
    for item in items:
        reason = sqlite_only_reason(item)
        if ON_POSTGRESQL and reason is not None:
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))
        if not with_server and "postgres" in item.keywords:
            item.add_marker(skip_postgres)


# A test that asks for none of these never touches the engine under test (a rule on plain values, or a database file
# it makes itself): on PostgreSQL it would only run a second time what the SQLite pass ran, so it is deselected.
DATABASE_FIXTURES = frozenset(
    {"db", "db_path", "templates", "postgres_server", "postgres_url", "pg_db", "chair", "laptop", "open_window"}
)


def _using_the_engine(config: pytest.Config, items: list[pytest.Item]) -> list[pytest.Item]:
    using = [item for item in items if DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))]
    independent = [item for item in items if item not in set(using)]
    if independent:
        config.hook.pytest_deselected(items=independent)
        config.stash[_ENGINE_INDEPENDENT] = len(independent)
    return using


_ENGINE_INDEPENDENT = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """On PostgreSQL: how many tests were left to the SQLite run, by reason."""
    if not ON_POSTGRESQL:
        return
    reasons: dict[str, int] = {}
    for report in terminalreporter.stats.get("skipped", []):
        _, _, message = report.longrepr if isinstance(report.longrepr, tuple) else (None, None, "")
        if message.startswith("Skipped: SQLite only: "):
            reason = message.removeprefix("Skipped: SQLite only: ")
            reasons[reason] = reasons.get(reason, 0) + 1
    independent = config.stash.get(_ENGINE_INDEPENDENT, 0)
    terminalreporter.write_sep("-", f"engine {ENGINE}: {independent} tests use no database (deselected)")
    terminalreporter.write_sep("-", f"engine {ENGINE}: {sum(reasons.values())} tests are SQLite only")
    for reason, count in sorted(reasons.items(), key=lambda pair: -pair[1]):
        terminalreporter.write_line(f"{count:4d}  {reason}")


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
