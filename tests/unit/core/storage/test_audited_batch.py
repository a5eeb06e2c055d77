"""An AuditedBatch of updates, inserts and named actions leaves the rows and the history of making each change on its
own (a flush after each, record_action for an action): the same events in the same order, with the same hashes; an
update to what a row already holds is no change, and the loaded objects hold what was stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.storage.audited_batch import AuditedBatch
from beoordelaar.core.storage.bulk import full_row
from beoordelaar.core.storage.database import Database
from same_history import freeze_clock, stored_history
from templates import DatabaseTemplates


def _providers(db: Database) -> None:
    with unit_of_work(db.sessions, "test") as session:
        session.add_all([m.Provider(kvk=f"9000000{i}", name=f"Aanbieder {i}") for i in range(3)])


def _change(db: Database, batched: bool) -> list[tuple[str, str]]:
    with unit_of_work(db.sessions, "test") as session:
        first, second, third = session.execute(select(m.Provider).order_by(m.Provider.id)).scalars()
        batch = AuditedBatch()
        if batched:
            assert batch.update(first, name="Eerste", kvk="80000001")
            batch.action("consensus-opened", "providers", str(first.id), {"rows": 1})
            batch.insert(m.Provider, full_row(m.Provider, kvk="80000004", name="Nieuw"))
            assert batch.update(second, name="Tweede")
            assert batch.update(first, name="Eerste, opnieuw")
            assert not batch.update(third, name="Aanbieder 2")
            batch.write(session)
        else:
            first.kvk, first.name = "80000001", "Eerste"
            session.flush()
            record_action(session, "consensus-opened", "providers", str(first.id), {"rows": 1})
            session.add(m.Provider(kvk="80000004", name="Nieuw"))
            session.flush()
            second.name = "Tweede"
            session.flush()
            first.name = "Eerste, opnieuw"
            session.flush()
            third.name = "Aanbieder 2"
        held = [(p.kvk, p.name) for p in (first, second, third)]
        assert not [p for p in (first, second, third) if session.is_modified(p)]
    with db.sessions() as session:
        stored = [tuple(p) for p in session.execute(select(m.Provider.kvk, m.Provider.name).order_by(m.Provider.id))]
        assert stored[:3] == held  # in id order: a server returns updated rows in no particular order
        return stored


def test_a_batch_leaves_the_rows_and_the_history_of_changing_one_by_one(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, templates: DatabaseTemplates
) -> None:
    other = templates.open_copy(tmp_path / "een-voor-een.sqlite")
    try:
        freeze_clock(monkeypatch)
        for database in (db, other):
            _providers(database)
        assert _change(db, batched=True) == _change(other, batched=False)
        assert stored_history(db) == stored_history(other)
    finally:
        other.close()
