"""Proposing a decision from the rules: admit or award when everything is met, otherwise reject, with every reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from beoordelaar.core.consolidation.spread import Exact, below_minimum, exact
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
    score: Exact | None = None
    # Where the score is a computed average: the unrounded mean, which the minimum is tested on.
    mean: Exact | None = None


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
    return f"{text} {motivation.strip()}" if motivation.strip() else text


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
            elif below_minimum(criterion, result.score, result.mean):
                scale = criterion.scale
                assert scale is not None
                reasons.append(
                    Reason(
                        criterion.code,
                        criterion.part,
                        f"Criterium {criterion.code} ({criterion.title}): {score_word} {number_text(result.score)} "
                        f"({scale.label_for(result.score)}){_unrounded(result)}, minimum "
                        f"{number_text(criterion.minimum)} "
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


def _unrounded(result: Settled) -> str:
    """Where a rounded average fails its minimum: the unrounded mean the minimum was tested on."""
    if result.mean is None or result.score is None or result.mean == result.score:
        return ""
    return f"; het onafgeronde gemiddelde {number_text(result.mean)} is aan het minimum getoetst"


def weighted_total(framework: Framework, scores: dict[str, Exact]) -> Exact | None:
    """The weighted total of the plan scores, exactly (from the unrounded scores, never from a display's rounded
    figures: 3 x 20/3 + 2 x 20/3 + 10/3 is 36,67, not 36,68); None while any plan criterion lacks a score."""
    total = Fraction(0)
    for criterion in framework.plan_criteria:
        if criterion.code not in scores:
            return None
        total += Fraction(scores[criterion.code]) * Fraction(criterion.weight)
    return exact(total)
