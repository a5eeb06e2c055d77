"""Decisions: proposed from the rules, confirmed or overridden by the chair, never overruled by a new proposal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from beoordelaar.core.decisions.decisions import (
    confirm_all,
    confirm_decision,
    list_decisions,
    override_decision,
    propose_decisions,
)
from beoordelaar.core.decisions.letters import letter_blockers
from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.procedure import Outcome, RoundStatus, SettledVerdict
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database
from letters_round import registration_by_number, without_decisions
from templates import DemoRound


def _criterion(db: Database, round_id: int, code: str) -> int:
    with db.sessions() as session:
        rnd = session.get(m.Round, round_id)
        assert rnd is not None
        return next(c.id for c in rnd.framework.criteria if c.code == code)


def test_proposals_follow_the_rules_with_every_reason(db: Database, demo_round: DemoRound) -> None:
    round_id = demo_round(db)
    without_decisions(db, round_id)
    result = propose_decisions(db.sessions, round_id, actor="voorzitter")
    assert result.proposed == 8 and result.confirmed_kept == 0 and not result.blocked
    rows = {r.number: r for r in result.rows}
    rejected = rows["DEMO-2026-0006"]  # index 5: current ratio 0,96 against >= 1,00
    assert rejected.outcome is Outcome.REJECT and rejected.status == "proposed"
    assert any("G6" in reason and "0,96" in reason and "zonder afronding" in reason for reason in rejected.reasons)
    assert {r.outcome for r in result.rows} == {Outcome.ADMIT, Outcome.REJECT}
    again = propose_decisions(db.sessions, round_id, actor="voorzitter")
    assert again.proposed == 0 and again.unchanged == 8


def test_a_criterion_below_minimum_names_score_minimum_and_motivation(db: Database, demo_round: DemoRound) -> None:
    round_id = demo_round(db)
    without_decisions(db, round_id)
    with unit_of_work(db.sessions, "test") as session:
        registration = registration_by_number(session, "DEMO-2026-0002")
        session.add(
            m.ConsensusScore(
                registration_id=registration.id, criterion_id=_criterion(db, round_id, "P2"), revision=9,
                value=Decimal(2), motivation="Het netwerk van het gezin komt in het plan nauwelijks voor.",
                source="consensus", set_by="test",
            )
        )  # fmt: skip
    rows = {r.number: r for r in propose_decisions(db.sessions, round_id, actor="v").rows}
    reasons = rows["DEMO-2026-0002"].reasons
    assert any(
        "P2" in r and "consensusscore 2 (Onvoldoende)" in r and "minimum 3" in r and "nauwelijks" in r for r in reasons
    ), reasons


def test_confirm_and_override_are_new_revisions(db: Database, demo_round: DemoRound) -> None:
    round_id = demo_round(db)
    without_decisions(db, round_id)
    propose_decisions(db.sessions, round_id, actor="voorzitter")
    row = confirm_decision(db.sessions, round_id, "DEMO-2026-0001", actor="Marieke Jansen")
    assert row.confirmed and row.revision == 2 and row.decided_by == "Marieke Jansen"
    with pytest.raises(UserError, match="al bevestigd"):
        confirm_decision(db.sessions, round_id, "DEMO-2026-0001", actor="Marieke Jansen")

    with pytest.raises(UserError, match="motivering"):
        override_decision(db.sessions, round_id, "DEMO-2026-0006", Outcome.ADMIT, "  kort ", actor="v")
    with pytest.raises(UserError, match="geen mogelijk besluit"):
        override_decision(db.sessions, round_id, "DEMO-2026-0006", Outcome.AWARD, "x" * 30, actor="v")
    motivation = "De jaarrekening 2025 toont een current ratio van 1,04; de opgave was een tikfout."
    row = override_decision(db.sessions, round_id, "DEMO-2026-0006", Outcome.ADMIT, motivation, actor="v")
    assert row.outcome is Outcome.ADMIT and row.proposed_outcome is Outcome.REJECT
    assert row.overridden and row.override_motivation == motivation and row.confirmed
    assert row.reasons  # the rules' reasons stay in the record

    # Proposing again keeps both the confirmed and the overridden decision.
    result = propose_decisions(db.sessions, round_id, actor="voorzitter")
    assert result.confirmed_kept == 2
    with db.sessions() as session:
        history = session.execute(
            select(m.Decision.revision, m.Decision.status, m.Decision.outcome)
            .join(m.Registration)
            .where(m.Registration.number == "DEMO-2026-0006", m.Registration.round_id == round_id)
            .order_by(m.Decision.revision)
        ).all()
    assert history == [(1, "proposed", "reject"), (2, "confirmed", "admit")]

    assert confirm_all(db.sessions, round_id, actor="voorzitter") == 6
    assert all(r.confirmed for r in list_decisions(db.sessions, round_id))
    with db.sessions() as session:
        assert session.get(m.Round, round_id).status == RoundStatus.DECIDED.value  # type: ignore[union-attr]


def test_open_doubt_blocks_the_decision_and_the_letters(db: Database, demo_round: DemoRound) -> None:
    round_id = demo_round(db)
    with unit_of_work(db.sessions, "test") as session:
        registration = registration_by_number(session, "DEMO-2026-0003")
        session.add(
            m.RequirementVerdict(
                registration_id=registration.id, criterion_id=_criterion(db, round_id, "G4"), revision=5,
                verdict=SettledVerdict.VERIFY.value, motivation="Verklaring ontbreekt.", source="consensus",
                set_by="test",
            )
        )  # fmt: skip
    result = propose_decisions(db.sessions, round_id, actor="v")
    assert [r.number for r in result.blocked] == ["DEMO-2026-0003"]
    assert "verificatie" in result.blocked[0].blockers[0]
    blockers = letter_blockers(db.sessions, round_id)
    assert any(b.registration == "DEMO-2026-0003" and "G4" in str(b) for b in blockers)
    with pytest.raises(UserError, match="nog niet worden besloten"):
        override_decision(db.sessions, round_id, "DEMO-2026-0003", Outcome.REJECT, "x" * 30, actor="v")


def test_a_confirmed_decision_the_rules_now_see_otherwise_blocks_the_letters(
    db: Database, demo_round: DemoRound
) -> None:
    round_id = demo_round(db)
    with unit_of_work(db.sessions, "test") as session:
        registration = registration_by_number(session, "DEMO-2026-0001")
        session.add(
            m.ConsensusScore(
                registration_id=registration.id, criterion_id=_criterion(db, round_id, "P1"), revision=9,
                value=Decimal(1), motivation="Herzien na bezwaar van een commissielid.", source="consensus",
                set_by="test",
            )
        )  # fmt: skip
    result = propose_decisions(db.sessions, round_id, actor="v")
    assert result.confirmed_kept == 8  # never overruled
    row = next(r for r in result.rows if r.number == "DEMO-2026-0001")
    assert row.outcome is Outcome.ADMIT and row.rules_now is Outcome.REJECT
    blockers = letter_blockers(db.sessions, round_id)
    assert any(b.registration == "DEMO-2026-0001" and "Afwijzen" in b.text for b in blockers)
