from __future__ import annotations

import pytest
from sqlalchemy import select

from beoordelaar.core.commission.assessors import add_assessor, declare_conflict, list_assessors
from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.procedure import Procedure, Role
from beoordelaar.core.rounds.rounds import create_round, list_rounds
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from templates import DemoCopies


def test_create_and_list_rounds(db: Database) -> None:
    created = create_round(
        db.sessions, name="Jeugd 2027", framework="ijsselland-2022", procedure=Procedure.SAS, actor="a"
    )
    (listed,) = list_rounds(db.sessions)
    assert listed == created
    assert listed.procedure is Procedure.SAS and listed.registrations == 0


def test_round_names_are_unique_and_required(db: Database) -> None:
    create_round(db.sessions, name="Jeugd 2027", framework="ijsselland-2022", actor="a")
    with pytest.raises(UserError, match="al een ronde"):
        create_round(db.sessions, name="Jeugd 2027", framework="ijsselland-2022", actor="a")
    with pytest.raises(UserError, match="naam"):
        create_round(db.sessions, name="  ", framework="ijsselland-2022", actor="a")
    with pytest.raises(UserError, match="niet gevonden"):
        create_round(db.sessions, name="Andere", framework="bestaat-niet", actor="a")
    assert len(list_rounds(db.sessions)) == 1


def test_commission_with_one_chair(db: Database) -> None:
    round_id = create_round(db.sessions, name="R", framework="ijsselland-2022", actor="a").id
    add_assessor(db.sessions, round_id, "Anna", chair=True, actor="a")
    add_assessor(db.sessions, round_id, "Bert", confidentiality_declared=True, actor="a")
    with pytest.raises(UserError, match="al een voorzitter"):
        add_assessor(db.sessions, round_id, "Carla", chair=True, actor="a")
    with pytest.raises(UserError, match="al lid"):
        add_assessor(db.sessions, round_id, "Bert", actor="a")
    with pytest.raises(UserError, match="bestaat niet"):
        add_assessor(db.sessions, round_id + 1, "Dirk", actor="a")
    rows = list_assessors(db.sessions, round_id)
    assert [(r.name, r.role) for r in rows] == [("Anna", Role.CHAIR), ("Bert", Role.ASSESSOR)]
    assert rows[1].confidentiality_declared_at is not None


def test_conflict_takes_the_assessor_off_the_registration(db: Database, cached_demo: DemoCopies) -> None:
    summary = cached_demo(db, providers=5, actor="a")
    from sqlalchemy import func, select

    from beoordelaar.core.storage import models as m

    with db.sessions() as session:
        assessor, number, kvk = session.execute(
            select(m.Assessor.name, m.Registration.number, m.Provider.kvk)
            .join(m.Assignment, m.Assignment.assessor_id == m.Assessor.id)
            .join(m.Registration, m.Registration.id == m.Assignment.registration_id)
            .join(m.Provider)
            .limit(1)
        ).one()
    declare_conflict(db.sessions, summary.id, assessor, number, reason="oud-collega", actor="a")
    declare_conflict(db.sessions, summary.id, assessor, number, actor="a")  # twice is once
    with db.sessions() as session:
        left = session.execute(
            select(func.count(m.Assignment.id))
            .join(m.Assessor)
            .join(m.Registration, m.Registration.id == m.Assignment.registration_id)
            .join(m.Provider)
            .where(m.Assessor.name == assessor, m.Provider.kvk == kvk)
        ).scalar_one()
    assert left == 0
    assert next(r for r in list_assessors(db.sessions, summary.id) if r.name == assessor).conflicts >= 1


def test_each_round_s_summary_counts_only_its_own(db: Database, cached_demo: DemoCopies) -> None:
    cached_demo(db, providers=8, actor="test")
    create_round(db.sessions, name="Leeg", framework="ijsselland-2022", procedure=Procedure.SAS, actor="a")
    summaries = list_rounds(db.sessions)
    with db.sessions() as session:
        rounds = session.execute(select(m.Round).order_by(m.Round.created_at, m.Round.id)).scalars().all()
        assert [s.id for s in summaries] == [r.id for r in rounds] and len(rounds) == 2
        for summary, rnd in zip(summaries, rounds, strict=True):
            ids = {r.id for r in rnd.registrations}
            scores = {
                (s.assessor_id, s.registration_id, s.criterion_id)
                for s in session.execute(select(m.ScoreRevision)).scalars()
                if s.registration_id in ids
            }
            decided = {
                (d.registration_id, d.lot_id)
                for d in session.execute(select(m.Decision)).scalars()
                if d.registration_id in ids
            }
            assert (summary.name, summary.framework, summary.procurement_name) == (
                rnd.name,
                rnd.framework.name,
                rnd.procurement.name if rnd.procurement else None,
            )
            assert (summary.registrations, summary.assessors, summary.scores, summary.decisions) == (
                len(rnd.registrations), len(rnd.assessors), len(scores), len(decided)
            )  # fmt: skip
    assert summaries[0].scores and summaries[0].decisions and summaries[1].registrations == 0
