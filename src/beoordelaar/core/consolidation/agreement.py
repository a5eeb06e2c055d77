"""Krippendorff's alpha, for calibrating a commission: how far do assessors agree beyond chance?

Computed from the coincidence matrix (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011), with
missing scores allowed: a unit (registration) counts only with two or more scores. alpha is None where it is
undefined: fewer than two pairable values, or all values the same (no variation to agree on).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from beoordelaar.core.text import decimal_text

Value = int | float | Decimal


class Level(StrEnum):
    NOMINAL = "nominal"
    ORDINAL = "ordinal"
    INTERVAL = "interval"


def _delta(level: Level, totals: Mapping[float, float]) -> Callable[[float, float], float]:
    ordered = sorted(totals)
    if level is Level.NOMINAL:
        return lambda c, k: 0.0 if c == k else 1.0
    if level is Level.INTERVAL:
        return lambda c, k: (c - k) ** 2
    # Ordinal: the distance between c and k grows with the number of values found between them.
    position = {value: i for i, value in enumerate(ordered)}
    cumulative = [0.0]
    for value in ordered:
        cumulative.append(cumulative[-1] + totals[value])

    def ordinal(c: float, k: float) -> float:
        low, high = sorted((position[c], position[k]))
        between = cumulative[high + 1] - cumulative[low]
        return (between - (totals[ordered[low]] + totals[ordered[high]]) / 2) ** 2

    return ordinal


Matrix = dict[tuple[float, float], float]


def _pairs(unit: Sequence[Value]) -> list[tuple[tuple[float, float], float]]:
    """One unit's share of each pair of values, in the order they are first met. Counting values per unit keeps this
    O(distinct values squared) per unit, not O(coders squared)."""
    m = len(unit)
    if m < 2:
        return []
    counts: dict[float, int] = {}
    for value, n in Counter(unit).items():  # counted as given, then as floats: one float() per distinct value
        as_float = float(value)
        counts[as_float] = counts.get(as_float, 0) + n
    return [
        ((c, k), pairs / (m - 1))
        for c, n_c in counts.items()
        for k, n_k in counts.items()
        if (pairs := n_c * (n_c - 1) if c == k else n_c * n_k)
    ]


def _add_unit(shares: list[tuple[tuple[float, float], float]], *matrices: Matrix) -> None:
    for pair, share in shares:
        for matrix in matrices:
            matrix[pair] += share


def _alphas_of(matrix: Matrix, levels: Iterable[Level]) -> dict[Level, float | None]:
    totals: dict[float, float] = defaultdict(float)
    for (c, _k), count in matrix.items():
        totals[c] += count
    n = sum(totals.values())
    result: dict[Level, float | None] = {}
    for level in levels:
        if n < 2 or len(totals) < 2:
            result[level] = None
            continue
        delta = _delta(level, totals)
        observed = sum(count * delta(c, k) for (c, k), count in matrix.items())
        expected = sum(totals[c] * totals[k] * delta(c, k) for c in totals for k in totals)
        result[level] = None if expected <= 1e-12 else 1 - (n - 1) * observed / expected
    return result


def alphas(units: Iterable[Sequence[Value]], levels: Iterable[Level]) -> dict[Level, float | None]:
    """Krippendorff's alpha at several levels of measurement from one coincidence matrix."""
    matrix: Matrix = defaultdict(float)
    for unit in units:
        _add_unit(_pairs(unit), matrix)
    return _alphas_of(matrix, levels)


class _SlotMatrix:
    """A coincidence matrix kept as a list of sums, one slot per pair of values (an index, not a tuple of floats
    hashed at every addition), with the pairs in the order first met, as a dict filled by the same additions
    holds them."""

    def __init__(self) -> None:
        self.sums: list[float] = []
        self.order: list[int] = []
        self._seen: set[int] = set()

    def meet(self, slots: Iterable[int]) -> None:
        for slot in slots:
            if slot not in self._seen:
                self._seen.add(slot)
                self.order.append(slot)
                if slot >= len(self.sums):
                    self.sums.extend([0.0] * (slot + 1 - len(self.sums)))

    def has_all(self, slots: frozenset[int]) -> bool:
        return self._seen >= slots

    def as_matrix(self, pairs: Sequence[tuple[float, float]]) -> Matrix:
        return {pairs[slot]: self.sums[slot] for slot in self.order}


def grouped_alphas(
    units: Iterable[tuple[Hashable, Sequence[Value]]],
    levels: Sequence[Level],
    multisets: Iterable[tuple[Value, ...]] | None = None,
) -> tuple[dict[Hashable, dict[Level, float | None]], dict[Level, float | None]]:
    """Alpha per group of units (a criterion's registrations) and over all units at once, from one pass: each unit's
    pairs are counted once and added to its group's matrix and to the overall one, in the order alphas() adds them,
    so both give the same figures as alphas() over those units. multisets: each unit's values sorted, in the order of
    the units, where the caller has sorted them already."""
    slot_of: dict[tuple[float, float], int] = {}
    pairs: list[tuple[float, float]] = []
    # A unit's shares depend only on its values as a multiset: counted once per sorted set of values. Where the order
    # matters is where a unit meets a pair its matrix has not had: that unit's own order of pairs is taken then.
    shares_of: dict[tuple[Value, ...], tuple[list[tuple[int, float]], frozenset[int]]] = {}
    groups: dict[Hashable, _SlotMatrix] = {}
    overall = _SlotMatrix()

    def slots_of(values: Sequence[Value]) -> list[tuple[int, float]]:
        found = []
        for pair, share in _pairs(values):
            slot = slot_of.get(pair)
            if slot is None:
                slot = slot_of[pair] = len(pairs)
                pairs.append(pair)
            found.append((slot, share))
        return found

    paired = zip(units, multisets, strict=True) if multisets is not None else ((unit, None) for unit in units)
    for (group, values), multiset in paired:
        matrix = groups.get(group)
        if matrix is None:
            matrix = groups[group] = _SlotMatrix()
        if multiset is None:
            multiset = tuple(sorted(values))
        found = shares_of.get(multiset)
        if found is None:
            shares = slots_of(multiset)
            found = shares_of[multiset] = (shares, frozenset(slot for slot, _share in shares))
        shares, slots = found
        if not (matrix.has_all(slots) and overall.has_all(slots)):
            in_order = [slot for slot, _share in slots_of(values)]
            matrix.meet(in_order)
            overall.meet(in_order)
        sums, all_sums = matrix.sums, overall.sums
        for slot, share in shares:
            sums[slot] += share
            all_sums[slot] += share
    return (
        {group: _alphas_of(matrix.as_matrix(pairs), levels) for group, matrix in groups.items()},
        _alphas_of(overall.as_matrix(pairs), levels),
    )


def alpha(units: Iterable[Sequence[Value]], level: Level) -> float | None:
    """Krippendorff's alpha over units, each the list of values the coders gave it (missing ones left out)."""
    return alphas(units, [level])[level]


def units_from_scores(scores: Iterable[tuple[object, object, Value]]) -> list[list[Value]]:
    """Group (unit, coder, value) triples into units; a coder's value counts once per unit."""
    grouped: dict[object, dict[object, Value]] = defaultdict(dict)
    for unit, coder, value in scores:
        grouped[unit][coder] = value
    return [list(by_coder.values()) for by_coder in grouped.values()]


# How an alpha is shown and read, the same on screen, in the CLI's text and in the proces-verbaal. Three decimals:
# Krippendorff reports alpha to three, and his bounds (0,800 and 0,667) need the third to be told apart.
ALPHA_DECIMALS = 3
ALPHA_NOT_DEFINED = "n.v.t."
RELIABLE = Decimal("0.800")  # from here the scores are reliable enough to draw conclusions from
TENTATIVE = Decimal("0.667")  # the lowest alpha for tentative conclusions (Krippendorff 2004, 241)


def alpha_text(value: float | None) -> str:
    """An alpha the Dutch way, to ALPHA_DECIMALS decimals; "n.v.t." where it is not defined."""
    return decimal_text(value, ALPHA_DECIMALS, empty=ALPHA_NOT_DEFINED)


def alpha_reading(value: float | None) -> str:
    """A reading aid in words, judged on the alpha as shown, so that "0,667" never reads as weak."""
    if value is None:
        return "te weinig gegevens"
    shown = Decimal(str(value)).quantize(Decimal(1).scaleb(-ALPHA_DECIMALS), rounding=ROUND_HALF_UP)
    if shown >= RELIABLE:
        return "goed"
    if shown >= TENTATIVE:
        return "redelijk"
    return "zwak"
