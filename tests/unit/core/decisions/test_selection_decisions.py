"""A selection stage on the demo round (lot 4 has two valid candidates, DEMO-2026-0002 ahead of DEMO-2026-0001):
decisions per lot follow the ranking, the maximum, the tie-break and a recorded draw."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from beoordelaar.core.decisions.decisions import (
    SELECTION_OVERRIDE,
    confirm_all,
    list_decisions,
    override_decision,
    propose_decisions,
)
from beoordelaar.core.decisions.lot_draws import BY_APP, BY_HAND, draw_lots, list_draws, pending_draws
from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.procedure import Outcome
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from letters_round import make_selection, set_scores
from templates import DemoRound

FIRST, SECOND = "DEMO-2026-0002", "DEMO-2026-0001"  # lot 4, by total


def rows(db: Database, round_id: int) -> dict[str, object]:
    return {row.number: row for row in list_decisions(db.sessions, round_id)}


def test_only_the_best_up_to_the_maximum_are_selected_per_lot(db: Database, demo_round: DemoRound) -> None:
    round_id = demo_round(db)
    make_selection(db, round_id, maximum=1)
    result = propose_decisions(db.sessions, round_id, actor="test")
    found = rows(db, round_id)
    assert found[FIRST].outcome is Outcome.SELECT
    assert found[SECOND].outcome is Outcome.REJECT
    assert not found[SECOND].reasons  # valid, only not among the best one
    (lot,) = found[SECOND].lot_outcomes
    assert (lot.lot, lot.outcome, lot.text) == (
        "4",
        Outcome.REJECT,
        "niet geselecteerd: plaats 2 van 2, en het maximum is 1",
    )
    assert found[SECOND].standing.text == "Rangorde: plaats 2 van 2 in perceel 4"
    invalid = found["DEMO-2026-0003"].lot_outcomes
    assert [o.lot for o in invalid] == ["1", "2", "3"]
    assert all(o.text == "niet gerangschikt: de inschrijving voldoet niet aan P2 en P4" for o in invalid)
    by_lot = {lot.code: lot for lot in result.lots}
    assert by_lot["4"].chosen == (FIRST,) and by_lot["3"].without_winner
    assert found[FIRST].choices == (Outcome.SELECT, Outcome.REJECT)
    assert result.as_json()["decisions"][1]["lot_outcomes"] == [
        {"lot": "4", "outcome": "select", "text": "geselecteerd (plaats 1 van 2; maximum 1)"}
    ]
    assert confirm_all(db.sessions, round_id, actor="test") == 8
    with pytest.raises(UserError, match="alleen afwijzen"):
        override_decision(
            db.sessions, round_id, SECOND, Outcome.SELECT, "De voorzitter wil deze er graag bij.", actor="t"
        )
    assert "alleen afwijzen" in SELECTION_OVERRIDE


def test_a_tie_on_the_boundary_waits_for_a_draw_and_the_draw_decides(db: Database, demo_round: DemoRound) -> None:
    round_id = demo_round(db)
    make_selection(db, round_id, maximum=1)
    set_scores(db, SECOND, {"P1": 4, "P2": 4, "P3": 4, "P4": 4})
    set_scores(db, FIRST, {"P1": 4, "P2": 4, "P3": 4, "P4": 4})
    propose_decisions(db.sessions, round_id, actor="test")
    found = rows(db, round_id)
    blocker = "loting nodig in perceel 4: 1 plaats tussen DEMO-2026-0001 en DEMO-2026-0002"
    assert found[FIRST].blockers == found[SECOND].blockers == (blocker,)
    (pending,) = pending_draws(db.sessions, round_id)
    assert (pending.lot, pending.numbers, pending.places) == ("4", (SECOND, FIRST), 1)
    with pytest.raises(UserError, match="precies één keer"):
        draw_lots(db.sessions, round_id, "4", drawn_by="notaris", witnesses="twee leden", order=[FIRST], actor="t")
    with pytest.raises(UserError, match="In perceel 1 is geen loting nodig"):
        draw_lots(db.sessions, round_id, "1", drawn_by="notaris", witnesses="twee leden", order=[FIRST], actor="t")
    with pytest.raises(UserError, match="wie trok en wie erbij waren"):
        draw_lots(db.sessions, round_id, "4", drawn_by="notaris", witnesses=" ", actor="t")
    draw = draw_lots(
        db.sessions, round_id, "4", drawn_by="mr. A. Notaris", witnesses="Marieke Jansen, Erik Bosch",
        order=[SECOND, FIRST], actor="voorzitter",
    )  # fmt: skip
    assert (draw.selected, draw.method) == ((SECOND,), BY_HAND)
    assert pending_draws(db.sessions, round_id) == []
    propose_decisions(db.sessions, round_id, actor="test")
    found = rows(db, round_id)
    assert found[SECOND].outcome is Outcome.SELECT and found[FIRST].outcome is Outcome.REJECT
    assert found[FIRST].lot_outcomes[0].text == (
        "niet geselecteerd: plaats 2 van 2, bij gelijke totaalscore bepaald door loting, en het maximum is 1"
    )
    with db.sessions() as session:
        event = session.execute(select(m.AuditEvent).where(m.AuditEvent.action == "lots-drawn")).scalar_one()
    assert event.actor == "voorzitter"
    assert event.after["order"] == [SECOND, FIRST] and event.after["drawn_by"] == "mr. A. Notaris"
    assert event.after["witnesses"] == "Marieke Jansen, Erik Bosch"


def test_a_draw_no_longer_applies_when_the_tie_changes(db: Database, demo_round: DemoRound) -> None:
    round_id = demo_round(db)
    make_selection(db, round_id, maximum=1)
    set_scores(db, SECOND, {"P1": 4, "P2": 4, "P3": 4, "P4": 4})
    set_scores(db, FIRST, {"P1": 4, "P2": 4, "P3": 4, "P4": 4})
    draw = draw_lots(db.sessions, round_id, "4", drawn_by="de app", witnesses="Marieke Jansen", actor="t")
    assert draw.method == BY_APP and sorted(draw.order) == sorted([FIRST, SECOND])
    set_scores(db, FIRST, {"P4": 5})  # the tie is gone: the scores decide, the draw stays in the record
    propose_decisions(db.sessions, round_id, actor="test")
    assert rows(db, round_id)[FIRST].outcome is Outcome.SELECT
    assert len(list_draws(db.sessions, round_id)) == 1


def test_the_announced_criterion_breaks_a_tie_before_lots_are_drawn(db: Database, demo_round: DemoRound) -> None:
    round_id = demo_round(db)
    make_selection(db, round_id, maximum=1, tie_break='["P2", "loting"]')
    set_scores(db, SECOND, {"P1": 4, "P2": 5, "P3": 3, "P4": 4})  # total 2*4 + 5 + 3 + 4 = 20
    set_scores(db, FIRST, {"P1": 4, "P2": 4, "P3": 4, "P4": 4})  # total 20, lower on P2
    propose_decisions(db.sessions, round_id, actor="test")
    found = rows(db, round_id)
    assert found[SECOND].outcome is Outcome.SELECT and not found[SECOND].blockers
    assert found[FIRST].lot_outcomes[0].text == (
        "niet geselecteerd: plaats 2 van 2, bij gelijke totaalscore bepaald door de score op P2, en het maximum is 1"
    )
    assert pending_draws(db.sessions, round_id) == []
