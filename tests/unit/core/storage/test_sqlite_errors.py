"""Database errors of the user's world are told apart by SQLite's result code, not by the words of its message."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import sessionmaker

from beoordelaar.core.errors import UserError
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.sqlite_errors import StorageProblem, sqlite_code, storage_problem


def _table(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (x TEXT)")


def _error_of(action: object) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as caught:
        action()  # type: ignore[operator]
    return caught.value


def test_a_full_database_a_busy_one_and_a_read_only_one_by_their_codes(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite"
    _table(path)
    small = sqlite3.connect(path)
    small.execute("PRAGMA max_page_count = 2")
    full = _error_of(lambda: small.executemany("INSERT INTO t VALUES (?)", [("x" * 1000,)] * 50))
    small.close()
    assert storage_problem(full) is StorageProblem.FULL

    holder = sqlite3.connect(path, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    waiting = sqlite3.connect(path, timeout=0)
    busy = _error_of(lambda: waiting.execute("SELECT * FROM t").fetchall())
    holder.rollback()
    assert storage_problem(busy) is StorageProblem.BUSY

    reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    read_only = _error_of(lambda: reader.execute("INSERT INTO t VALUES ('x')"))
    assert sqlite_code(read_only) == sqlite3.SQLITE_READONLY
    assert storage_problem(read_only) is StorageProblem.READ_ONLY
    for connection in (holder, waiting, reader):
        connection.close()


def test_words_alone_classify_nothing_and_other_errors_are_ours(tmp_path: Path) -> None:
    assert storage_problem(sqlite3.OperationalError("database is locked")) is None  # no code: not SQLite's
    path = tmp_path / "t.sqlite"
    _table(path)
    with sqlite3.connect(path) as connection:
        syntax = _error_of(lambda: connection.execute("SELEC 1"))
    assert sqlite_code(syntax) == sqlite3.SQLITE_ERROR and storage_problem(syntax) is None
    assert storage_problem(ValueError("disk full")) is None


def test_a_unit_of_work_on_a_busy_database_is_refused_in_dutch_and_wraps_the_code(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite"
    _table(path)
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 0})
    holder = sqlite3.connect(path, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(UserError, match="bezet") as caught, unit_of_work(sessionmaker(engine), "a") as session:
            session.execute(text("INSERT INTO t VALUES ('x')"))
        wrapped = caught.value.__cause__
        assert isinstance(wrapped, DBAPIError) and sqlite_code(wrapped) == sqlite3.SQLITE_BUSY
    finally:
        holder.rollback()
        holder.close()
        engine.dispose()
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM t").fetchone() == (0,)


def test_a_postgresql_error_by_its_sqlstate() -> None:
    class ServerError(Exception):
        def __init__(self, sqlstate: str) -> None:
            super().__init__("whatever the server says")
            self.sqlstate = sqlstate

    assert storage_problem(ServerError("53100")) is StorageProblem.FULL
    assert storage_problem(ServerError("55P03")) is StorageProblem.BUSY
    assert storage_problem(ServerError("25006")) is StorageProblem.READ_ONLY
    assert storage_problem(ServerError("23505")) is None  # a unique violation is ours
