from __future__ import annotations

import gc

import pytest
from sqlalchemy import select

from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.bulk import collection_paused, plain_rows, streamed_rows
from beoordelaar.core.storage.database import Database
from templates import DemoCopies


def test_plain_rows_are_the_rows_of_an_ordinary_query(db: Database, cached_demo: DemoCopies) -> None:
    cached_demo(db, providers=3, actor="t")
    statement = (
        select(m.ScoreRevision.registration_id, m.ScoreRevision.assessor_id, m.ScoreRevision.value)
        .where(m.ScoreRevision.registration_id >= 2)
        .order_by(m.ScoreRevision.id)
    )
    with db.sessions() as session:
        ordinary = [(r, a, str(v)) for r, a, v in session.execute(statement).all()]
        plain = [(r, a, str(v)) for r, a, v in plain_rows(session, statement)]
    assert plain == ordinary and len(plain) > 10


def test_streamed_rows_are_the_rows_of_an_ordinary_query_in_batches_of_any_size(
    db: Database, cached_demo: DemoCopies
) -> None:
    cached_demo(db, providers=3, actor="t")
    statement = select(m.AuditEvent.id, m.AuditEvent.at, m.AuditEvent.after).order_by(m.AuditEvent.id)
    with db.sessions() as session:
        ordinary = [tuple(row) for row in session.execute(statement).all()]
        for batch in (1, 7, 100_000):
            assert [tuple(row) for row in streamed_rows(session, statement, batch)] == ordinary
        stopped = streamed_rows(session, statement, 5)
        assert next(stopped)[0] == ordinary[0][0]
        stopped.close()  # a walk that stops early (a break in the chain) leaves no cursor open
        assert session.execute(select(m.AuditEvent.id).order_by(m.AuditEvent.id).limit(1)).scalar() == ordinary[0][0]
    assert len(ordinary) > 100


def test_the_collector_is_paused_over_a_bulk_write_and_runs_again_after_it_even_after_an_error() -> None:
    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
        with collection_paused():  # nested: the outer one turns it back on
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collection_paused():
        raise ValueError("kapot")
    assert gc.isenabled()
