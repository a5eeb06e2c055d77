"""Which engine the test run uses (BEOORDELAAR_TEST_ENGINE: sqlite, the default, or postgresql), what names a test's
database on the command line, and the reasons a test is SQLite by nature (pytest.mark.sqlite_only(reason=...)): on
PostgreSQL such tests are skipped with that reason, and the run's summary counts them by reason."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, CursorResult, create_engine, inspect
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from beoordelaar.core.storage.database import Database
from beoordelaar.core.storage.location import database_location

ENGINE_SETTING = "BEOORDELAAR_TEST_ENGINE"
ENGINES = ("sqlite", "postgresql")
ENGINE = os.environ.get(ENGINE_SETTING) or "sqlite"
if ENGINE not in ENGINES:
    raise pytest.UsageError(f"{ENGINE_SETTING}={ENGINE!r}: choose one of {', '.join(ENGINES)}")
ON_POSTGRESQL = ENGINE == "postgresql"

# Why a test is SQLite only, by group.
FILE_LOCK = "the lock on the database file (one app per file, a hard link refused); a server is shared by design"
FILE_BACKUP = "the backup copies of the database file (SQLite's backup API); a server's backup is pg_dump"
FILE_HEADER = "the SQLite header check of a file that is not a database"
RAW_FILE = "edits or reads the database file itself with sqlite3, as someone with the file would"
PRAGMA = "SQLite's own PRAGMAs, table rebuilds (batch migrations), locks and error codes"
MIGRATION_FIXTURES = (
    "an old schema made by migrating an SQLite file down (tests/schema_revisions.py), then up again; PostgreSQL "
    "migrates from nothing in test_postgres.py"
)
DOCUMENT_FOLDER = (
    "the document folder beside a database file and its clean-up at open; a server keeps its documents in the "
    "database (test_postgres_documents.py)"
)
ROWIDS = "SQLite's numbering of new rows past the largest id, at random; a server numbers them from a sequence"
FILE_NOTICES = (
    "a file tells no one of another program's writes, so polling is its only way; a server's NOTIFY, and polling when "
    "that feed is lost, have tests of their own"
)
TEMPLATE_FILES = "the tests' own database templates as files (tests/templates.py)"


def database_argument(database: Database) -> str:
    """What --db takes for this open database: its file, or its server URL."""
    if database.location is None or database.location.is_sqlite:
        return str(database.path)
    return database.location.url.render_as_string(hide_password=False)


Where = Database | Path | str
"""A database as a test names it: open, by its file, or by its URL."""


def url_of(where: Where) -> URL:
    if isinstance(where, Database):
        if where.location is not None:
            return where.location.url
        where = where.path
    return database_location(where).url


class RawConnection:
    """The database behind the app's back, as someone with the file or the server's password would reach it: the
    driver's own SQL with ? for parameters, committed when the block ends."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self.on_server = connection.dialect.name == "postgresql"

    def execute(self, statement: str, parameters: Sequence[object] = ()) -> CursorResult[Any]:
        if self.on_server:
            statement = statement.replace("%", "%%").replace("?", "%s")
        return self._connection.exec_driver_sql(statement, tuple(parameters))


@contextmanager
def raw_sql(where: Where) -> Iterator[RawConnection]:
    engine = create_engine(url_of(where), poolclass=NullPool)
    try:
        with engine.begin() as connection:
            yield RawConnection(connection)
    finally:
        engine.dispose()


def dump(where: Where) -> list[str]:
    """Every row of every table, in a fixed order (what sqlite3's iterdump gives for "nothing changed" checks, on
    either engine)."""
    engine = create_engine(url_of(where), poolclass=NullPool)
    try:
        with engine.connect() as connection:
            tables = sorted(inspect(connection).get_table_names())
            lines = []
            for table in tables:
                rows = connection.exec_driver_sql(f'SELECT * FROM "{table}"').all()
                lines.extend(f"{table}: {row!r}" for row in sorted(rows, key=repr))
            return lines
    finally:
        engine.dispose()
