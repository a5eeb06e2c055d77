"""Decisions: proposed from the rules, confirmed or overridden by the chair, never overruled by a new proposal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from beoordelaar.core.decisions.decision_inputs import current_decisions
from beoordelaar.core.decisions.decisions import (
    confirm_all,
    confirm_decision,
    list_decisions,
    override_decision,
    propose_decisions,
)
from beoordelaar.core.decisions.letters import letter_blockers, preview_letter
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


def _settle_verdict(db: Database, round_id: int, number: str, code: str, verdict: SettledVerdict, why: str) -> None:
    with unit_of_work(db.sessions, "test") as session:
        session.add(
            m.RequirementVerdict(
                registration_id=registration_by_number(session, number).id, criterion_id=_criterion(db, round_id, code),
                revision=9, verdict=verdict.value, motivation=why, source="consensus", set_by="test",
            )
        )  # fmt: skip


def _settle_score(db: Database, round_id: int, number: str, code: str, score: int, why: str) -> None:
    with unit_of_work(db.sessions, "test") as session:
        session.add(
            m.ConsensusScore(
                registration_id=registration_by_number(session, number).id, criterion_id=_criterion(db, round_id, code),
                revision=9, value=Decimal(score), motivation=why, source="consensus", set_by="test",
            )
        )  # fmt: skip


def _history(db: Database, round_id: int, number: str) -> list[tuple[int, str, str]]:
    with db.sessions() as session:
        return [
            tuple(row)
            for row in session.execute(
                select(m.Decision.revision, m.Decision.status, m.Decision.outcome)
                .join(m.Registration)
                .where(m.Registration.number == number, m.Registration.round_id == round_id)
                .order_by(m.Decision.revision)
            )
        ]


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
    _settle_score(db, round_id, "DEMO-2026-0002", "P2", 2, "Het netwerk van het gezin komt nauwelijks voor.")
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
    motivation = "De aanbieder heeft na de inschrijving aangegeven de zorg niet te kunnen leveren."
    row = override_decision(db.sessions, round_id, "DEMO-2026-0002", Outcome.REJECT, motivation, actor="v")
    assert row.outcome is Outcome.REJECT and row.proposed_outcome is Outcome.ADMIT
    assert row.overridden and row.override_motivation == motivation and row.confirmed

    # Proposing again keeps both the confirmed and the overridden decision.
    result = propose_decisions(db.sessions, round_id, actor="voorzitter")
    assert result.confirmed_kept == 2
    assert _history(db, round_id, "DEMO-2026-0002") == [(1, "proposed", "admit"), (2, "confirmed", "reject")]

    assert confirm_all(db.sessions, round_id, actor="voorzitter") == 6
    assert all(r.confirmed for r in list_decisions(db.sessions, round_id))
    with db.sessions() as session:
        assert session.get(m.Round, round_id).status == RoundStatus.DECIDED.value  # type: ignore[union-attr]


def test_open_doubt_blocks_the_decision_and_the_letters(db: Database, demo_round: DemoRound) -> None:
    round_id = demo_round(db)
    _settle_verdict(db, round_id, "DEMO-2026-0003", "G4", SettledVerdict.VERIFY, "Verklaring ontbreekt.")
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
    _settle_score(db, round_id, "DEMO-2026-0001", "P1", 1, "Herzien na bezwaar van een commissielid.")
    result = propose_decisions(db.sessions, round_id, actor="v")
    assert result.confirmed_kept == 8  # never overruled
    row = next(r for r in result.rows if r.number == "DEMO-2026-0001")
    assert row.outcome is Outcome.ADMIT and row.rules_now is Outcome.REJECT
    blockers = letter_blockers(db.sessions, round_id)
    assert any(b.registration == "DEMO-2026-0001" and "Afwijzen" in b.text for b in blockers)


def test_an_override_cannot_admit_a_failed_knock_out(db: Database, demo_round: DemoRound) -> None:
    round_id = demo_round(db)
    without_decisions(db, round_id)
    propose_decisions(db.sessions, round_id, actor="voorzitter")
    motivation = "Solvabiliteit 0,249 is afgerond 0,25; de commissie acht dat voldoende."
    with pytest.raises(UserError) as refused:  # index 5 fails G6 (current ratio 0,96) and P1
        override_decision(db.sessions, round_id, "DEMO-2026-0006", Outcome.ADMIT, motivation, actor="v")
    message = str(refused.value)
    assert "kan niet met een afwijking worden toegelaten" in message and "G6" in message and "P1" in message
    assert "het oordeel over die eis zelf te herzien" in message and "consensusscore te herzien" in message
    assert _history(db, round_id, "DEMO-2026-0006") == [(1, "proposed", "reject")]  # nothing changed

    # The record is revised instead, with evidence and motivation: then the proposal follows it.
    why = "Jaarrekening 2025 (bijlage 4): current ratio 1,04; de opgave was een tikfout."
    _settle_verdict(db, round_id, "DEMO-2026-0006", "G6", SettledVerdict.PASS, why)
    _settle_score(db, round_id, "DEMO-2026-0006", "P1", 3, "Herzien: het plan beschrijft de aanpak voldoende.")
    row = next(r for r in propose_decisions(db.sessions, round_id, actor="v").rows if r.number == "DEMO-2026-0006")
    assert row.outcome is Outcome.ADMIT and not row.overridden and not row.failed_now


def test_an_earlier_override_over_a_knock_out_blocks_the_letters(db: Database, demo_round: DemoRound) -> None:
    round_id = demo_round(db)
    with unit_of_work(db.sessions, "test") as session:  # as an older version let it happen
        registration = registration_by_number(session, "DEMO-2026-0006")
        decision = current_decisions(session, round_id)[registration.id]
        session.add(
            m.Decision(
                registration_id=registration.id, revision=decision.revision + 1, proposed_outcome="reject",
                outcome="admit", reasons=decision.reasons, status="confirmed", decided_by="v",
                override_motivation="Solvabiliteit 0,249 is afgerond 0,25.",
            )
        )  # fmt: skip
    blocker = next(b for b in letter_blockers(db.sessions, round_id) if b.registration == "DEMO-2026-0006")
    assert "knock-out niet opheffen" in blocker.text and "G6" in blocker.text
    with pytest.raises(UserError, match="kan niet worden gemaakt: het besluit is 'toegelaten'"):
        preview_letter(db.sessions, db.documents, round_id, "DEMO-2026-0006")
