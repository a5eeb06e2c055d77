from __future__ import annotations

from sqlalchemy import select

from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.bulk import plain_rows
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
