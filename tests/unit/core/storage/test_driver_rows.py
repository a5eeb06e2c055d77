"""driver_rows: the rows as session.execute gives them, ready rows as json_ready gives those, and the driver's errors as
SQLAlchemy raises them (so that a full disk while the history is checked is told in Dutch)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from sqlalchemy import JSON, Column, Date, DateTime, Integer, LargeBinary, MetaData, String, Table, insert, select, text
from sqlalchemy.exc import DBAPIError

from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import json_ready, record_action, unit_of_work
from beoordelaar.core.storage.database import Database
from beoordelaar.core.storage.driver_rows import driver_rows
from engines import PRAGMA, RAW_FILE

_KINDS = MetaData()
KINDS = Table(
    "driver_row_kinds", _KINDS, Column("id", Integer, primary_key=True), Column("moment", DateTime),
    Column("day", Date), Column("amount", m.ExactDecimal), Column("document", JSON), Column("name", String(20)),
    Column("blob", LargeBinary),
)  # fmt: skip
MOMENT = datetime(2026, 10, 1, 9, 30, 15, 250)
ROWS = [
    {"moment": MOMENT, "day": date(2027, 1, 31), "amount": Decimal("7.10"), "document": {"a": [1, 2.5, None]}},
    {"moment": MOMENT, "amount": Decimal("7.10"), "document": ["Zorg é", {"b": True}], "name": "x"},  # as before
    {"moment": datetime(2026, 10, 1, 9, 30), "amount": Fraction(20, 3), "document": "tekst", "blob": b"\x00\xff"},
    {"moment": datetime(1, 1, 1), "amount": Decimal("1"), "document": 7},
    {},
]


def test_the_rows_are_the_ones_session_execute_gives(db: Database) -> None:
    with unit_of_work(db.sessions, "voorzitter") as session:
        for number in range(3):
            record_action(session, "round-created", "rounds", str(number), {"n": number, "naam": "Zorg é"})
    e = m.AuditEvent
    statement = select(e.id, e.at, e.action, e.before, e.after, e.hash).order_by(e.id)
    with db.sessions() as session:
        expected = [tuple(row) for row in session.execute(statement)]
        assert [tuple(row) for row in driver_rows(session, statement)] == expected
    assert len(expected) == 3 and expected[1][4] == {"n": 1, "naam": "Zorg é"}


def test_a_driver_error_is_raised_as_sqlalchemys(db: Database) -> None:
    missing = Table("no_such_table", MetaData(), Column("id", Integer, primary_key=True))
    with db.sessions() as session, pytest.raises(DBAPIError):
        list(driver_rows(session, select(missing.c.id)))


@pytest.mark.sqlite_only(reason=PRAGMA)
def test_an_error_while_the_rows_are_read_is_raised_as_sqlalchemys(db: Database) -> None:
    with unit_of_work(db.sessions, "voorzitter") as session:
        for number in range(50):
            record_action(session, "round-created", "rounds", str(number), None)
    e = m.AuditEvent
    with db.sessions() as session:
        rows = driver_rows(session, select(e.id, e.at).order_by(e.id))
        next(rows)
        raw = session.connection().connection.driver_connection
        raw.set_progress_handler(lambda: 1, 1)  # the read interrupted from now on
        with pytest.raises(DBAPIError):
            list(rows)
        raw.set_progress_handler(None, 1)


def _kinds_made(db: Database, rows: list[dict[str, object]]) -> None:
    """The rows put in a table of every kind the history converts."""
    _KINDS.create_all(db.engine)
    with db.sessions() as session:
        session.execute(insert(KINDS), [{column.name: None for column in KINDS.columns if column.name != "id"} | row
                                        for row in rows])  # fmt: skip
        session.commit()


def _kinds_read(db: Database) -> tuple[list[tuple[object, ...]], list[list[object]]]:
    """The table's rows as session.execute gives them, and ready."""
    statement = select(KINDS).order_by(KINDS.c.id)
    with db.sessions() as session:
        converted = [tuple(row) for row in session.execute(statement)]
        return converted, [list(row) for row in driver_rows(session, statement, ready=True)]


def test_ready_rows_are_json_ready_of_the_rows_session_execute_gives(db: Database) -> None:
    _kinds_made(db, ROWS)
    converted, ready = _kinds_read(db)
    assert ready == [[json_ready(value) for value in row] for row in converted]
    assert ready[0][1:4] == ["2026-10-01T09:30:15.000250", "2027-01-31", "7.10"]
    assert (ready[2][1], ready[2][3]) == ("2026-10-01T09:30:00", "20/3")  # a whole second: isoformat leaves out 0
    assert ready[3][1] == "0001-01-01T00:00:00" and ready[4][1:] == [None] * 6


@pytest.mark.sqlite_only(reason=RAW_FILE)
def test_ready_rows_of_values_not_as_the_program_writes_them(db: Database) -> None:
    """Values put in by hand (SQLite keeps any value in any column), each ready as SQLAlchemy's conversion makes it:
    a moment written without its microseconds is the same moment; a number in the decimals' text column is its
    text, and "7" and "7.0" stay apart however often they come."""
    _kinds_made(db, [{}] * 6)
    with db.sessions() as session:
        for row_id, moment, amount in [
            (1, "2026-10-01 09:30:15", 7), (2, "2026-10-01 09:30:15.000000", 7.0), (3, None, "7"), (4, None, "7.0"),
            (5, None, "7"), (6, None, "7.0"),
        ]:  # fmt: skip
            session.execute(text("UPDATE driver_row_kinds SET moment = :m, amount = :a WHERE id = :i"),
                            {"m": moment, "a": amount, "i": row_id})  # fmt: skip
        session.commit()
    converted, ready = _kinds_read(db)
    assert ready == [[json_ready(value) for value in row] for row in converted]
    assert ready[0][1] == ready[1][1] == "2026-10-01T09:30:15"
    assert [row[3] for row in ready] == ["7", "7.0", "7", "7.0", "7", "7.0"]
