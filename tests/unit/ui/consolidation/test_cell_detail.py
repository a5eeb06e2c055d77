"""The detail pane of a registration row says its rank, or that a failed requirement keeps it out of the ranking."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from beoordelaar.core.consolidation.consolidation import RegistrationTotals
from beoordelaar.ui.consolidation.cell_detail import row_html
from beoordelaar.ui.consolidation.consolidation_model import ConsolidationRow

TOTALS = RegistrationTotals(1, "INS-001", "Zorggroep Salland", Decimal(12), "complete", (), lots=("1",))


def test_a_valid_bid_shows_its_rank_and_an_invalid_one_why_it_has_none() -> None:
    ranked = row_html(ConsolidationRow(replace(TOTALS, ranks=(("1", 2),)), "Zorggroep Salland", (), ()))
    assert "Rang: perceel 1: 2" in ranked and "Niet gerangschikt" not in ranked
    invalid = row_html(ConsolidationRow(replace(TOTALS, failed_requirements=("G2", "G6")), "Zorggroep Salland", (), ()))
    assert "Niet gerangschikt: niet voldaan aan G2, G6" in invalid and "Rang:" not in invalid


def test_an_exact_total_and_mean_show_two_decimals_and_say_so() -> None:
    from fractions import Fraction

    from beoordelaar.core.consolidation.consolidation_overview import PlanCriterion
    from beoordelaar.core.consolidation.spread import consolidate_cell
    from beoordelaar.core.rounds.framework import Criterion, Part, Scale, ScaleStep

    def _scored(plan: PlanCriterion) -> Criterion:
        scale = Scale("s", tuple(ScaleStep(value, label) for value, label in plan.scale))
        return Criterion(plan.code, Part.PLAN, plan.title, scale=scale, weight=plan.weight)

    from beoordelaar.ui.consolidation.cell_detail import detail_html
    from beoordelaar.ui.consolidation.consolidation_model import cell_text

    row = ConsolidationRow(replace(TOTALS, total=Fraction(110, 3)), "Zorggroep Salland", (), ())
    shown = row_html(row)
    assert "<b>36,67</b>" in shown and "weergegeven op twee decimalen" in shown
    criterion = PlanCriterion("S1", "Visie", "", ((Decimal(6), "Voldoende"), (Decimal(8), "Goed")), None, Decimal(3))
    scores = {"a": Decimal(6), "b": Decimal(6), "c": Decimal(8)}
    cell = consolidate_cell(_scored(criterion), 1, scores, scores, 2)
    detail = detail_html(row, criterion, cell, Fraction(20, 3))
    assert "<b>6,67</b> (Voldoende)" in detail and "gerekend is met de exacte waarde" in detail
    assert cell_text(None, Fraction(20, 3)).endswith("→ 6,67")
    assert "weergegeven" not in row_html(ConsolidationRow(TOTALS, "Zorggroep Salland", (), ()))
