"""When a verification interview record may be approved: one rule for the editor, the approve action and the CLI."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from beoordelaar.core.rounds.framework_files import load_framework
from beoordelaar.core.verification.interview_rules import (
    PointOutcome,
    approval_problems,
    approval_refusal,
    suggested_interview_moment,
)
from beoordelaar.core.verification.verification import PointInput

FRAMEWORK, _ = load_framework("ijsselland-2022")


def _complete(code: str = "P1") -> PointInput:
    return PointInput(code=code, reason="spreiding", question="Hoe?", answer="Zo.", only_clarifies=True,
                      outcome=PointOutcome.ADJUSTED, adjusted_value=Decimal(4), motivation="Toegelicht.")  # fmt: skip


def test_a_held_record_with_complete_points_may_be_approved() -> None:
    assert approval_problems([_complete()], FRAMEWORK, held=True) == []


def test_the_record_s_own_gaps_come_before_the_points() -> None:
    incomplete = PointInput(code="P1", reason="spreiding", question="Hoe?")
    problems = approval_problems([incomplete], FRAMEWORK, held=False)
    assert problems[0] == "het gesprek heeft nog geen datum waarop het is gehouden"
    assert "P1: het antwoord ontbreekt" in problems
    assert approval_problems([], FRAMEWORK, held=True) == ["het verslag heeft geen twijfelpunten"]


def test_the_refusal_lists_every_problem() -> None:
    text = approval_refusal(["a", "b"])
    assert text == "Het verslag kan nog niet worden goedgekeurd:\n- a\n- b"


def test_a_new_interview_is_proposed_for_ten_o_clock_on_the_next_working_day() -> None:
    assert suggested_interview_moment(datetime(2026, 3, 4, 15, 30)) == datetime(2026, 3, 5, 10, 0)  # Wed -> Thu
    assert suggested_interview_moment(datetime(2026, 3, 6, 9, 0)) == datetime(2026, 3, 9, 10, 0)  # Fri -> Mon
    assert suggested_interview_moment(datetime(2026, 12, 24, 9, 0)) == datetime(2026, 12, 28, 10, 0)  # Christmas
