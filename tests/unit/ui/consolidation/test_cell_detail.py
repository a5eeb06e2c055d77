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
