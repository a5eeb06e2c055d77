"""Databases made once per test session and copied per test.

Migrating a new database through every Alembic revision, or filling it with a demo round, costs far more than
copying the file it leaves. So each distinct database is made once, in a session folder, and every test gets a byte
copy of it in its own tmp_path: still a fresh database of its own, one that no other test sees.

A template is the database file plus the "<stem>-documenten" folder beside it (the document store); both are copied.
A builder is a module-level function that fills an open database the same way every time it is called with the same
arguments (no tmp_path, no clock in its choices); (builder, arguments) names the template.

On PostgreSQL (BEOORDELAAR_TEST_ENGINE=postgresql) ServerTemplates does the same on the run's server: a template is
a server database (with its documents folder kept in the session folder), a copy is CREATE DATABASE ... TEMPLATE, and
a test's databases are dropped when the test ends.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL

from beoordelaar.core.actor import default_actor
from beoordelaar.core.demo.demo import build_demo
from beoordelaar.core.rounds.rounds import RoundSummary, list_rounds
from beoordelaar.core.storage.database import Database, open_database
from beoordelaar.core.storage.location import database_location
from postgres_server import PostgresServer

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

    def new_copy(self, template: Path, path: Path) -> Path:
        """A copy of template at path (a new file): where it is (ServerTemplates gives a URL instead)."""
        copy_database(template, path)
        return path

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


def copy_database(template: Path | ServerTemplate, path: Path | str) -> None:
    """A byte copy of a closed database and its documents at path, which must not exist yet; on the server, the
    database path names (a URL) made anew as a copy of template."""
    if isinstance(template, ServerTemplate):
        template.copy_to(str(path))
        return
    path = Path(path)
    if path.exists():
        raise AssertionError(f"{path} exists already; a template is copied only to a new file")
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, path)
    _copy_documents(template, path)


def _copy_documents(template: Path, path: Path) -> None:
    if documents_folder(template).is_dir():
        shutil.copytree(documents_folder(template), documents_folder(path), dirs_exist_ok=True)


@dataclass(frozen=True)
class ServerTemplate:
    """A closed database on the test server that copies are made of, and the documents its builder stored."""

    server: PostgresServer
    name: str
    documents: Path | None = None

    def copy_to(self, where: str) -> None:
        """Make the server database that where (a URL) names a copy of this one, replacing what it held; its
        documents folder (on this computer) gets this template's documents."""
        location = database_location(where)
        if location.is_sqlite:
            raise AssertionError(f"{where} is a file; a server template is copied to a server database (a URL)")
        name = str(location.url.database)
        self.server.drop_database(name)
        self.server.create_database(name, template=self.name)
        if self.documents is not None:
            shutil.copytree(self.documents, documents_folder(location.local_path), dirs_exist_ok=True)


class ServerTemplates:
    """DatabaseTemplates on the run's PostgreSQL server: the same methods, server databases instead of files. Every
    database a test gets is dropped at the test's end (drop_test_databases)."""

    def __init__(self, server: PostgresServer, folder: Path) -> None:
        self._server = server
        self._folder = folder
        self._made: dict[Hashable, ServerTemplate] = {}
        self._of_this_test: list[str] = []
        # The server copies and drops in a process of its own: one thread of ours keeps a copy of the empty template
        # ready and drops what tests are done with, so that the server works while the next test runs.
        self._background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="server-databases")
        self._spare: Future[str] | None = None

    def close(self) -> None:
        """Wait for the background work; the spare copy is dropped with the run's databases."""
        self._background.shutdown(wait=True)

    def empty(self) -> ServerTemplate:
        """The server's migrated template (tests/postgres_server.py), with nothing in it."""
        return ServerTemplate(self._server, self._server.template)

    def built(self, builder: Builder, **arguments: Any) -> ServerTemplate:
        key = (builder.__module__, builder.__qualname__, *sorted(arguments.items()))
        if key not in self._made:
            name = self._server.name("template")
            url = self._server.create_database(name, template=self._server.template)
            database = open_database(_rendered(url))
            try:
                builder(database, **arguments)
            finally:
                database.close()
            documents = None
            if documents_folder(database.path).is_dir():
                documents = self._folder / f"{name}-documenten"
                shutil.copytree(documents_folder(database.path), documents)
            self._made[key] = ServerTemplate(self._server, name, documents)
        return self._made[key]

    def new_url(self, template: ServerTemplate | None = None) -> str:
        """A new server database of this test's own, a copy of template (the empty one if None): its URL."""
        if template is None:
            name = self._spare.result() if self._spare is not None else self._empty_copy()
            self._spare = self._background.submit(self._empty_copy)
        else:
            name = self._server.name("test")
            template.copy_to(_rendered(self._server.url(name)))
        self._of_this_test.append(name)
        return _rendered(self._server.url(name))

    def _empty_copy(self) -> str:
        name = self._server.name("test")
        self._server.create_database(name, template=self._server.template)
        return name

    def new_copy(self, template: ServerTemplate, path: Path | None = None) -> str:
        """A copy of template as a new server database of this test's own: its URL (path is not used)."""
        return self.new_url(template)

    def open_copy(self, path: Path | str | None = None, template: ServerTemplate | None = None) -> Database:
        """A new server database, a copy of template, opened; path (where a file would be on SQLite) is not used."""
        return open_database(self.new_url(template))

    def load(self, database: Database, template: ServerTemplate) -> None:
        """Make an open server database that has recorded nothing yet a copy of template: its pooled connections are
        closed, the database is made anew under its name, and the engine connects to the copy from then on."""
        with database.engine.connect() as connection:
            events = connection.exec_driver_sql("SELECT count(*) FROM audit_events").scalar_one()
        if events:
            raise AssertionError(f"{database.location} already holds {events} audit events; load a template first")
        database.engine.dispose()
        assert database.location is not None
        template.copy_to(_rendered(database.location.url))

    def drop_test_databases(self) -> None:
        for name in self._of_this_test:
            self._background.submit(self._server.drop_database, name)
        self._of_this_test.clear()


def _rendered(url: URL) -> str:
    return url.render_as_string(hide_password=False)


class DemoCopies:
    """The demo round of build_demo, made once per distinct set of arguments and copied into each test."""

    def __init__(self, templates: DatabaseTemplates | ServerTemplates) -> None:
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

    def cli(self, path: Path | str, *, providers: int) -> None:
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
