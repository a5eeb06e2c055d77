"""Running the Alembic migrations in db/ on a database file, safely.

The known trap (db/README.md): a batch migration rebuilds a table by copy, drop and rename; with foreign_keys=ON the
drop of a parent silently deletes its children through ON DELETE CASCADE. So migrations run on their own engine with
foreign_keys=OFF set before the transaction, inside one BEGIN IMMEDIATE, with PRAGMA foreign_key_check before the
commit, and only after a backup of the file made with sqlite3's backup API.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, create_engine, event
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.pool import NullPool

from beoordelaar.core.errors import UserError
from beoordelaar.core.paths import migrations_dir
from beoordelaar.core.storage.backup import backup_database
from beoordelaar.core.storage.sqlite_errors import StorageProblem, storage_problem


def alembic_config(script_location: Path | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location or migrations_dir()))
    return config


def _migration_engine(path: Path):
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Hand transaction control to us, and switch foreign keys off while no transaction is open:
        # SQLite ignores that pragma inside a transaction.
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        dbapi_connection.execute("PRAGMA busy_timeout=5000")

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(path: Path, *, backup_dir: Path, script_location: Path | None = None, target: str = "heads") -> Path | None:
    """Bring the database at path to the newest schema. Return the backup made first (None if nothing to do or
    the database was new). Raise UserError if the database is newer than this app or cannot be migrated."""
    config = alembic_config(script_location)
    script = ScriptDirectory.from_config(config)
    heads = set(script.get_heads())
    engine = _migration_engine(path)
    try:
        with engine.connect() as connection:
            current = current_revision(connection)
            connection.rollback()
            if current is not None and _unknown(script, current):
                raise UserError(
                    f"De database {path} is gemaakt met een nieuwere versie van Beoordelaar (schema {current}). "
                    "Werk Beoordelaar bij om deze database te openen; de database is niet gewijzigd."
                )
            if current in heads and target == "heads":
                return None
            if current is None and _has_tables(connection):
                raise UserError(
                    f"Het bestand {path} is een database van een ander programma, niet van Beoordelaar. "
                    "Kies een ander bestand; dit bestand is niet gewijzigd."
                )
            backup = backup_database(path, backup_dir, label=f"voor-migratie-{current}") if current else None
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, target)
                violations = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if violations:
                    raise UserError(
                        f"De migratie van {path} zou verwijzingen breken ({len(violations)} keer, eerste in tabel "
                        f"{violations[0][0]}); niets is gewijzigd. Reservekopie: {backup}."
                    )
            return backup
    except (DatabaseError, OperationalError) as exc:
        message = str(getattr(exc, "orig", exc))
        if storage_problem(exc) is StorageProblem.BUSY:
            raise UserError(
                f"De database {path} is bezet door een ander programma; probeer het later opnieuw. "
                "Er is niets gewijzigd."
            ) from exc
        raise UserError(
            f"De database {path} kan niet worden geopend of bijgewerkt: {message}. Er is niets gewijzigd."
        ) from exc
    finally:
        engine.dispose()


def _unknown(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is None
    except Exception:  # alembic raises its own error types for unknown or malformed ids
        return True


def _has_tables(connection: Connection) -> bool:
    rows = connection.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE type='table'").scalar()
    connection.rollback()
    return bool(rows)
