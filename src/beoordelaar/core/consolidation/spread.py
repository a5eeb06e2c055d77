"""Consolidating individual scores: per cell (registration x criterion) the spread and the flags that call for
discussion; per criterion the agreement; per assessor the deviation from the consensus (harsh or lenient)."""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from beoordelaar.core.consolidation.agreement import Level, alphas
from beoordelaar.core.rounds.framework import Criterion, Rounding, Scale
from beoordelaar.core.text import word


class Flag(StrEnum):
    SPREAD = "spread"
    BOTH_SIDES_OF_MINIMUM = "both-sides-of-minimum"
    MISSING = "missing"

    @property
    def label(self) -> str:
        return word("flag", self.value)

    @property
    def needs_discussion(self) -> bool:
        """Spread and scores on both sides of the minimum call for a discussion; a missing score calls for the score."""
        return self in (Flag.SPREAD, Flag.BOTH_SIDES_OF_MINIMUM)


def discussion_flags(flags: Iterable[Flag]) -> tuple[Flag, ...]:
    """The flags among these that the commission must discuss before it agrees a consensus score."""
    return tuple(flag for flag in flags if flag.needs_discussion)


def needs_discussion(flags: Iterable[Flag]) -> bool:
    return any(flag.needs_discussion for flag in flags)


@dataclass(frozen=True)
class Cell:
    """The individual scores of one registration on one criterion, with what they say together."""

    registration: int
    criterion: str
    scores: Mapping[str, Decimal]  # assessor name -> value
    missing: tuple[str, ...]  # assigned assessors without a score
    mean: Decimal | None
    median: Decimal | None
    spread_steps: int | None
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class CriterionAgreement:
    code: str
    alpha_ordinal: float | None
    alpha_interval: float | None


def consolidate_cell(
    criterion: Criterion,
    registration: int,
    scores: Mapping[str, Decimal],
    assigned: Iterable[str],
    spread_threshold: int,
) -> Cell:
    assert criterion.scale is not None
    missing = tuple(sorted(set(assigned) - set(scores)))
    values = list(scores.values())
    flags: list[Flag] = []
    mean = median = None
    spread = None
    if values:
        mean = sum(values, Decimal(0)) / len(values)
        median = Decimal(statistics.median(values))
        steps = [criterion.scale.index_of(v) for v in values]
        spread = max(steps) - min(steps)
        if len(values) > 1 and spread >= spread_threshold:
            flags.append(Flag.SPREAD)
        if criterion.minimum is not None and min(values) < criterion.minimum <= max(values):
            flags.append(Flag.BOTH_SIDES_OF_MINIMUM)
    if missing:
        flags.append(Flag.MISSING)
    return Cell(registration, criterion.code, dict(scores), missing, mean, median, spread, tuple(flags))


def _agreement(code: str, cells: Iterable[Cell]) -> CriterionAgreement:
    found = alphas(([float(v) for v in cell.scores.values()] for cell in cells), (Level.ORDINAL, Level.INTERVAL))
    return CriterionAgreement(code, found[Level.ORDINAL], found[Level.INTERVAL])


def criterion_agreement(code: str, cells: Iterable[Cell]) -> CriterionAgreement:
    return _agreement(code, (cell for cell in cells if cell.criterion == code))


def overall_agreement(cells: Iterable[Cell]) -> CriterionAgreement:
    """Agreement over all plan criteria at once (each cell a unit)."""
    return _agreement("*", cells)


def assessor_deviation(cells: Iterable[Cell], consensus: Mapping[tuple[int, str], Decimal]) -> dict[str, Decimal]:
    """Per assessor the mean of (own score - consensus): below zero scores harsh, above zero lenient."""
    differences: dict[str, list[Decimal]] = defaultdict(list)
    for cell in cells:
        agreed = consensus.get((cell.registration, cell.criterion))
        if agreed is None:
            continue
        for assessor, value in cell.scores.items():
            differences[assessor].append(value - agreed)
    return {a: sum(d, Decimal(0)) / len(d) for a, d in sorted(differences.items())}


# Below this mean deviation (in scale points) an assessor scores in line with the consensus.
IN_LINE = Decimal("0.25")


def deviation_reading(value: Decimal) -> str:
    """An assessor's mean deviation from the consensus in words: harsh, lenient or in line."""
    if value <= -IN_LINE:
        return "strenger dan de consensus"
    if value >= IN_LINE:
        return "milder dan de consensus"
    return "in lijn met de consensus"


def average_to_scale(values: Iterable[Decimal], scale: Scale, rounding: Rounding) -> Decimal:
    """The averaging model's score: the mean of the individual scores, made a score by the framework's rule.

    nearest-step: the nearest step (a tie goes to the higher step); down-to-step: the highest step not above the
    mean (never rounds a provider up); none: the exact mean, to two decimals, rounded half up.
    """
    scores = list(values)
    if not scores:
        raise ValueError("no scores to average")
    mean = sum(scores, Decimal(0)) / len(scores)
    if rounding is Rounding.NONE:
        return mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    steps = scale.values
    if rounding is Rounding.DOWN_TO_STEP:
        return max((s for s in steps if s <= mean), default=steps[0])
    return min(steps, key=lambda s: (abs(s - mean), -s))


# An assessor writing their own score into the motivation ("…, score 4.") would give it away in the quote.
_OWN_SCORE = re.compile(r"[,;]?\s*\b(?:mijn\s+|individuele\s+)?(?:score|cijfer)\s*:?\s*\d+(?:[.,]\d+)?\b", re.I)


def quote_motivations(scores: Iterable[tuple[str, str]]) -> str:
    """The assessors' findings (name, motivation) as a starting text for the consensus motivation: one line per
    assessor, without names or scores (they stay in the dossier, never in a letter), a name written inside a
    motivation replaced by "[beoordelaar]", a score written into it ("score 4") left out, and a finding that two
    assessors wrote alike quoted once."""
    rows = list(scores)
    names = sorted({assessor.strip() for assessor, _motivation in rows if assessor.strip()}, key=len,
                   reverse=True)  # fmt: skip
    lines: list[str] = []
    for _assessor, motivation in rows:
        text = " ".join(motivation.split())
        for name in names:
            text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", "[beoordelaar]", text, flags=re.IGNORECASE)
        text = _OWN_SCORE.sub("", text).strip(" ,;:")
        line = f"- {text}"
        if text and line not in lines:
            lines.append(line)
    return "\n".join(lines)
