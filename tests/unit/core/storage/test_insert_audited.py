"""insert_audited gives every row its own id, also where SQLite does not number new rows one after another."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import insert_audited, unit_of_work
from beoordelaar.core.storage.bulk import full_row
from beoordelaar.core.storage.database import Database
from engines import ROWIDS


def _insert(db: Database) -> list[dict]:
    providers = [{"kvk": f"{90000000 + i}", "name": f"Aanbieder {i}"} for i in range(5)]
    with unit_of_work(db.sessions, "test") as session:
        insert_audited(session, [(m.Provider, row) for row in providers])
    return providers


def _stored(db: Database) -> dict[str, int]:
    with db.sessions() as session:
        return dict(session.execute(select(m.Provider.kvk, m.Provider.id)).all())  # type: ignore[arg-type]


def test_ids_follow_the_rows_when_sqlite_numbers_them_in_turn(db: Database) -> None:
    providers = _insert(db)
    assert [p["id"] for p in providers] == [1, 2, 3, 4, 5]
    assert all(_stored(db)[p["kvk"]] == p["id"] for p in providers)


@pytest.mark.sqlite_only(reason=ROWIDS)
def test_ids_are_read_back_when_sqlite_numbers_them_at_random(db: Database) -> None:
    with unit_of_work(db.sessions, "test") as session:
        session.add(m.Provider(id=2**63 - 1, kvk="99999999", name="Hoogste"))  # beyond it SQLite picks at random
    providers = _insert(db)
    assert all(_stored(db)[p["kvk"]] == p["id"] for p in providers)


def test_a_full_row_has_every_column_with_its_default() -> None:
    row = full_row(m.Decision, registration_id=1, proposed_outcome="toegelaten", outcome="toegelaten")
    assert row["revision"] == 1 and row["status"] == "proposed" and row["reasons"] == [] and row["lot_id"] is None
    assert "id" not in row and row["decided_at"] is not None
    with pytest.raises(ValueError, match="no column kleur"):
        full_row(m.Decision, kleur="rood")
