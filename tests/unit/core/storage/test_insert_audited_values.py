"""insert_audited leaves the history of adding the same rows as objects for every kind of value the quicker append
converts on its own way: exact decimals and fractions, moments with and without microseconds, dates, JSON lists and
objects with text beyond ASCII, a row that takes another's id (KeyOf); in a flush after each, and
in one flush where a table's rows come out of key order (given ids, descending)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import insert_audited, unit_of_work
from beoordelaar.core.storage.bulk import KeyOf, full_row
from beoordelaar.core.storage.database import Database
from same_history import add_as_objects, freeze_clock, stored_history
from templates import DatabaseTemplates, DemoCopies


def _rows(session: Any) -> list[tuple[type[Any], dict[str, Any]]]:
    rnd = session.execute(select(m.Round)).scalars().first()
    registration = session.execute(select(m.Registration).order_by(m.Registration.id)).scalars().first()
    assessor = session.execute(select(m.Assessor).order_by(m.Assessor.id.desc())).scalars().first()
    plan = [c for c in rnd.framework.criteria if c.part == "plan"]
    provider = full_row(m.Provider, kvk="81234567", name="Zorg – ‘Ééndracht’ & Co") | {"id": 9002}
    second = full_row(
        m.Round, name="Tweede ronde", procedure=rnd.procedure, framework_id=rnd.framework_id, status="open",
        registration_deadline=date(2027, 1, 31), document_settings={"sender": "Regio – ‘IJssel’", "n": [1, 2.5]},
    )  # fmt: skip
    rows: list[tuple[type[Any], dict[str, Any]]] = [
        (m.Round, second),
        (m.Provider, provider),
        (m.Provider, full_row(m.Provider, kvk="81234568", name="Tweede") | {"id": 9001}),
        (m.Provider, full_row(m.Provider, kvk="81234569", name="Derde") | {"id": 9000}),
        (m.Registration, full_row(
            m.Registration, round_id=rnd.id, provider_id=KeyOf(provider), number="EXTRA-1", sequence=999,
            name="Extra", product_categories=["Ambulant", "Jeugd-GGZ é"], source="test",
            submitted_at=datetime(2026, 8, 1, 12, 0, 0, 123456),
        )),
    ]  # fmt: skip
    for index, criterion in enumerate(plan[:3]):
        rows.append((m.ScoreRevision, full_row(
            m.ScoreRevision, assessor_id=assessor.id, registration_id=registration.id, criterion_id=criterion.id,
            revision=90 + index, value=Decimal(["3", "4.50", "1E+1"][index]), motivation=f"Motivering {index} é",
            source="test", scored_at=datetime(2026, 9, 15, 9, 0, index, index * 7),
        )))  # fmt: skip
        rows.append((m.ConsensusScore, full_row(
            m.ConsensusScore, registration_id=registration.id, criterion_id=criterion.id, revision=90 + index,
            value=[Fraction(20, 3), Decimal("2.5"), Fraction(7, 2)][index], motivation="Vastgesteld.",
            source="consensus", set_by="Voorzitter", set_at=datetime(2026, 10, 1) if index else datetime.min,
        )))  # fmt: skip
    return rows


@pytest.mark.parametrize("one_flush", [False, True])
def test_every_kind_of_value_leaves_the_history_of_adding_objects(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, templates: DatabaseTemplates,
    cached_demo: DemoCopies, one_flush: bool,
) -> None:  # fmt: skip
    other = templates.open_copy(tmp_path / "als-objecten.sqlite")
    try:
        for database in (db, other):
            cached_demo(database, providers=3, actor="test")
        freeze_clock(monkeypatch)
        with unit_of_work(db.sessions, "test", source="test") as session:
            insert_audited(session, _rows(session), one_flush=one_flush)
        with unit_of_work(other.sessions, "test", source="test") as session:
            add_as_objects(session, _rows(session), one_flush=one_flush)
        batched, as_objects = stored_history(db), stored_history(other)
    finally:
        other.close()
    assert batched == as_objects
    assert {e[2] for e in batched[-12:]} >= {"rounds", "providers", "registrations", "score_revisions"}
