"""Proposing a decision from the rules: admit or award when everything is met, otherwise reject, with every reason."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from beoordelaar.core.decisions.score_words import score_name
from beoordelaar.core.registrations.answers import OPERATOR_WORDS, answer_meets
from beoordelaar.core.rounds.framework import AnswerKind, Criterion, Framework, Part
from beoordelaar.core.rounds.procedure import Outcome, Procedure, SettledVerdict
from beoordelaar.core.text import number_text


@dataclass(frozen=True)
class Settled:
    """The commission's settled result on one criterion: a verdict (exclusion, requirement) or a score (plan)."""

    motivation: str
    verdict: SettledVerdict | None = None
    score: Decimal | None = None


@dataclass(frozen=True)
class Reason:
    code: str
    part: Part
    text: str


@dataclass(frozen=True)
class Proposal:
    """The rules' proposal; outcome is None while something blocks a decision (listed in blockers)."""

    outcome: Outcome | None
    reasons: tuple[Reason, ...] = ()
    blockers: tuple[str, ...] = field(default=())


def _requirement_reason(criterion: Criterion, declared: str | None, motivation: str) -> str:
    kind = "Uitsluitingsgrond" if criterion.part is Part.EXCLUSION else "Geschiktheidseis"
    head = f"{kind} {criterion.code} ({criterion.title})"
    if criterion.answer is AnswerKind.NUMBER and criterion.threshold is not None and declared:
        threshold = number_text(criterion.threshold.value, as_written=True)  # as the framework writes it: 1,00
        detail = (
            f"opgegeven waarde {declared.strip()}, vereist {OPERATOR_WORDS[criterion.threshold.operator]} "
            f"{threshold}; de eis wordt zonder afronding toegepast"
        )
    elif declared:
        detail = f"opgegeven antwoord '{declared.strip()}'"
    else:
        detail = "niet aangetoond"
    text = f"{head}: niet voldaan, {detail}."
    note = _without_restated(motivation.strip(), declared)
    return f"{text} {note}" if note else text


def _without_restated(motivation: str, declared: str | None) -> str:
    """The motivation without an opening that only repeats the declared answer the reason already states
    ("Opgegeven: '0,96'.")."""
    if not declared:
        return motivation
    restated = re.compile(r"opgegeven\s*:\s*['‘’\"“”]?" + re.escape(declared.strip()) + r"['‘’\"“”]?\s*\.?\s*", re.I)
    found = restated.match(motivation)
    return motivation[found.end() :].strip() if found else motivation


def propose(
    framework: Framework,
    procedure: Procedure,
    declared: dict[str, str],
    settled: dict[str, Settled],
) -> Proposal:
    """Apply the framework's rules to one registration. declared and settled are keyed by criterion code."""
    reasons: list[Reason] = []
    blockers: list[str] = []
    score_word = score_name(framework)
    for criterion in framework.criteria:
        result = settled.get(criterion.code)
        if criterion.part is Part.PLAN:
            if result is None or result.score is None:
                blockers.append(f"{criterion.code}: geen {score_word}")
            elif criterion.minimum is not None and result.score < criterion.minimum:
                scale = criterion.scale
                assert scale is not None
                reasons.append(
                    Reason(
                        criterion.code,
                        criterion.part,
                        f"Criterium {criterion.code} ({criterion.title}): {score_word} {number_text(result.score)} "
                        f"({scale.label_for(result.score)}), minimum {number_text(criterion.minimum)} "
                        f"({scale.label_for(criterion.minimum)}). Motivering van de commissie: "
                        f"{result.motivation.strip()}",
                    )
                )
            continue
        if not criterion.mandatory and result is None:
            continue
        if result is not None and result.verdict is SettledVerdict.VERIFY:
            blockers.append(f"{criterion.code}: verificatie nodig, nog niet afgerond")
            continue
        if result is not None and result.verdict is not None:
            met = result.verdict is SettledVerdict.PASS
            motivation = result.motivation
        else:
            met = answer_meets(criterion, declared.get(criterion.code))
            motivation = ""
            if met is None:
                blockers.append(f"{criterion.code}: nog niet vastgesteld")
                continue
        if not met:
            reasons.append(
                Reason(
                    criterion.code,
                    criterion.part,
                    _requirement_reason(criterion, declared.get(criterion.code), motivation),
                )
            )
    if blockers:
        return Proposal(None, tuple(reasons), tuple(blockers))
    outcome = Outcome.REJECT if reasons else procedure.positive_outcome
    return Proposal(outcome, tuple(reasons))


def weighted_total(framework: Framework, scores: dict[str, Decimal]) -> Decimal | None:
    """The weighted total of the plan scores; None while any plan criterion lacks a score."""
    total = Decimal(0)
    for criterion in framework.plan_criteria:
        if criterion.code not in scores:
            return None
        total += scores[criterion.code] * criterion.weight
    return total
