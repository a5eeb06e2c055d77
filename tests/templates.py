"""Databases made once per test session and copied per test.

Migrating a new database through every Alembic revision, or filling it with a demo round, costs far more than
copying the file it leaves. So each distinct database is made once, in a session folder, and every test gets a byte
copy of it in its own tmp_path: still a fresh database of its own, one that no other test sees.

A template is the database file plus the "<stem>-documenten" folder beside it (the document store); both are copied.
A builder is a module-level function that fills an open database the same way every time it is called with the same
arguments (no tmp_path, no clock in its choices); (builder, arguments) names the template.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

from beoordelaar.core.actor import default_actor
from beoordelaar.core.demo.demo import build_demo
from beoordelaar.core.rounds.rounds import RoundSummary, list_rounds
from beoordelaar.core.storage.database import Database, open_database

Builder = Callable[..., object]
_EMPTY = ("empty",)


def documents_folder(path: Path) -> Path:
    """The document store beside a database file (Database.documents)."""
    return path.parent / f"{path.stem}-documenten"


class DatabaseTemplates:
    """The session's templates, each made on first use under folder."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._made: dict[Hashable, Path] = {}
        self._count = 0

    def empty(self) -> Path:
        """A database migrated to the newest schema, with nothing in it."""
        if _EMPTY not in self._made:
            path = self._new_path()
            self._made[_EMPTY] = _closed(open_database(path))
        return self._made[_EMPTY]

    def built(self, builder: Builder, **arguments: Any) -> Path:
        """A database with what builder(database, **arguments) put into the empty one."""
        key = (builder.__module__, builder.__qualname__, *sorted(arguments.items()))
        if key not in self._made:
            empty = self.empty()
            database = self.open_copy(self._new_path(), empty)
            try:
                builder(database, **arguments)
            finally:
                path = _closed(database)
            self._made[key] = path
        return self._made[key]

    def open_copy(self, path: Path, template: Path | None = None) -> Database:
        """Copy template (the empty database if None) to path, which must not exist yet, and open it. The copy is at
        the newest schema already: opening it neither migrates nor makes a backup."""
        copy_database(template or self.empty(), path)
        return open_database(path)

    def load(self, database: Database, template: Path) -> None:
        """Make an open database that has recorded nothing yet a copy of template (SQLite's backup API copies every
        page through the open connection; the documents are copied beside it)."""
        with database.engine.connect() as connection:
            events = connection.exec_driver_sql("SELECT count(*) FROM audit_events").scalar_one()
        if events:
            raise AssertionError(f"{database.path} already holds {events} audit events; load a template first")
        source = sqlite3.connect(template)
        target = database.engine.raw_connection()
        try:
            source.backup(target.driver_connection)
        finally:
            target.close()
            source.close()
        _copy_documents(template, database.path)

    def _new_path(self) -> Path:
        self._count += 1
        return self._folder / f"template-{self._count}" / "template.sqlite"


def _closed(database: Database) -> Path:
    """Close a template; the last connection to close writes the WAL back into the file, which is all we copy."""
    database.close()
    wal = database.path.with_name(database.path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        raise AssertionError(f"{database.path} is still in use (a connection was not given back); cannot copy it")
    return database.path


def copy_database(template: Path, path: Path) -> None:
    """A byte copy of a closed database and its documents at path, which must not exist yet."""
    if path.exists():
        raise AssertionError(f"{path} exists already; a template is copied only to a new file")
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, path)
    _copy_documents(template, path)


def _copy_documents(template: Path, path: Path) -> None:
    if documents_folder(template).is_dir():
        shutil.copytree(documents_folder(template), documents_folder(path), dirs_exist_ok=True)


class DemoCopies:
    """The demo round of build_demo, made once per distinct set of arguments and copied into each test."""

    def __init__(self, templates: DatabaseTemplates) -> None:
        self._templates = templates

    def __call__(
        self, database: Database, *, providers: int = 40, assessors: int = 3, actor: str, documents: bool = False
    ) -> RoundSummary:
        """What build_demo(database.sessions, ..., documents=database.documents if documents else None) gives, on a
        database that has recorded nothing yet."""
        template = self._templates.built(
            _demo, providers=providers, assessors=assessors, actor=actor, documents=documents
        )
        self._templates.load(database, template)
        [summary] = list_rounds(database.sessions)
        return summary

    def cli(self, path: Path, *, providers: int) -> None:
        """What `beoordelaar --db PATH demo --providers N` leaves at a new PATH: the CLI's defaults, the user as the
        actor, and the plan documents in the store."""
        template = self._templates.built(_demo, providers=providers, assessors=3, actor=default_actor(), documents=True)
        copy_database(template, path)


def _demo(database: Database, *, providers: int, assessors: int, actor: str, documents: bool) -> None:
    store = database.documents if documents else None
    build_demo(database.sessions, providers=providers, assessors=assessors, actor=actor, documents=store)


DemoRound = Callable[..., int]
"""The demo_round fixture: demo_round(db, providers=8) -> the id of a demo round with two assessors."""

MadeRound = Callable[..., int]
"""The made_round fixture: made_round(db, **make_round's arguments) -> the id of the exchange round copied into db."""
