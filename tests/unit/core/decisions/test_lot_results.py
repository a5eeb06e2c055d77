"""The outcome per lot, derived from the decisions per registration: who bid, who is chosen, which lot has no winner."""

from __future__ import annotations

from beoordelaar.core.decisions.lot_results import LotOutcome, lot_results, uniform_outcomes
from beoordelaar.core.rounds.procedure import Outcome

LOTS = [("A", "Ambulant"), ("B", "Verblijf"), ("C", "Crisis")]


def bid(
    number: str, lots: tuple[str, ...], outcome: Outcome | None
) -> tuple[str, tuple[LotOutcome, ...], tuple[str, ...]]:
    return number, uniform_outcomes(lots, outcome), lots


def test_each_lot_has_its_own_bidders_and_chosen_bids() -> None:
    results = lot_results(
        LOTS,
        [
            bid("R-1", ("A", "B"), Outcome.AWARD),
            bid("R-2", ("B",), Outcome.REJECT),
            bid("R-3", ("A",), Outcome.AWARD),
            bid("R-4", ("C",), Outcome.REJECT),
        ],
    )
    a, b, c = results
    assert (a.bidders, a.chosen, a.without_winner) == (("R-1", "R-3"), ("R-1", "R-3"), False)
    assert (b.bidders, b.chosen) == (("R-1", "R-2"), ("R-1",))
    assert (c.bidders, c.chosen, c.without_winner) == (("R-4",), (), True)  # not awarded
    assert c.label == "C (Crisis)"
    assert c.as_json() == {
        "lot": "C", "name": "Crisis", "bidders": ["R-4"], "chosen": [], "undecided": 0, "without_winner": True,
    }  # fmt: skip


def test_a_lot_is_not_called_unawarded_while_a_bidder_is_undecided() -> None:
    a, b, _c = lot_results(LOTS, [bid("R-1", ("A",), None), bid("R-2", ("A",), Outcome.ADMIT)])
    assert a.open == 1 and a.chosen == ("R-2",)
    assert b.bidders == () and b.without_winner  # nobody bid: nobody is chosen
    (only,) = lot_results(LOTS[:1], [bid("R-1", ("A",), None)])
    assert not only.without_winner


def test_a_selection_can_choose_a_candidate_in_one_lot_and_not_in_another() -> None:
    outcomes = (LotOutcome("A", Outcome.SELECT, "geselecteerd"), LotOutcome("B", Outcome.REJECT, "niet geselecteerd"))
    a, b, _c = lot_results(LOTS, [("R-1", outcomes, ("A", "B")), bid("R-2", ("B",), Outcome.SELECT)])
    assert a.chosen == ("R-1",)
    assert b.chosen == ("R-2",)
    assert LotOutcome.from_json(outcomes[1].as_json()) == outcomes[1]
