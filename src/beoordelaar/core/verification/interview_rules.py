"""The rules of a verification interview record: what a complete point is, which outcomes fit which part, and when
the whole record may be approved."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta
from enum import StrEnum
from typing import Protocol

from beoordelaar.core.decisions.dates import next_working_day
from beoordelaar.core.rounds.framework import Framework, Part
from beoordelaar.core.text import word


class InterviewStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    APPROVED = "approved"

    @property
    def label(self) -> str:
        return word("interview_status", self.value)


class PointOutcome(StrEnum):
    MEETS = "voldoet"
    FAILS = "voldoet-niet"
    CONFIRMED = "bevestigd"
    ADJUSTED = "aangepast"

    @property
    def label(self) -> str:
        return word("outcome", self.value)


REQUIREMENT_OUTCOMES = (PointOutcome.MEETS, PointOutcome.FAILS)
PLAN_OUTCOMES = (PointOutcome.CONFIRMED, PointOutcome.ADJUSTED)


class PointLike(Protocol):
    code: str
    question: str
    answer: str
    only_clarifies: bool | None
    outcome: PointOutcome | None
    motivation: str

    @property
    def adjusted_value(self) -> object: ...


def outcomes_for(part: Part) -> tuple[PointOutcome, ...]:
    return PLAN_OUTCOMES if part is Part.PLAN else REQUIREMENT_OUTCOMES


def point_problems(point: PointLike, framework: Framework) -> list[str]:
    """What keeps a point from being approved (in Dutch); empty when it is complete."""
    criterion = framework.criterion(point.code)
    problems = []
    if not point.question.strip():
        problems.append("de gestelde vraag ontbreekt")
    if not point.answer.strip():
        problems.append("het antwoord ontbreekt")
    if point.only_clarifies is None:
        problems.append("niet vastgelegd of het antwoord alleen verduidelijkt")
    allowed = outcomes_for(criterion.part)
    if point.outcome is None:
        problems.append(f"de uitkomst ontbreekt ({' of '.join(o.label.lower() for o in allowed)})")
    elif point.outcome not in allowed:
        problems.append(f"'{point.outcome.label}' past niet bij {criterion.part.label.lower()}")
    if point.outcome is PointOutcome.ADJUSTED:
        value = point.adjusted_value
        if value is None:
            problems.append("de aangepaste score ontbreekt")
        elif criterion.scale is not None and value not in criterion.scale.values:
            problems.append(f"{value} is geen stap van de schaal")
    if point.only_clarifies is False and point.outcome is PointOutcome.ADJUSTED:
        problems.append("een antwoord dat de inschrijving aanvult of wijzigt mag de score niet veranderen")
    if not point.motivation.strip():
        problems.append("de motivering van de uitkomst ontbreekt")
    return problems


def approval_problems(points: Sequence[PointLike], framework: Framework, *, held: bool) -> list[str]:
    """What keeps a record from approval (in Dutch), the record's own gaps first; empty when it may be approved."""
    problems = [f"{p.code}: {problem}" for p in points for problem in point_problems(p, framework)]
    if not held:
        problems.insert(0, "het gesprek heeft nog geen datum waarop het is gehouden")
    if not points:
        problems.insert(0, "het verslag heeft geen twijfelpunten")
    return problems


def approval_refusal(problems: Sequence[str]) -> str:
    """The message that refuses an approval, listing what is still missing."""
    return "Het verslag kan nog niet worden goedgekeurd:\n- " + "\n- ".join(problems)


def suggested_interview_moment(now: datetime) -> datetime:
    """The moment a new interview is proposed for: 10:00 on the first working day after today (no weekend, no
    public holiday)."""
    return datetime.combine(next_working_day(now.date() + timedelta(days=1)), time(10, 0))
