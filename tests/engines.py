"""Which engine the test run uses (BEOORDELAAR_TEST_ENGINE: sqlite, the default, or postgresql), what names a test's
database on the command line, and the reasons a test is SQLite by nature (pytest.mark.sqlite_only(reason=...)): on
PostgreSQL such tests are skipped with that reason, and the run's summary counts them by reason."""

from __future__ import annotations

import os

import pytest

from beoordelaar.core.storage.database import Database

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
PRAGMA = "SQLite's PRAGMAs and error codes"
MIGRATION_FIXTURES = "old schemas made as SQLite files (schema revisions, 0.1 laptops) and migrated"
LAPTOP_FILE = "an assessor's laptop database, which is a SQLite file by design"
NEW_FILE = "the app making its database file at a path that does not exist yet"


def database_argument(database: Database) -> str:
    """What --db takes for this open database: its file, or its server URL."""
    if database.location is None or database.location.is_sqlite:
        return str(database.path)
    return database.location.url.render_as_string(hide_password=False)
