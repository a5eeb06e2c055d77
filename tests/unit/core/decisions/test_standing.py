"""Only valid bids are ranked: an invalid bid has no rank and says why; the valid ones run 1..n among themselves."""

from __future__ import annotations

from decimal import Decimal

from beoordelaar.core.consolidation.ranking import Placing
from beoordelaar.core.decisions.standing import Bid, Standing, standings


def test_a_bid_rejected_on_a_requirement_has_no_rank_and_takes_no_place() -> None:
    found = standings(
        [
            Bid("quality-mark", ("A",), Decimal(30), failed=("G2",)),  # the highest plan, but no quality mark
            Bid("b", ("A",), Decimal(25)),
            Bid("c", ("A",), Decimal(20)),
            Bid("below", ("A",), Decimal(28), failed=("P3",)),  # a criterion below the minimum
            Bid("d", ("A",), Decimal(20)),
        ]
    )
    assert found["quality-mark"] == Standing((), "de inschrijving voldoet niet aan G2")
    assert found["below"].not_ranked == "de inschrijving voldoet niet aan P3" and not found["below"].ranked
    assert found["b"].placings == (Placing("A", 1, 3),)
    assert found["c"].placings == found["d"].placings == (Placing("A", 2, 3),)


def test_per_lot_among_the_valid_bids_of_that_lot() -> None:
    found = standings(
        [
            Bid(1, ("A", "B"), Decimal(10)),
            Bid(2, ("B",), Decimal(12)),
            Bid(3, ("B",), Decimal(15), failed=("U1", "G5", "P2")),
            Bid(4, ("A",), Decimal(11), rejected=True),  # valid by the record, rejected by the chair
            Bid(5, ("A",), None, blocked=True),  # not settled yet
        ]
    )
    assert found[1].placings == (Placing("A", 1, 1), Placing("B", 2, 2))
    assert found[2].placings == (Placing("B", 1, 2),)
    assert found[3].not_ranked == "de inschrijving voldoet niet aan U1, G5 en P2"
    assert found[4].not_ranked == "de inschrijving is afgewezen bij besluit van de voorzitter"
    assert found[5].not_ranked == "de beoordeling van de inschrijving is nog niet afgerond"


def test_standing_as_json_for_the_command_line() -> None:
    assert Standing((Placing("A", 2, 3),)).as_json() == {
        "placings": [{"lot": "A", "rank": 2, "of": 3}],
        "not_ranked": None,
    }
    assert Standing((), "de inschrijving voldoet niet aan G2").as_json() == {
        "placings": [],
        "not_ranked": "de inschrijving voldoet niet aan G2",
    }


def test_standing_as_a_line_on_the_screen() -> None:
    assert Standing((Placing("A", 1, 3), Placing("B", 2, 2))).text == (
        "Rangorde: plaats 1 van 3 in perceel A en plaats 2 van 2 in perceel B"
    )
    assert Standing((), "de inschrijving voldoet niet aan G6").text == (
        "Geen plaats in de rangorde: de inschrijving voldoet niet aan G6"
    )
