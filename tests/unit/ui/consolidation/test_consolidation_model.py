"""The heat-map model and its proxy, without any widget (only an application object, for colours and fonts)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from beoordelaar.core.consolidation.consolidation import RegistrationTotals, RoundConsolidation
from beoordelaar.core.consolidation.consolidation_overview import PlanCriterion, RoundOverview
from beoordelaar.core.consolidation.spread import Cell, CriterionAgreement, Flag
from beoordelaar.core.rounds.framework import ScoringModel
from beoordelaar.core.rounds.procedure import Procedure, RoundStatus
from beoordelaar.ui.consolidation.consolidation_model import (
    CELL_ROLE,
    FLAG_ROLE,
    ROW_ROLE,
    SORT_ROLE,
    ConsolidationModel,
    ConsolidationProxy,
    Fixed,
    FlagFilter,
    build_rows,
    heat_colour,
    number_text,
)

D = Decimal
SCALE = tuple((D(v), label) for v, label in enumerate(["Slecht", "Onvoldoende", "Voldoende", "Goed", "Zeer goed"], 1))
P1 = PlanCriterion("P1", "Visie op normaliseren", "", SCALE, D(3), D(2))
P2 = PlanCriterion("P2", "Eigen kracht", "", SCALE, D(3), D(1))


def _cell(registration: int, code: str, scores: dict[str, int], missing: tuple[str, ...] = (),
          flags: tuple[Flag, ...] = ()) -> Cell:  # fmt: skip
    values = [D(v) for v in scores.values()]
    mean = sum(values, D(0)) / len(values) if values else None
    spread = (max(values) - min(values)) if values else None
    return Cell(registration, code, {a: D(v) for a, v in scores.items()}, missing, mean, mean,
                None if spread is None else int(spread), flags)  # fmt: skip


def _data(ranks: bool = False) -> tuple[RoundConsolidation, RoundOverview]:
    cells = (
        _cell(1, "P1", {"Anna": 2, "Bram": 5}, flags=(Flag.SPREAD, Flag.BOTH_SIDES_OF_MINIMUM)),
        _cell(1, "P2", {"Anna": 4, "Bram": 4}),
        _cell(2, "P1", {"Anna": 5, "Bram": 5}),
        _cell(2, "P2", {"Anna": 1}, missing=("Bram",), flags=(Flag.MISSING,)),
        _cell(3, "P1", {"Anna": 3, "Bram": 3}),
        _cell(3, "P2", {"Anna": 3, "Bram": 4}),
    )
    totals = (
        RegistrationTotals(1, "INS-001", "Zorggroep Salland", D(12), "complete", (), lots=("1",),
                           ranks=(("1", 2),) if ranks else ()),
        RegistrationTotals(2, "INS-002", "De Berk", None, "partial", (), lots=("2",)),
        RegistrationTotals(3, "INS-003", "Het Anker", D(13), "complete", (), lots=("1", "2"),
                           ranks=(("1", 1), ("2", 1)) if ranks else ()),
    )  # fmt: skip
    none = CriterionAgreement("*", None, None)
    result = RoundConsolidation(1, ("P1", "P2"), cells, (), none, {}, totals)
    overview = RoundOverview(
        1, "Ronde", Procedure.TENDER if ranks else Procedure.OPEN_HOUSE, RoundStatus.SCORING,
        ScoringModel.CONSENSUS, False, 2, (P1, P2), {1: "Zorggroep Salland", 2: "De Berk", 3: "Het Anker"},
        {(1, "P1"): D(3)}, ("1", "2"),
    )  # fmt: skip
    return result, overview


@pytest.fixture
def model(qapp: object) -> ConsolidationModel:
    result, overview = _data()
    model = ConsolidationModel()
    model.set_data(build_rows(result, overview), overview.criteria, ranks=False)
    return model


def _proxy(model: ConsolidationModel) -> ConsolidationProxy:
    proxy = ConsolidationProxy()
    proxy.setSourceModel(model)
    return proxy


def test_shape_headers_and_display(model: ConsolidationModel) -> None:
    assert model.rowCount() == 3
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Inschrijving", "Aanbieder", "Percelen", "P1 ≥3", "P2 ≥3", "Totaal", "Consensus", "Plan"]
    p1 = model.column_of("P1")
    assert model.data(model.index(0, p1)) == "3,5  Δ3  → 3"
    assert model.data(model.index(1, p1)) == "5"
    assert model.data(model.index(0, model.column_of(Fixed.TOTAL))) == "12"
    assert model.data(model.index(1, model.column_of(Fixed.CONSENSUS))) == "Deels"
    assert model.data(model.index(0, p1), FLAG_ROLE) == "discuss"
    assert model.data(model.index(1, model.column_of("P2")), FLAG_ROLE) == "missing"
    assert model.data(model.index(1, p1), FLAG_ROLE) is None
    assert model.data(model.index(0, 0), ROW_ROLE).totals.number == "INS-001"
    assert model.data(model.index(0, p1), CELL_ROLE).scores == {"Anna": 2, "Bram": 5}
    tip = model.data(model.index(0, p1), Qt.ItemDataRole.ToolTipRole)
    assert "Anna: 2 (Onvoldoende)" in tip and "Bram: 5 (Zeer goed)" in tip and "Grote spreiding" in tip
    assert "Consensusscore: 3 (Voldoende)" in tip
    assert number_text(D("3.25"), 2) == "3,25"


def test_rank_column_only_where_the_procedure_ranks(qapp: object) -> None:
    result, overview = _data(ranks=True)
    model = ConsolidationModel()
    model.set_data(build_rows(result, overview), overview.criteria, ranks=True)
    rank = model.column_of(Fixed.RANK)
    assert rank == model.columnCount() - 1
    assert model.data(model.index(0, rank)) == "2"
    assert model.data(model.index(2, rank)) == "1: 1, 2: 1"
    assert model.data(model.index(1, rank)) == ""
    unranked = ConsolidationModel()
    unranked.set_data(build_rows(result, overview), overview.criteria, ranks=False)
    assert unranked.column_of(Fixed.RANK) == -1


def test_sorting_on_raw_values(model: ConsolidationModel) -> None:
    proxy = _proxy(model)
    p1 = model.column_of("P1")
    proxy.sort(p1, Qt.SortOrder.DescendingOrder)
    assert [proxy.data(proxy.index(r, 0)) for r in range(3)] == ["INS-002", "INS-001", "INS-003"]
    assert proxy.data(proxy.index(0, p1), SORT_ROLE) == D(5)
    total = model.column_of(Fixed.TOTAL)
    proxy.sort(total, Qt.SortOrder.AscendingOrder)
    assert [proxy.data(proxy.index(r, 0)) for r in range(3)] == ["INS-001", "INS-003", "INS-002"]  # empty last
    proxy.sort(total, Qt.SortOrder.DescendingOrder)
    assert [proxy.data(proxy.index(r, 0)) for r in range(3)] == ["INS-003", "INS-001", "INS-002"]  # empty last


def test_filters_by_flag_criterion_lot_and_search(model: ConsolidationModel) -> None:
    proxy = _proxy(model)
    proxy.set_flag_filter(FlagFilter.FLAGGED)
    assert [proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())] == ["INS-001"]
    proxy.set_flag_filter(FlagFilter.MISSING)
    assert [proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())] == ["INS-002"]
    proxy.set_criterion("P1")
    assert proxy.rowCount() == 0  # the missing score is on P2
    assert proxy.columnCount() == model.columnCount() - 1
    assert proxy.headerData(3, Qt.Orientation.Horizontal) == "P1 ≥3"
    proxy.set_flag_filter(FlagFilter.ALL)
    proxy.set_criterion(None)
    proxy.set_lot("2")
    assert [proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())] == ["INS-002", "INS-003"]
    proxy.set_lot(None)
    proxy.set_search("anker")
    assert [proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())] == ["INS-003"]


def test_heat_colours_run_from_red_to_green(model: ConsolidationModel) -> None:
    low, high, middle = heat_colour(D(1), P1), heat_colour(D(5), P1), heat_colour(D(3), P1)
    assert low.red() > low.green() and high.green() > high.red()
    assert middle.red() > 200 and middle.green() > 200  # yellow
    assert heat_colour(None, P1) != low
    p1 = model.column_of("P1")
    brush = model.data(model.index(1, p1), Qt.ItemDataRole.BackgroundRole)
    assert brush.color() == high


def test_an_empty_model_is_harmless(qtbot: QtBot) -> None:
    model = ConsolidationModel()
    assert model.rowCount() == 0 and model.data(model.index(0, 0)) is None
