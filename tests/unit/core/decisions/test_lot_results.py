"""The outcome per lot, derived from the decisions per registration: who bid, who is chosen, which lot has no winner."""

from __future__ import annotations

from beoordelaar.core.decisions.lot_results import lot_results
from beoordelaar.core.rounds.procedure import Outcome

LOTS = [("A", "Ambulant"), ("B", "Verblijf"), ("C", "Crisis")]


def test_each_lot_has_its_own_bidders_and_chosen_bids() -> None:
    results = lot_results(
        LOTS,
        [
            ("R-1", ("A", "B"), Outcome.AWARD),
            ("R-2", ("B",), Outcome.REJECT),
            ("R-3", ("A",), Outcome.AWARD),
            ("R-4", ("C",), Outcome.REJECT),
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
    a, b, _c = lot_results(LOTS, [("R-1", ("A",), None), ("R-2", ("A",), Outcome.ADMIT)])
    assert a.open == 1 and a.chosen == ("R-2",)
    assert b.bidders == () and b.without_winner  # nobody bid: nobody is chosen
    (only,) = lot_results(LOTS[:1], [("R-1", ("A",), None)])
    assert not only.without_winner
