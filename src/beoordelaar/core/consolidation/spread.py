"""Consolidating individual scores: per cell (registration x criterion) the spread and the flags that call for
discussion; per criterion the agreement; per assessor the deviation from the consensus (harsh or lenient)."""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from decimal import MAX_PREC, Decimal, Inexact, localcontext
from enum import StrEnum
from fractions import Fraction
from functools import cache
from typing import Any, TypeVar

from beoordelaar.core.consolidation.agreement import Level, alphas, grouped_alphas
from beoordelaar.core.rounds.framework import Criterion, Rounding, Scale
from beoordelaar.core.text import finite_decimal, word

Record = TypeVar("Record")

# A score, mean or total kept exact: a Decimal, or a Fraction where an exact mean has no finite decimal form (20/3).
Exact = Decimal | Fraction


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


# A cell's figures from its values alone: mean, median, spread in steps, and the flags other than MISSING.
Figures = tuple[Decimal, Decimal, int, tuple[Flag, ...]]


def consolidate_cell(
    criterion: Criterion,
    registration: int,
    scores: Mapping[str, Decimal],
    assigned: Iterable[str],
    spread_threshold: int,
    *,
    figures: dict[tuple[object, ...], Figures] | None = None,
    ordered: tuple[Decimal, ...] | None = None,
) -> Cell:
    """figures: where given, the figures of cells with the same values on the criterion, reused (a round has many
    cells alike); only for values of one spelling each (6 never beside 6.0, whose mean would print otherwise). They are
    found by the values sorted: ordered, where the caller has sorted them already (for the agreement too)."""
    assert criterion.scale is not None
    missing = tuple(sorted(set(assigned) - set(scores))) if assigned else ()
    mean = median = None
    spread = None
    flags: tuple[Flag, ...] = ()
    if scores:
        if figures is None:
            found = _figures(criterion, tuple(scores.values()), spread_threshold)
        else:
            key = (criterion.code, spread_threshold, ordered if ordered is not None else tuple(sorted(scores.values())))
            found = figures.get(key)
            if found is None:
                found = figures[key] = _figures(criterion, tuple(scores.values()), spread_threshold)
        mean, median, spread, flags = found
    if missing:
        flags += (Flag.MISSING,)
    return frozen_made(Cell, registration, criterion.code, dict(scores), missing, mean, median, spread, flags)


def frozen_made(kind: type[Record], *values: Any) -> Record:
    """kind(*values) for a frozen dataclass without __post_init__, every field given in order: the same record, its
    fields set in its __dict__ at once. A frozen dataclass's __init__ sets each through object.__setattr__, which
    costs more than the rest of a cell, and a round of 2,000 makes 10,000 cells and 2,000 totals."""
    return _maker(kind)(*values)


@cache
def _maker(kind: type[Record]) -> Callable[..., Record]:
    """A function of the fields, in order, that fills a new record's __dict__ from a dict display: written out once
    per kind, as dataclasses writes its __init__, it costs half of filling it from a zip of the names."""
    names = [f.name for f in fields(kind)]  # type: ignore[arg-type]
    assert not any(name.endswith("_") for name in names)
    source = (
        f"def made({', '.join(names)}):\n"
        "    made_ = new_(kind_)\n"
        f"    made_.__dict__.update({{{', '.join(f'{n!r}: {n}' for n in names)}}})\n"
        "    return made_\n"
    )
    scope: dict[str, Any] = {"new_": object.__new__, "kind_": kind}
    exec(source, scope)  # the names are the dataclass's own fields (none of them ends in _)
    return scope["made"]  # type: ignore[no-any-return]


def _figures(criterion: Criterion, values: tuple[Decimal, ...], spread_threshold: int) -> Figures:
    assert criterion.scale is not None
    flags: list[Flag] = []
    mean = sum(values, Decimal(0)) / len(values)
    median = Decimal(statistics.median(values))
    low, high = min(values), max(values)
    spread = criterion.scale.index_of(high) - criterion.scale.index_of(low)  # a scale's steps ascend
    if len(values) > 1 and spread >= spread_threshold:
        flags.append(Flag.SPREAD)
    if criterion.minimum is not None and low < criterion.minimum <= high:
        flags.append(Flag.BOTH_SIDES_OF_MINIMUM)
    return mean, median, spread, tuple(flags)


def round_agreement(
    codes: Iterable[str], cells: Iterable[Cell], multisets: Iterable[tuple[Decimal, ...]] | None = None
) -> tuple[tuple[CriterionAgreement, ...], CriterionAgreement]:
    """Agreement per plan criterion (in the order of codes) and over all of them at once (each cell a unit), from one
    pass over the cells; multisets: each cell's values sorted, where the caller has them."""
    levels = (Level.ORDINAL, Level.INTERVAL)
    units = ((cell.criterion, tuple(cell.scores.values())) for cell in cells)
    per_code, overall = grouped_alphas(units, levels, multisets)
    empty = alphas((), levels)
    return (
        tuple(CriterionAgreement(code, *(per_code.get(code, empty)[level] for level in levels)) for code in codes),
        CriterionAgreement("*", *(overall[level] for level in levels)),
    )


class _ExactSum:
    """A sum of exact numbers kept exact and cheap: Decimals added in a context that refuses to round, Fractions
    added per denominator as integers; one Fraction at the end."""

    def __init__(self) -> None:
        self.decimal = Decimal(0)
        self.numerators: dict[int, int] = defaultdict(int)

    def add(self, value: Exact, sign: int = 1) -> None:
        if isinstance(value, Fraction):
            self.numerators[value.denominator] += sign * value.numerator
        else:
            self.decimal += value if sign > 0 else -value

    def add_all(self, values: Sequence[Exact]) -> None:
        try:
            self.decimal += sum(values, Decimal(0))  # one call for the common case: Decimals only
        except TypeError:  # a Fraction among them (Decimal and Fraction do not add): one by one
            for value in values:
                self.add(value)

    def subtract(self, other: _ExactSum) -> None:
        self.decimal -= other.decimal
        for denominator, numerator in other.numerators.items():
            self.numerators[denominator] -= numerator

    def total(self) -> Fraction:
        return Fraction(self.decimal) + sum((Fraction(n, d) for d, n in self.numerators.items()), Fraction(0))


def assessor_deviation(cells: Iterable[Cell], consensus: Mapping[tuple[int, str], Exact]) -> dict[str, Decimal]:
    """Per assessor the mean of (own score - consensus): below zero scores harsh, above zero lenient.

    The sum of an assessor's differences is, exactly, the sum of their own scores less the sum of the consensus scores
    of the cells they scored; the cells are taken per set of assessors that scored them (a round has few), each sum
    made per assessor of the set at once."""
    by_set: dict[tuple[str, ...], tuple[list[tuple[Decimal, ...]], list[Exact]]] = {}
    for cell in cells:
        agreed = consensus.get((cell.registration, cell.criterion))
        if agreed is not None and cell.scores:
            names = tuple(cell.scores)
            found = by_set.get(names)
            if found is None:
                found = by_set[names] = ([], [])
            found[0].append(tuple(cell.scores.values()))
            found[1].append(agreed)
    sums: dict[str, _ExactSum] = defaultdict(_ExactSum)
    counts: dict[str, int] = defaultdict(int)
    with localcontext() as context:
        context.prec = MAX_PREC
        context.traps[Inexact] = True  # exact, or an error: never a rounded sum
        for names, (scores, agreed_scores) in by_set.items():
            agreed_sum = _ExactSum()
            agreed_sum.add_all(agreed_scores)
            for name, own in zip(names, zip(*scores, strict=True), strict=True):
                found_sum = sums[name]
                found_sum.add_all(own)
                found_sum.subtract(agreed_sum)
                counts[name] += len(own)
    means = {a: sums[a].total() / counts[a] for a in sorted(sums)}
    return {a: Decimal(f.numerator) / Decimal(f.denominator) for a, f in means.items()}


# Below this mean deviation (in scale points) an assessor scores in line with the consensus.
IN_LINE = Decimal("0.25")


def deviation_reading(value: Decimal) -> str:
    """An assessor's mean deviation from the consensus in words: harsh, lenient or in line."""
    if value <= -IN_LINE:
        return "strenger dan de consensus"
    if value >= IN_LINE:
        return "milder dan de consensus"
    return "in lijn met de consensus"


def exact(value: Fraction) -> Exact:
    """A Fraction as the exact number the app keeps: a Decimal where its decimal form ends (59/10 -> 5.9)."""
    finite = finite_decimal(value)
    return value if finite is None else finite


def exact_mean(values: Iterable[Decimal]) -> Exact:
    """The mean of the individual scores, exactly: (6 + 6 + 8) / 3 is 20/3, never 6.67."""
    scores = [Fraction(v) for v in values]
    if not scores:
        raise ValueError("no scores to average")
    return exact(sum(scores, Fraction(0)) / len(scores))


def average_to_scale(values: Iterable[Decimal], scale: Scale, rounding: Rounding) -> Exact:
    """The averaging model's score: the mean of the individual scores, made a score by the framework's rule.

    nearest-step: the nearest step (a tie goes to the higher step); down-to-step: the highest step not above the
    mean (never rounds a provider up); none: the exact mean, unrounded (20/3 stays 20/3; only a display rounds it).
    The minimum is tested on the unrounded mean, never on this score (tested_score)."""
    mean = exact_mean(values)
    if rounding is Rounding.NONE:
        return mean
    steps = scale.values
    if rounding is Rounding.DOWN_TO_STEP:
        return max((s for s in steps if s <= mean), default=steps[0])
    return min(steps, key=lambda s: (abs(Fraction(s) - Fraction(mean)), -s))


def averaging_note(count: int, rounding: Rounding) -> str:
    """The first line of a computed average's motivation: how many scores, and how (or whether) it was rounded."""
    if rounding is Rounding.NONE:
        return f"Gemiddelde van {count} beoordelaars, niet afgerond (het kader rondt niet af)."
    rule = word("rounding", rounding.value).lower()
    return (
        f"Gemiddelde van {count} beoordelaars, afgerond volgens het kader ({rule}); het minimum is getoetst op het "
        "onafgeronde gemiddelde."
    )


def tested_score(score: Exact, mean: Exact | None) -> Exact:
    """What a minimum or knock-out is tested on: the unrounded mean where the score is a computed average, else the
    score itself. A rounding rule never lifts a 5,9 over a minimum of 6."""
    return score if mean is None else mean


def below_minimum(criterion: Criterion, score: Exact, mean: Exact | None) -> bool:
    return criterion.minimum is not None and tested_score(score, mean) < criterion.minimum


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
