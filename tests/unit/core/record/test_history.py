from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from beoordelaar.core.consolidation.consensus import set_consensus_score
from beoordelaar.core.record.history import registration_history, round_timeline
from beoordelaar.core.storage.database import Database
from beoordelaar.core.verification.verification import PointInput, plan_interview, record_interview
from exchange_round import NUMBERS, make_doubted_round, round_id_of
from templates import DatabaseTemplates, DemoCopies

LONG = "Na het verificatiegesprek stelt de commissie de score bij: de aanpak is concreter dan eerst gelezen."


def test_registration_history_in_time_order_with_sources(db: Database, cached_demo: DemoCopies) -> None:
    summary = cached_demo(db, providers=5, actor="demo-maker")
    set_consensus_score(db.sessions, summary.id, "DEMO-2026-0003", "P2", Decimal(5), LONG, actor="voorzitter")
    events = registration_history(db.sessions, summary.id, "DEMO-2026-0003")
    assert [e.id for e in events] == sorted(e.id for e in events)
    entities = {e.entity for e in events}
    assert {"registrations", "declared_answers", "score_revisions", "consensus_scores", "decisions"} <= entities
    latest = events[-1]
    assert latest.entity == "consensus_scores" and latest.actor == "voorzitter" and latest.source == "consensus"
    assert ("value", None, "5") in latest.changes()
    assert latest.what == "Consensusscore toegevoegd"
    other = registration_history(db.sessions, summary.id, "DEMO-2026-0004")
    assert not {e.id for e in other} & {e.id for e in events if e.entity != "rounds"}


def test_history_of_one_criterion_and_the_interview_link(db: Database, cached_demo: DemoCopies) -> None:
    summary = cached_demo(db, providers=5, actor="t")
    g3 = registration_history(db.sessions, summary.id, "DEMO-2026-0002", criterion="G3")
    verdicts = [e for e in g3 if e.entity == "requirement_verdicts"]
    assert [e.after["verdict"] for e in verdicts] == ["verificatie-nodig", "akkoord"]  # type: ignore[index]
    assert verdicts[-1].after["interview_id"] is not None  # type: ignore[index]
    assert all(e.after.get("criterion_id") == g3[0].after["criterion_id"] for e in g3 if e.after)  # type: ignore[index]


def test_the_history_of_one_criterion_holds_its_interview_point(db: Database, templates: DatabaseTemplates) -> None:
    """A point belongs to the registration through its interview, and names its criterion: the criterion's history
    holds the point's events, its update (the answer, which names no criterion) among them, and not the other's."""
    templates.load(db, templates.built(make_doubted_round))  # doubts on G3 and P2 of NUMBERS[0]
    round_id = round_id_of(db)
    planned = plan_interview(db.sessions, round_id, NUMBERS[0], planned_at=datetime(2026, 10, 5, 14), location="Zwolle",
                             actor="v")  # fmt: skip
    points = {p.code: p.point_id for p in planned.points}
    answers = [PointInput(p.code, p.reason, f"Vraag over {p.code}?", "Antwoord.", True, motivation="Verduidelijkt.")
               for p in planned.points]  # fmt: skip
    record_interview(db.sessions, planned.id, points=answers, actor="v")
    for code, other in (("G3", "P2"), ("P2", "G3")):
        told = [(e.action, e.entity_id) for e in registration_history(db.sessions, round_id, NUMBERS[0], criterion=code)
                if e.entity == "interview_points"]  # fmt: skip
        assert told == [("insert", str(points[code])), ("update", str(points[code]))], code
        assert str(points[other]) not in {entity_id for _, entity_id in told}
    assert not [e for e in registration_history(db.sessions, round_id, NUMBERS[1], criterion="G3")
                if e.entity == "interview_points"]  # fmt: skip


def test_round_timeline_has_the_named_actions(db: Database, cached_demo: DemoCopies) -> None:
    summary = cached_demo(db, providers=4, actor="t")
    actions = [e.action for e in round_timeline(db.sessions, summary.id)]
    assert "demo-created" in actions
