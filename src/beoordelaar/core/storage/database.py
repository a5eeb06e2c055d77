"""Opening the database: refuse what is not ours, lock it (a file), migrate it (after a backup), configure it.
A file is SQLite, the laptop's engine; a postgresql+psycopg:// URL is a shared server, which locks nothing on this
computer (the server serves several users by design) and migrates under an advisory lock (see migrations)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.errors import UserError, os_reason
from beoordelaar.core.paths import viewing_copies_dir
from beoordelaar.core.storage import audit, migrations
from beoordelaar.core.storage.database_file import DatabaseFileLock, check_is_database, lock_database_file
from beoordelaar.core.storage.documents import DocumentStore, FolderDocumentStore
from beoordelaar.core.storage.leftovers import remove_leftovers
from beoordelaar.core.storage.location import DatabaseLocation, database_location
from beoordelaar.core.storage.results import INFO_KEY, ResultCache
from beoordelaar.core.storage.server_documents import ServerDocumentStore
from beoordelaar.core.storage.server_login import LOGIN, remember_login
from beoordelaar.core.storage.sqlite_errors import storage_problem


def _configure_app_connection(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def app_engine(where: str | Path | DatabaseLocation) -> Engine:
    location = database_location(where)
    if not location.is_sqlite:
        engine = create_engine(location.url, pool_pre_ping=True, connect_args={"application_name": "beoordelaar"})
        event.listen(engine, "connect", remember_login)
        return engine
    engine = create_engine(location.url)
    event.listen(engine, "connect", _configure_app_connection)
    return engine


@dataclass
class Database:
    """An open database: its file (for a server: the local path that stands for it), its lock, its engine, the one
    sessionmaker the app passes around and the cache of results computed from it (its sessions carry it in their
    info)."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    results: ResultCache
    backup: Path | None = None
    location: DatabaseLocation | None = None
    _lock: DatabaseFileLock | None = field(default=None, repr=False)

    @property
    def documents(self) -> DocumentStore:
        """A database file's documents in the folder beside it; a server's in the server database itself, where
        every user of it finds them."""
        if self.location is not None and not self.location.is_sqlite:
            return ServerDocumentStore(self.engine, viewing_copies_dir(), self.location.shown)
        return FolderDocumentStore(self.path.parent / f"{self.path.stem}-documenten")

    @property
    def login(self) -> str | None:
        """On a team server, the login of a user the roles restrict: who acts, whatever name was given."""
        if self.location is None or self.location.is_sqlite:
            return None
        with self.engine.connect() as connection:
            return connection.info.get(LOGIN)

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def open_database(
    where: str | Path | DatabaseLocation, *, backup_dir: Path | None = None, locked: DatabaseFileLock | None = None
) -> Database:
    """Open (creating if needed) and migrate the database a path or URL names; raise UserError with a Dutch message
    if it cannot be used. A database file in use by another running copy of Beoordelaar is refused, not shared.
    locked: the file's lock, taken already (lock_database_file: a start that read the first page before this); the
    database holds it from here on, and lets go of it if it cannot be opened."""
    location = database_location(where)
    if not location.is_sqlite:
        return _open_server(location, backup_dir=backup_dir)
    path = location.path
    assert path is not None
    if locked is None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"De map {path.parent} kan niet worden aangemaakt: {os_reason(exc)}.") from exc
        check_is_database(path)
    lock = locked or lock_database_file(path)
    try:
        backup = migrations.upgrade(location, backup_dir=backup_dir or path.parent / "backups")
        database = _connected(location, backup, lock)
        _first_read(database)
        remove_leftovers(database.engine, database.documents.root)  # what a kill or a full disk left there
        return database
    except BaseException:
        lock.release()
        raise


def _first_read(database: Database) -> None:
    """The first connection (which makes the WAL's files beside the database) and a first read, here: a full disk
    after a migration is then a Dutch refusal, not a traceback at the app's first read."""
    try:
        with database.engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    except DBAPIError as exc:
        problem = storage_problem(exc)
        if problem is None:
            raise
        database.engine.dispose()
        raise UserError(problem.opening(database.path)) from exc


def _open_server(location: DatabaseLocation, *, backup_dir: Path | None) -> Database:
    engine = app_engine(location)
    backup = None
    if not migrations.at_head(location, server_engine=engine):
        # Its connection noted the login before the schema it is checked against (server_login): made anew after.
        engine.dispose()
        backup = migrations.upgrade(location, backup_dir=backup_dir or location.local_path.parent / "backups")
    return _connected(location, backup, None, engine)


def _connected(
    location: DatabaseLocation, backup: Path | None, lock: DatabaseFileLock | None, engine: Engine | None = None
) -> Database:
    engine = engine or app_engine(location)
    results = ResultCache()
    factory = sessionmaker(engine, expire_on_commit=False, info={INFO_KEY: results})
    audit.install(factory)
    return Database(
        path=location.local_path,
        engine=engine,
        sessions=factory,
        results=results,
        backup=backup,
        location=location,
        _lock=lock,
    )
