"""Krippendorff's alpha against the published worked example and the krippendorff package as an oracle."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from beoordelaar.core.consolidation.agreement import (
    Level,
    alpha,
    alpha_reading,
    alpha_text,
    alphas,
    grouped_alphas,
    units_from_scores,
)

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the example with missing data:
# 4 observers, 12 units, None where an observer gave no value.
OBSERVERS = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]
PUBLISHED = {Level.NOMINAL: 0.743, Level.ORDINAL: 0.815, Level.INTERVAL: 0.849}


def _units(observers: list[list[int | None]]) -> list[list[int]]:
    return [[v for v in unit if v is not None] for unit in zip(*observers, strict=True)]


@pytest.mark.parametrize("level", list(Level))
def test_published_example(level: Level) -> None:
    assert alpha(_units(OBSERVERS), level) == pytest.approx(PUBLISHED[level], abs=0.0005)


def test_perfect_agreement_is_one_and_undefined_cases_are_none() -> None:
    assert alpha([[1, 1], [3, 3], [5, 5, 5]], Level.INTERVAL) == pytest.approx(1.0)
    assert alpha([[3, 3], [3, 3]], Level.ORDINAL) is None  # no variation
    assert alpha([[3], [4]], Level.ORDINAL) is None  # nothing pairable
    assert alpha([], Level.INTERVAL) is None


def test_decimal_scores_and_grouping() -> None:
    triples = [
        ("r1", "a", Decimal("2.5")),
        ("r1", "b", Decimal("2.5")),
        ("r2", "a", Decimal(4)),
        ("r2", "b", Decimal(4)),
    ]
    assert units_from_scores(triples) == [[Decimal("2.5"), Decimal("2.5")], [Decimal(4), Decimal(4)]]
    assert alpha(units_from_scores(triples), Level.INTERVAL) == pytest.approx(1.0)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("level", [Level.ORDINAL, Level.INTERVAL, Level.NOMINAL])
def test_matches_the_krippendorff_package_on_random_data(seed: int, level: Level) -> None:
    krippendorff = pytest.importorskip("krippendorff")
    np = pytest.importorskip("numpy")
    rng = random.Random(seed)
    coders, units = rng.randint(2, 6), rng.randint(5, 40)
    truth = [rng.randint(1, 5) for _ in range(units)]
    matrix = [
        [None if rng.random() < 0.2 else max(1, min(5, t + rng.choice([-1, 0, 0, 1]))) for t in truth]
        for _ in range(coders)
    ]
    ours = alpha(_units(matrix), level)
    data = np.array([[np.nan if v is None else v for v in row] for row in matrix], dtype=float)
    if ours is None:
        return  # undefined for us; the package then returns nan or raises
    theirs = krippendorff.alpha(reliability_data=data, level_of_measurement=level.value, value_domain=[1, 2, 3, 4, 5])
    assert ours == pytest.approx(theirs, abs=1e-9)


@pytest.mark.parametrize(
    ("value", "text", "reading"),
    [
        (None, "n.v.t.", "te weinig gegevens"),
        (0.8, "0,800", "goed"),
        (0.79951, "0,800", "goed"),  # read as shown: the words never contradict the number
        (0.7994, "0,799", "redelijk"),
        (0.6666, "0,667", "redelijk"),
        (0.6664, "0,666", "zwak"),
        (-0.25, "−0,250", "zwak"),
    ],
)
def test_an_alpha_is_shown_to_three_decimals_and_read_as_shown(value: float | None, text: str, reading: str) -> None:
    assert alpha_text(value) == text
    assert alpha_reading(value) == reading


def test_grouped_alphas_give_each_group_and_the_whole_what_alphas_gives_them_to_the_last_bit() -> None:
    rng = random.Random(21)
    steps = [Decimal(v) for v in ("1", "2", "3", "4", "5", "2.5")]
    units = [(rng.choice("ABC"), [rng.choice(steps) for _ in range(rng.randint(0, 6))]) for _ in range(400)]
    levels = (Level.ORDINAL, Level.INTERVAL)
    per_group, overall = grouped_alphas(units, levels)
    assert overall == alphas((unit for _group, unit in units), levels)
    for group in "ABC":
        assert per_group[group] == alphas((unit for g, unit in units if g == group), levels)
    # The same with each unit's values sorted by the caller (consolidate_round sorts them once for the cells too).
    assert grouped_alphas(units, levels, [tuple(sorted(unit)) for _group, unit in units]) == (per_group, overall)
