from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from beoordelaar.core.consolidation.spread import (
    Flag,
    assessor_deviation,
    consolidate_cell,
    discussion_flags,
    needs_discussion,
)
from beoordelaar.core.rounds.framework_files import load_framework

FRAMEWORK, _ = load_framework("ijsselland-2022")
P1 = FRAMEWORK.criterion("P1")  # 1..5, minimum 3


def _d(**scores: int) -> dict[str, Decimal]:
    return {k: Decimal(v) for k, v in scores.items()}


def test_agreeing_scores_are_not_flagged() -> None:
    cell = consolidate_cell(P1, 1, _d(a=4, b=4, c=5), ["a", "b", "c"], spread_threshold=2)
    assert cell.flags == () and cell.spread_steps == 1
    assert cell.median == 4 and cell.mean == Decimal(13) / 3


def test_spread_at_the_threshold_is_flagged() -> None:
    cell = consolidate_cell(P1, 1, _d(a=3, b=5), ["a", "b"], spread_threshold=2)
    assert Flag.SPREAD in cell.flags and Flag.BOTH_SIDES_OF_MINIMUM not in cell.flags


def test_both_sides_of_the_minimum_is_flagged_even_when_close() -> None:
    cell = consolidate_cell(P1, 1, _d(a=2, b=3), ["a", "b"], spread_threshold=2)
    assert cell.flags == (Flag.BOTH_SIDES_OF_MINIMUM,)


def test_missing_score_is_flagged() -> None:
    cell = consolidate_cell(P1, 1, _d(a=4), ["a", "b"], spread_threshold=2)
    assert cell.flags == (Flag.MISSING,) and cell.missing == ("b",)


def test_assessor_deviation_shows_harsh_and_lenient() -> None:
    cells = [
        consolidate_cell(P1, 1, _d(a=2, b=4), ["a", "b"], 2),
        consolidate_cell(P1, 2, _d(a=3, b=5), ["a", "b"], 2),
    ]
    deviation = assessor_deviation(cells, {(1, "P1"): Decimal(3), (2, "P1"): Decimal(4)})
    assert deviation == {"a": Decimal(-1), "b": Decimal(1)}


def test_assessor_deviation_stays_exact_with_exact_means_and_decimals() -> None:
    cells = [
        consolidate_cell(P1, 1, _d(a=2, b=4), ["a", "b"], 2),
        consolidate_cell(P1, 2, _d(a=3, b=5), ["a", "b"], 2),
        consolidate_cell(P1, 3, _d(a=1, b=2), ["a", "b"], 2),
    ]
    consensus = {(1, "P1"): Fraction(10, 3), (2, "P1"): Decimal("3.5"), (3, "P1"): Fraction(4, 7)}
    deviation = assessor_deviation(cells, consensus)
    a = (2 - Fraction(10, 3) + Fraction(3) - Fraction("3.5") + 1 - Fraction(4, 7)) / 3
    b = (4 - Fraction(10, 3) + 5 - Fraction("3.5") + 2 - Fraction(4, 7)) / 3
    assert deviation == {n: Decimal(f.numerator) / Decimal(f.denominator) for n, f in (("a", a), ("b", b))}


def test_averaging_rules() -> None:
    from beoordelaar.core.consolidation.spread import average_to_scale
    from beoordelaar.core.rounds.framework import Rounding

    scale = P1.scale
    assert scale is not None
    scores = [Decimal(3), Decimal(4)]  # mean 3.5
    assert average_to_scale(scores, scale, Rounding.NEAREST_STEP) == 4
    assert average_to_scale(scores, scale, Rounding.DOWN_TO_STEP) == 3
    assert average_to_scale(scores, scale, Rounding.NONE) == Decimal("3.5")
    assert average_to_scale([Decimal(2), Decimal(3), Decimal(3)], scale, Rounding.NEAREST_STEP) == 3
    assert average_to_scale([Decimal(2), Decimal(2), Decimal(3)], scale, Rounding.DOWN_TO_STEP) == 2


def test_quote_motivations() -> None:
    from beoordelaar.core.consolidation.spread import quote_motivations

    text = quote_motivations(
        [
            ("Anna de Vries", " Concreet,  met\nstappen. "),
            ("Bert", "Vaag; Anna de vries zag meer."),
            ("Cor", "Concreet, met stappen."),
        ]
    )
    assert text == "- Concreet, met stappen.\n- Vaag; [beoordelaar] zag meer."
    assert quote_motivations([("Anna", "Onderbouwd, score 4."), ("Bert", "Cijfer: 2,5; te vaag.")]) == (
        "- Onderbouwd.\n- te vaag."
    )


def test_spread_and_both_sides_need_discussion_a_missing_score_does_not() -> None:
    assert [flag for flag in Flag if flag.needs_discussion] == [Flag.SPREAD, Flag.BOTH_SIDES_OF_MINIMUM]
    assert discussion_flags((Flag.MISSING, Flag.SPREAD)) == (Flag.SPREAD,)
    assert needs_discussion((Flag.BOTH_SIDES_OF_MINIMUM,)) and not needs_discussion((Flag.MISSING,))


def test_no_rounding_keeps_the_exact_mean() -> None:
    from fractions import Fraction

    from beoordelaar.core.consolidation.spread import average_to_scale, exact_mean
    from beoordelaar.core.rounds.framework import Rounding

    assert P1.scale is not None
    three = [Decimal(6), Decimal(6), Decimal(8)]
    assert exact_mean(three) == Fraction(20, 3) and isinstance(exact_mean(three), Fraction)
    assert average_to_scale(three, P1.scale, Rounding.NONE) == Fraction(20, 3)  # never 6.67
    assert exact_mean([Decimal(5), Decimal(6)]) == Decimal("5.5")  # a finite mean stays a Decimal
    assert isinstance(exact_mean([Decimal(5), Decimal(6)]), Decimal)


def test_a_rounded_average_never_lifts_a_knock_out_over_its_minimum() -> None:
    from dataclasses import replace

    from beoordelaar.core.consolidation.spread import average_to_scale, below_minimum, exact_mean
    from beoordelaar.core.rounds.framework import Rounding, Scale, ScaleStep

    tenths = Scale("tienden", tuple(ScaleStep(Decimal(v), str(v)) for v in range(11)))
    criterion = replace(P1, scale=tenths, minimum=Decimal(6))
    scores = [Decimal(6), Decimal(6), Decimal("5.7")]  # mean 5,9
    score = average_to_scale(scores, tenths, Rounding.NEAREST_STEP)
    assert score == 6  # the rule rounds the score up to the step ...
    assert below_minimum(criterion, score, exact_mean(scores))  # ... but the minimum is tested on 5,9: it fails
    assert not below_minimum(criterion, Decimal(6), None)  # a score the commission set itself is tested as it is


def test_cells_alike_share_their_figures_and_keep_their_own_scores_and_missing() -> None:
    figures: dict = {}
    first = consolidate_cell(P1, 1, _d(a=2, b=4), ["a", "b"], 2, figures=figures)
    second = consolidate_cell(P1, 2, _d(c=4, d=2), ["c", "d", "e"], 2, figures=figures)
    # The second cell's values are the first's, in another order: figured once, found by the values sorted.
    assert len({id(found) for found in figures.values()}) == 1
    alone = consolidate_cell(P1, 2, _d(c=4, d=2), ["c", "d", "e"], 2)
    assert second == alone and second.missing == ("e",) and second.flags[-1] is Flag.MISSING
    assert (first.mean, first.median, first.spread_steps) == (second.mean, second.median, second.spread_steps)
    assert Flag.MISSING not in first.flags
