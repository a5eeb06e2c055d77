from __future__ import annotations

from decimal import Decimal

from beoordelaar.core.decisions.selection import Candidate, pending_text, select_lot
from beoordelaar.core.rounds.framework import DRAW, Selection

TWO = Selection(maximum=2, tie_break=("S1", DRAW))


def candidate(key: str, total: str, s1: str = "5") -> Candidate[str]:
    return Candidate(key, Decimal(total), {"S1": Decimal(s1)})


def test_the_best_up_to_the_maximum_go_on() -> None:
    result = select_lot("A", [candidate("a", "30"), candidate("b", "40"), candidate("c", "35")], TWO)
    assert result.selected == {"b", "c"}
    assert dict(result.ranks) == {"b": 1, "c": 2, "a": 3}
    assert result.pending is None
    assert result.outcome_text("c") == "geselecteerd (plaats 2 van 3; maximum 2)"
    assert result.outcome_text("a") == "niet geselecteerd: plaats 3 van 3, en het maximum is 2"


def test_a_tie_on_the_boundary_is_broken_by_the_announced_criterion_first() -> None:
    result = select_lot("A", [candidate("a", "40"), candidate("b", "30", s1="6"), candidate("c", "30", s1="8")], TWO)
    assert result.selected == {"a", "c"}
    assert dict(result.ranks) == {"a": 1, "c": 2, "b": 3}
    assert result.outcome_text("b") == (
        "niet geselecteerd: plaats 3 van 3, bij gelijke totaalscore bepaald door de score op S1, en het maximum is 2"
    )


def test_a_tie_no_rule_separates_waits_for_drawing_lots() -> None:
    tied = [candidate("a", "40"), candidate("b", "30"), candidate("c", "30"), candidate("d", "20")]
    result = select_lot("A", tied, TWO)
    assert result.selected == {"a"}
    assert result.pending is not None
    assert (result.pending.candidates, result.pending.places) == (("b", "c"), 1)
    assert "loting nodig" in result.outcome_text("b")
    assert pending_text(result.pending, {"b": "12", "c": "17"}) == "loting nodig in perceel A: 1 plaats tussen 12 en 17"


def test_a_recorded_draw_decides_the_tie_and_gives_distinct_places() -> None:
    tied = [candidate("a", "40"), candidate("b", "30"), candidate("c", "30"), candidate("d", "20")]
    result = select_lot("A", tied, TWO, draw=("c", "b"))
    assert result.selected == {"a", "c"}
    assert dict(result.ranks) == {"a": 1, "c": 2, "b": 3, "d": 4}
    assert result.pending is None
    assert result.outcome_text("b") == (
        "niet geselecteerd: plaats 3 van 4, bij gelijke totaalscore bepaald door loting, en het maximum is 2"
    )


def test_a_draw_for_another_group_does_not_apply() -> None:
    tied = [candidate("a", "40"), candidate("b", "30"), candidate("c", "30"), candidate("e", "30")]
    result = select_lot("A", tied, TWO, draw=("c", "b"))
    assert result.pending is not None
    assert result.pending.candidates == ("b", "c", "e")


def test_ties_away_from_the_boundary_share_a_place_and_need_no_draw() -> None:
    result = select_lot(
        "A", [candidate("a", "40"), candidate("b", "40"), candidate("c", "30"), candidate("d", "30")], TWO
    )
    assert result.selected == {"a", "b"}
    assert result.pending is None
    assert dict(result.ranks) == {"a": 1, "b": 1, "c": 3, "d": 3}


def test_fewer_candidates_than_the_maximum_all_go_on() -> None:
    result = select_lot("", [candidate("a", "10")], TWO)
    assert result.selected == {"a"}
    assert result.outcome_text("a") == "geselecteerd (plaats 1 van 1; maximum 2)"
