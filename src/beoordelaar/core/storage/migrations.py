"""Running the Alembic migrations in db/ on a database file, safely.

The known trap (db/README.md): a batch migration rebuilds a table by copy, drop and rename; with foreign_keys=ON the
drop of a parent silently deletes its children through ON DELETE CASCADE. So migrations run on their own engine with
foreign_keys=OFF set before the transaction, inside one BEGIN IMMEDIATE, with PRAGMA foreign_key_check before the
commit, and only after a backup of the file made with sqlite3's backup API.

On a PostgreSQL server the same migrations run in one transaction too (its DDL is transactional: a failed migration
leaves nothing behind), serialised between users by a transaction-level advisory lock instead of BEGIN IMMEDIATE;
foreign keys are checked by the server at every statement, and the backup first is a pg_dump (see backup.py).
"""

from __future__ import annotations

import functools
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DatabaseError, DBAPIError, OperationalError
from sqlalchemy.pool import NullPool

from beoordelaar.core.errors import UserError
from beoordelaar.core.paths import migrations_dir
from beoordelaar.core.storage.backup import backup_before_change
from beoordelaar.core.storage.location import DatabaseLocation, database_location
from beoordelaar.core.storage.schema_head import Scripts, migration_scripts, script_heads, stored_revision
from beoordelaar.core.storage.sqlite_errors import StorageProblem, storage_problem

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory


def alembic_config(script_location: Path | None = None) -> Config:
    from alembic.config import Config  # alembic's machinery only when a database is not at head (see upgrade)

    config = Config()
    config.set_main_option("script_location", str(script_location or migrations_dir()))
    return config


# pg_advisory_xact_lock's key for "migrating Beoordelaar's schema": any fixed 64-bit number the app uses only for this.
MIGRATION_LOCK = 0x6265_6F6F_7264_0016


def _migration_engine(where: str | Path | DatabaseLocation) -> Engine:
    location = database_location(where)
    if not location.is_sqlite:
        return _server_migration_engine(location)
    engine = create_engine(location.url, poolclass=NullPool)

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


def _server_migration_engine(location: DatabaseLocation) -> Engine:
    engine = create_engine(location.url, poolclass=NullPool, connect_args={"application_name": "beoordelaar"})

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        # Held until this transaction ends: a second user opening the server at the same time waits here, and then
        # finds the schema already at head (alembic reads the version inside the transaction).
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})

    return engine


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def _server_revision(engine: Engine) -> str | None:
    """The revision a server database records, read over engine; None when it records none or cannot be read (no
    version table yet, the server unreachable): the full check then says why."""
    try:
        with engine.connect() as connection:
            rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    except DBAPIError:
        return None
    return rows[0][0] if len(rows) == 1 else None


def at_head(
    location: DatabaseLocation, script_location: Path | None = None, *, server_engine: Engine | None = None
) -> bool:
    """The database is at the newest schema already: nothing to migrate, no backup, no alembic. A file's version is
    read with sqlite3; a server's over server_engine (the app's own, which then goes on with that connection; without
    it a server is never taken to be at head). A version only moves forward, so no lock is needed to read it."""
    if not location.is_sqlite:
        stored = _server_revision(server_engine) if server_engine is not None else None
    elif location.path is None or not location.path.is_file():
        return False
    else:
        stored = stored_revision(location.path)
    return stored is not None and stored in script_heads(script_location)


def upgrade(
    where: str | Path | DatabaseLocation,
    *,
    backup_dir: Path,
    script_location: Path | None = None,
    target: str = "heads",
) -> Path | None:
    """Bring the database (a file or a server) to the newest schema. Return the backup made first (None if nothing
    to do, the database was new, or a server without pg_dump here). Raise UserError if the database is newer than this
    app or cannot be migrated."""
    location = database_location(where)
    if target == "heads" and at_head(location, script_location):
        return None
    path = location.shown
    config = alembic_config(script_location)
    script = _script_directory(script_location, migration_scripts(script_location))
    heads = set(script.get_heads())
    engine = _migration_engine(location)
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
                # i20-roles: another user may have migrated the new server database since the version was read
                # (the advisory lock is held per transaction): then it is ours, at head.
                if not location.is_sqlite and current_revision(connection) in heads and target == "heads":
                    connection.rollback()
                    return None
                if not location.is_sqlite:
                    raise UserError(
                        f"De serverdatabase {path} heeft al tabellen van een ander programma, niet van Beoordelaar. "
                        "Kies een andere (lege) database op de server; deze is niet gewijzigd."
                    )
                raise UserError(
                    f"Het bestand {path} is een database van een ander programma, niet van Beoordelaar. "
                    "Kies een ander bestand; dit bestand is niet gewijzigd."
                )
            backup = backup_before_change(location, f"voor-migratie-{current}", backup_dir) if current else None
            with connection.begin():
                config.attributes["connection"] = connection
                _run_upgrade(config, script, target)
                violations = _foreign_key_violations(connection) if location.is_sqlite else []
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
        if not location.is_sqlite:
            raise UserError(
                f"De databaseserver {path} kan niet worden geopend of bijgewerkt (de server meldt: "
                f"{' '.join(message.split())}). "
                "Controleer het adres, de gebruiker en het wachtwoord, en of de server draait. Er is niets gewijzigd."
            ) from exc
        raise UserError(
            f"De database {path} kan niet worden geopend of bijgewerkt: {message}. Er is niets gewijzigd."
        ) from exc
    finally:
        engine.dispose()


@functools.lru_cache(maxsize=16)
def _script_directory(script_location: Path | None, _scripts: Scripts) -> ScriptDirectory:
    """Alembic's view of the scripts, compiled once per process (they are Python files, compiled again at every
    ScriptDirectory.from_config: most of the time of a migration on a small database)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(script_location))


def _run_upgrade(config: Config, script: ScriptDirectory, target: str) -> None:
    """alembic's command.upgrade(config, target), on the script directory given instead of one read anew."""
    from alembic.runtime.environment import EnvironmentContext

    def steps(revision: object, _context: object) -> object:
        return script._upgrade_revs(target, revision)  # what command.upgrade runs

    with EnvironmentContext(config, script, fn=steps, destination_rev=target):
        script.run_env()


def _foreign_key_violations(connection: Connection) -> list:
    return list(connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall())


def _unknown(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is None
    except Exception:  # alembic raises its own error types for unknown or malformed ids
        return True


def _has_tables(connection: Connection) -> bool:
    tables = inspect(connection).get_table_names()
    connection.rollback()
    return bool(tables)
