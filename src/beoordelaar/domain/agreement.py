"""Krippendorff's alpha, for calibrating a commission: how far do assessors agree beyond chance?

Computed from the coincidence matrix (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011), with
missing scores allowed: a unit (registration) counts only with two or more scores. alpha is None where it is
undefined: fewer than two pairable values, or all values the same (no variation to agree on).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from itertools import permutations

Value = int | Decimal | Fraction


class Level(StrEnum):
    NOMINAL = "nominal"
    ORDINAL = "ordinal"
    INTERVAL = "interval"


def _coincidences(units: Iterable[Sequence[Value]]) -> dict[tuple[Fraction, Fraction], Fraction]:
    matrix: dict[tuple[Fraction, Fraction], Fraction] = defaultdict(Fraction)
    for unit in units:
        values = [Fraction(str(v)) if isinstance(v, Decimal) else Fraction(v) for v in unit]
        m = len(values)
        if m < 2:
            continue
        weight = Fraction(1, m - 1)
        for c, k in permutations(values, 2):
            matrix[(c, k)] += weight
    return matrix


def _delta(level: Level, totals: Mapping[Fraction, Fraction]):
    ordered = sorted(totals)
    if level is Level.NOMINAL:
        return lambda c, k: Fraction(0 if c == k else 1)
    if level is Level.INTERVAL:
        return lambda c, k: (c - k) ** 2
    # Ordinal: the distance between c and k grows with the number of values found between them.
    position = {value: i for i, value in enumerate(ordered)}
    cumulative = [Fraction(0)]
    for value in ordered:
        cumulative.append(cumulative[-1] + totals[value])

    def ordinal(c: Fraction, k: Fraction) -> Fraction:
        low, high = sorted((position[c], position[k]))
        between = cumulative[high + 1] - cumulative[low]
        return (between - (totals[ordered[low]] + totals[ordered[high]]) / 2) ** 2

    return ordinal


def alpha(units: Iterable[Sequence[Value]], level: Level) -> float | None:
    """Krippendorff's alpha over units, each the list of values the coders gave it (missing ones left out)."""
    matrix = _coincidences(units)
    totals: Counter[Fraction] = Counter()
    for (c, _k), count in matrix.items():
        totals[c] += count
    n = sum(totals.values(), Fraction(0))
    if n < 2 or len(totals) < 2:
        return None
    delta = _delta(level, totals)
    observed = sum((count * delta(c, k) for (c, k), count in matrix.items()), Fraction(0))
    expected = sum((totals[c] * totals[k] * delta(c, k) for c in totals for k in totals), Fraction(0))
    if expected == 0:
        return None
    return float(1 - (n - 1) * observed / expected)


def units_from_scores(scores: Iterable[tuple[object, object, Value]]) -> list[list[Value]]:
    """Group (unit, coder, value) triples into units; a coder's value counts once per unit."""
    grouped: dict[object, dict[object, Value]] = defaultdict(dict)
    for unit, coder, value in scores:
        grouped[unit][coder] = value
    return [list(by_coder.values()) for by_coder in grouped.values()]
