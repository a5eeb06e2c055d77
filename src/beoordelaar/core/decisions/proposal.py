"""Proposing a decision from the rules: admit or award when everything is met, otherwise reject, with every reason."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import MAX_PREC, Decimal, Inexact, localcontext
from fractions import Fraction

from beoordelaar.core.consolidation.exclusion_grounds import GROUND_DECLARED, NO_FINDING, ExclusionFinding, finding_text
from beoordelaar.core.consolidation.spread import Exact, below_minimum, exact
from beoordelaar.core.decisions.lot_results import LotOutcome
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
    verified: str | None = None  # what the commission verified beside the declared answer
    verified_source: str | None = None  # the document it was read from
    finding: ExclusionFinding = NO_FINDING  # a declared exclusion ground as the commission judged it


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
    lots: tuple[LotOutcome, ...] = ()  # the outcome per lot bid for (core/decisions/decision_inputs.py fills it)


def _requirement_reason(criterion: Criterion, declared: str | None, motivation: str, settled: Settled | None) -> str:
    kind = _criterion_kind(criterion)
    head = f"{kind} {criterion.code} ({criterion.title})"
    answer = (declared or "").strip()
    verified = (settled.verified or "").strip() if settled is not None else ""
    number = criterion.answer is AnswerKind.NUMBER and criterion.threshold is not None
    given = (f"opgegeven waarde {answer}" if number else f"opgegeven antwoord '{answer}'") if answer else "geen opgave"
    if verified and settled is not None:  # the value the verdict rests on, beside the declared one
        given += f"; door de commissie geverifieerd {verified} (bron: {settled.verified_source})"
    if number and (answer or verified):
        assert criterion.threshold is not None
        threshold = number_text(criterion.threshold.value, as_written=True)  # as the framework writes it: 1,00
        sign = "; " if verified else ", "
        detail = (
            f"{given}{sign}vereist {OPERATOR_WORDS[criterion.threshold.operator]} {threshold}; de eis wordt zonder "
            "afronding toegepast"
        )
    elif answer or verified:
        detail = given
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


def _criterion_kind(criterion: Criterion) -> str:
    """What a reason calls the criterion: a document asked only of the intended contractor is no exclusion ground."""
    if criterion.asked_of_intended_only:
        return "Bewijsstuk van de beoogde opdrachtnemer"
    return "Uitsluitingsgrond" if criterion.part is Part.EXCLUSION else "Geschiktheidseis"


def _exclusion_reason(criterion: Criterion, finding: ExclusionFinding, motivation: str) -> str:
    """A ground the commission found to apply, named, with its evidence and the judgement of any self-cleaning."""
    text = f"Uitsluitingsgrond {criterion.code} ({criterion.title}): niet voldaan. {finding_text(finding)}"
    return f"{text} {motivation.strip()}" if motivation.strip() else text


def _ground_unnamed(criterion: Criterion, declared: str | None, finding: ExclusionFinding) -> bool:
    """A declared ground settled as niet akkoord without naming the ground (as an interview outcome may be): the
    rejection must name it, so a person settles it first."""
    return (
        criterion.part is Part.EXCLUSION and bool(criterion.grounds) and not finding.ground
        and not criterion.asked_of_intended_only and answer_meets(criterion, declared) is False
    )  # fmt: skip


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
            if not met and _ground_unnamed(criterion, declared.get(criterion.code), result.finding):
                blockers.append(f"{criterion.code}: {GROUND_DECLARED} (welke grond is van toepassing?)")
                continue
        elif criterion.asked_of_intended_only:
            continue  # asked of the intended contractor before the decision: missing it rejects no one here
        else:
            met = answer_meets(criterion, declared.get(criterion.code))
            motivation = ""
            if met is None:
                blockers.append(f"{criterion.code}: nog niet vastgesteld")
                continue
            if not met and criterion.part is Part.EXCLUSION:
                blockers.append(f"{criterion.code}: {GROUND_DECLARED}")
                continue
        if not met:
            finding = result.finding if result is not None else NO_FINDING
            text = (
                _exclusion_reason(criterion, finding, motivation)
                if criterion.part is Part.EXCLUSION and finding.ground
                else _requirement_reason(criterion, declared.get(criterion.code), motivation, result)
            )
            reasons.append(Reason(criterion.code, criterion.part, text))
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
    terms = []
    for criterion in framework.plan_criteria:
        if criterion.code not in scores:
            return None
        terms.append((scores[criterion.code], criterion.weight))
    if all(type(score) is Decimal for score, _weight in terms):  # the common case, without a Fraction per score
        with localcontext() as context:
            context.prec = MAX_PREC
            context.traps[Inexact] = True  # exact, or an error: never a rounded sum
            return _shortest(sum((score * weight for score, weight in terms), Decimal(0)))
    return exact(sum((Fraction(score) * Fraction(weight) for score, weight in terms), Fraction(0)))


def _shortest(value: Decimal) -> Decimal:
    """A Decimal in the form exact() gives its Fraction: no trailing zeros, a whole number without exponent."""
    shortest = value.normalize()
    return Decimal(int(shortest)) if shortest.as_tuple().exponent > 0 else shortest  # type: ignore[operator]
