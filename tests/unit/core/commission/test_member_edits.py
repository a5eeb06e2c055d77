"""Correcting a member (name, e-mail, organisation) and removing one who has no work yet; both in the history."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from beoordelaar.core.commission.assessors import list_assessors
from beoordelaar.core.commission.member_edits import edit_assessor, remove_assessor
from beoordelaar.core.errors import UserError
from beoordelaar.core.exchange.commission_work import commission_progress
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from exchange_round import ANNA, BRAM, CHANTAL, DIRK
from templates import DemoCopies


def test_edit_corrects_email_and_organisation_and_keeps_the_rest(db: Database, made_round) -> None:
    round_id = made_round(db)
    row = edit_assessor(
        db.sessions, round_id, ANNA, email=" anna@zwolle.nl ", organisation="Gemeente Zwolle", actor="Marieke"
    )
    assert row.name == ANNA
    anna = next(p for p in commission_progress(db.sessions, round_id) if p.name == ANNA)
    assert (anna.email, anna.organisation) == ("anna@zwolle.nl", "Gemeente Zwolle")
    edit_assessor(db.sessions, round_id, ANNA, new_name="Anna van Dijk", organisation=None, actor="Marieke")
    anna = next(p for p in commission_progress(db.sessions, round_id) if p.name == "Anna van Dijk")
    assert (anna.email, anna.organisation) == ("anna@zwolle.nl", None)
    with db.sessions() as session:
        event = (
            session.execute(
                select(m.AuditEvent).where(m.AuditEvent.action == "assessor-edited").order_by(m.AuditEvent.id.desc())
            )
            .scalars()
            .first()
        )
    assert event.actor == "Marieke"
    assert event.after["before"]["name"] == ANNA and event.after["after"]["name"] == "Anna van Dijk"


def test_edit_refusals_are_dutch_and_change_nothing(db: Database, made_round) -> None:
    round_id = made_round(db)
    with pytest.raises(UserError, match="geen geldig e-mailadres"):
        edit_assessor(db.sessions, round_id, ANNA, new_name="Anna 2", email="anna at zwolle", actor="t")
    with pytest.raises(UserError, match=f"'{BRAM}' is al lid"):
        edit_assessor(db.sessions, round_id, ANNA, new_name=BRAM, actor="t")
    with pytest.raises(UserError, match="niets gewijzigd"):
        edit_assessor(db.sessions, round_id, ANNA, new_name=ANNA, actor="t")
    with pytest.raises(UserError, match="geen lid"):
        edit_assessor(db.sessions, round_id, DIRK, email="d@x.nl", actor="t")
    assert ANNA in [a.name for a in list_assessors(db.sessions, round_id)]


def test_a_member_without_work_is_removed_with_assignments_and_conflicts(db: Database, made_round) -> None:
    round_id = made_round(db)
    remove_assessor(db.sessions, round_id, CHANTAL, actor="Marieke")
    assert CHANTAL not in [a.name for a in list_assessors(db.sessions, round_id)]
    with db.sessions() as session:
        event = session.execute(select(m.AuditEvent).where(m.AuditEvent.action == "assessor-removed")).scalar_one()
        deleted = session.execute(
            select(m.AuditEvent.entity).where(m.AuditEvent.action == "delete", m.AuditEvent.id < event.id)
        ).scalars()
        assert {"assignments", "conflicts", "assessors"} <= set(deleted)
    assert (event.actor, event.after["name"]) == ("Marieke", CHANTAL)


def test_a_member_with_scores_is_not_removed_and_the_refusal_says_why(db: Database, cached_demo: DemoCopies) -> None:
    round_id = cached_demo(db, providers=4, assessors=2, actor="t").id
    member = next(a for a in list_assessors(db.sessions, round_id) if a.role.value == "assessor")
    with db.sessions() as session:
        cells = session.execute(
            select(m.ScoreRevision.registration_id, m.ScoreRevision.criterion_id)
            .where(m.ScoreRevision.assessor_id == member.id)
            .distinct()
        ).all()
    with pytest.raises(UserError, match=rf"{member.name} heeft al {len(cells)} scores gegeven"):
        remove_assessor(db.sessions, round_id, member.name, actor="t")
    assert member.name in [a.name for a in list_assessors(db.sessions, round_id)]
