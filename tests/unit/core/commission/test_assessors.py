"""The commission's members: organisation and e-mail, and the confidentiality declaration signed on a day, at once or
recorded later, once only, and in the audit trail."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from beoordelaar.core.commission.assessors import add_assessor, declare_confidentiality, list_assessors
from beoordelaar.core.errors import UserError
from beoordelaar.core.exchange.commission_work import commission_progress
from beoordelaar.core.rounds.rounds import create_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database


@pytest.fixture
def round_(db: Database) -> int:
    return create_round(db.sessions, name="R", framework="ijsselland-2022", actor="a").id


def test_member_with_organisation_email_and_a_signing_day(db: Database, round_: int) -> None:
    add_assessor(
        db.sessions, round_, " Anna de Vries ", organisation=" Gemeente Zwolle ", email="anna@zwolle.nl",
        confidentiality_declared=True, declared_on=date(2026, 1, 15), actor="a",
    )  # fmt: skip
    add_assessor(db.sessions, round_, "Bert", organisation="  ", actor="a")
    anna, bert = commission_progress(db.sessions, round_)
    assert (anna.name, anna.organisation, anna.email) == ("Anna de Vries", "Gemeente Zwolle", "anna@zwolle.nl")
    assert anna.confidentiality_declared_at == datetime(2026, 1, 15, 12)
    assert (bert.organisation, bert.email, bert.confidentiality_declared_at) == (None, None, None)


def test_member_refusals_are_dutch_and_add_nothing(db: Database, round_: int) -> None:
    with pytest.raises(UserError, match="geen geldig e-mailadres"):
        add_assessor(db.sessions, round_, "Anna", email="anna at zwolle", actor="a")
    with pytest.raises(UserError, match="niet in de toekomst"):
        add_assessor(
            db.sessions, round_, "Anna", confidentiality_declared=True, declared_on=date.today() + timedelta(1),
            actor="a",
        )  # fmt: skip
    with pytest.raises(UserError, match="te lang"):
        add_assessor(db.sessions, round_, "Anna", organisation="x" * 201, actor="a")
    assert list_assessors(db.sessions, round_) == []
    # not declared: the day given is ignored
    add_assessor(db.sessions, round_, "Anna", declared_on=date(2026, 1, 1), actor="a")
    assert list_assessors(db.sessions, round_)[0].confidentiality_declared_at is None


def test_declaration_recorded_later_once_and_audited(db: Database, round_: int) -> None:
    add_assessor(db.sessions, round_, "Anna", actor="a")
    with pytest.raises(UserError, match="niet in de toekomst"):
        declare_confidentiality(db.sessions, round_, "Anna", declared_on=date.today() + timedelta(1), actor="a")
    with pytest.raises(UserError, match="geen lid"):
        declare_confidentiality(db.sessions, round_, "Onbekend", actor="a")
    assert list_assessors(db.sessions, round_)[0].confidentiality_declared_at is None

    at = declare_confidentiality(db.sessions, round_, "Anna", declared_on=date(2026, 2, 3), actor="voorzitter")
    assert at == datetime(2026, 2, 3, 12)
    assert list_assessors(db.sessions, round_)[0].confidentiality_declared_at == at
    with pytest.raises(UserError, match="al getekend, op 03-02-2026"):
        declare_confidentiality(db.sessions, round_, "Anna", actor="a")
    with db.sessions() as session:
        actors = session.execute(
            select(m.AuditEvent.actor).where(m.AuditEvent.entity == "assessors", m.AuditEvent.action == "update")
        ).scalars()
        assert list(actors) == ["voorzitter"]


def test_declaration_without_a_day_is_now(db: Database, round_: int) -> None:
    add_assessor(db.sessions, round_, "Anna", actor="a")
    at = declare_confidentiality(db.sessions, round_, "Anna", actor="a")
    assert abs(datetime.now() - at) < timedelta(days=1)
