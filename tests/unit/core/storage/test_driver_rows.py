"""driver_rows: the rows as session.execute gives them, and the driver's errors as SQLAlchemy raises them (so that a
full disk while the history is checked is told in Dutch)."""

from __future__ import annotations

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, select
from sqlalchemy.exc import DBAPIError

from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.storage.database import Database
from beoordelaar.core.storage.driver_rows import driver_rows
from engines import PRAGMA


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
