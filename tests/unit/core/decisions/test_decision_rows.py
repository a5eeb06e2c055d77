"""When the chair may confirm a decision or decide otherwise: one rule on the row, for the page and the CLI alike."""

from __future__ import annotations

from dataclasses import replace

from beoordelaar.core.decisions.decisions import DecisionRow
from beoordelaar.core.rounds.procedure import Outcome

PROPOSED = DecisionRow(
    registration_id=1, sequence=1, number="INS-001", provider="Zorg BV", kvk="12345678", decision_id=7, revision=1,
    proposed_outcome=Outcome.ADMIT, outcome=Outcome.ADMIT, status="proposed", reasons=(), override_motivation=None,
    decided_by=None, decided_at=None, blockers=(),
)  # fmt: skip


def test_a_current_proposal_may_be_confirmed_and_overridden() -> None:
    assert PROPOSED.confirmable and PROPOSED.overridable


def test_a_confirmed_decision_may_still_be_overridden_but_not_confirmed_again() -> None:
    confirmed = replace(PROPOSED, status="confirmed")
    assert not confirmed.confirmable and confirmed.overridable


def test_a_blocker_or_no_decision_allows_neither() -> None:
    blocked = replace(PROPOSED, blockers=("verificatie nodig",))
    assert not blocked.confirmable and not blocked.overridable
    undecided = replace(PROPOSED, decision_id=None, status="open", outcome=None, proposed_outcome=None)
    assert not undecided.confirmable and not undecided.overridable
