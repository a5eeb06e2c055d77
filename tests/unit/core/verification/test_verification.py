"""From a doubt to an approved interview record with its outcomes applied and linked back."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from beoordelaar.core.consolidation.consensus import consensus_sheet
from beoordelaar.core.consolidation.settlement import requirement_sheet
from beoordelaar.core.errors import UserError
from beoordelaar.core.record.audit_check import verify_history
from beoordelaar.core.record.history import registration_history
from beoordelaar.core.rounds.procedure import SettledVerdict
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit_registration import registration_ids
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.storage.database import Database
from beoordelaar.core.verification.interview_rules import InterviewStatus, PointOutcome
from beoordelaar.core.verification.open_items import open_items
from beoordelaar.core.verification.verification import (
    Attendee,
    PointInput,
    approve_interview,
    correct_interview,
    equal_treatment,
    list_interviews,
    mark_for_verification,
    open_doubts,
    plan_interview,
    record_interview,
)
from engines import dump
from exchange_round import (
    ANNA,
    NUMBERS,
    round_id_of,
)
from templates import DemoCopies, MadeRound

WHEN = datetime(2026, 10, 5, 14, 0)
PEOPLE = [Attendee("Marieke Jansen", "Voorzitter", "region"), Attendee("P. de Boer", "Directeur", "provider")]


def test_doubts_are_listed_and_block_consolidation(doubted: Database) -> None:
    round_id = round_id_of(doubted)
    doubts = open_doubts(doubted.sessions, round_id)
    assert [(d.registration, d.code) for d in doubts] == [(NUMBERS[0], "G3"), (NUMBERS[0], "P2")]
    assert {i.criterion for i in open_items(doubted.sessions, round_id) if i.kind == "open-doubt"} == {
        "G3",
        "P2",
    }
    with pytest.raises(UserError, match="waarom verificatie nodig is"):
        mark_for_verification(doubted.sessions, round_id, NUMBERS[1], "G1", "  ", actor="v")
    with pytest.raises(UserError, match="geen open twijfelpunten"):
        plan_interview(doubted.sessions, round_id, NUMBERS[1], planned_at=WHEN, location="Zwolle", actor="v")


def test_the_whole_path_from_doubt_to_adjusted_verdict_with_history(doubted: Database) -> None:
    round_id = round_id_of(doubted)
    planned = plan_interview(doubted.sessions, round_id, NUMBERS[0], planned_at=WHEN, location="Stadhuis Zwolle",
                             attendees=PEOPLE, actor="v")  # fmt: skip
    assert planned.status is InterviewStatus.PLANNED
    assert [(p.code, p.reason) for p in planned.points] == [
        ("G3", "Antwoord 'Deels' op de werktoedeling."), ("P2", "Onduidelijk welk netwerk bedoeld is."),
    ]  # fmt: skip
    with pytest.raises(UserError, match="al een verificatiegesprek"):
        plan_interview(doubted.sessions, round_id, NUMBERS[0], planned_at=WHEN, location="", actor="v")
    with pytest.raises(UserError, match="nog niet worden goedgekeurd"):
        approve_interview(doubted.sessions, planned.id, chair="Marieke Jansen", actor="v")

    points = [
        PointInput("G3", planned.points[0].reason, "Wie voert de jeugdhulp uit?", "Alleen SKJ-geregistreerden.",
                   True, "Registratieoverzicht", "Ontvangen op 6-10", PointOutcome.MEETS, None,
                   "Verduidelijkt; de eis is aangetoond."),
        PointInput("P2", planned.points[1].reason, "Welk netwerk bedoelt u?", "Het eigen netwerk van het gezin.",
                   True, "", "", PointOutcome.ADJUSTED, Decimal(4), "Verduidelijkt: de aanpak is sterker dan gedacht."),
    ]  # fmt: skip
    held = record_interview(doubted.sessions, planned.id, held_at=WHEN, points=points, actor="v")
    assert held.status is InterviewStatus.HELD
    approved = approve_interview(doubted.sessions, held.id, chair="Marieke Jansen", members_present=[ANNA], actor="v")
    assert approved.locked and approved.approvals == ("Marieke Jansen", ANNA)

    g3 = next(r for r in requirement_sheet(doubted.sessions, round_id, NUMBERS[0]) if r.code == "G3")
    assert [e.verdict for e in g3.history] == [SettledVerdict.VERIFY, SettledVerdict.PASS]
    assert g3.settled is not None and g3.settled.interview_id == approved.id and g3.settled.source == "interview"
    p2 = next(c for c in consensus_sheet(doubted.sessions, round_id, NUMBERS[0]).criteria if c.code == "P2")
    assert [e.value for e in p2.history] == [3, 4] and p2.consensus.interview_id == approved.id  # type: ignore[union-attr]
    assert open_doubts(doubted.sessions, round_id) == []
    with pytest.raises(UserError, match="goedgekeurd"):
        record_interview(doubted.sessions, approved.id, location="elders", actor="v")

    correction = correct_interview(doubted.sessions, approved.id, actor="v")
    assert correction.revision == 2 and correction.status is InterviewStatus.HELD
    (current,) = list_interviews(doubted.sessions, round_id)
    assert current.id == correction.id
    # The interview's whole course is in the registration's history: its updates name only the changed columns,
    # and the approval is a named action about its row.
    told = [(e.action, e.entity_id) for e in registration_history(doubted.sessions, round_id, NUMBERS[0])
            if e.entity == "interviews"]  # fmt: skip
    assert ("update", str(approved.id)) in told and ("interview-approved", str(approved.id)) in told
    assert ("insert", str(correction.id)) in told
    assert not [e for e in registration_history(doubted.sessions, round_id, NUMBERS[1]) if e.entity == "interviews"]


def _interview_events(db: Database) -> list[dict[str, Any]]:
    with db.sessions() as session:
        rows = session.execute(
            select(m.AuditEvent.entity, m.AuditEvent.entity_id, m.AuditEvent.action, m.AuditEvent.before,
                   m.AuditEvent.after, m.AuditEvent.registration_id)
            .where(m.AuditEvent.entity.in_(("interview_attendees", "interview_points"))).order_by(m.AuditEvent.id)
        ).mappings()  # fmt: skip
        return [dict(row) for row in rows]


def test_an_interviews_attendees_and_points_are_in_its_registrations_history(doubted: Database) -> None:
    round_id = round_id_of(doubted)
    planned = plan_interview(doubted.sessions, round_id, NUMBERS[0], planned_at=WHEN, location="Zwolle",
                             attendees=PEOPLE, actor="v")  # fmt: skip
    points = [PointInput(p.code, p.reason, "Vraag?", "Antwoord.", True, outcome=PointOutcome.MEETS,
                         motivation="Verduidelijkt.") for p in planned.points]  # fmt: skip
    record_interview(doubted.sessions, planned.id, held_at=WHEN, attendees=PEOPLE[:1], points=points, actor="v")
    told = Counter((e.entity, e.action) for e in registration_history(doubted.sessions, round_id, NUMBERS[0]))
    # planned with two attendees and two points; recorded with a new list of attendees (one: the two before are
    # orphans of the list, deleted by its cascade, not by session.delete) and the points answered
    assert told[("interview_attendees", "insert")] == 3 and told[("interview_attendees", "delete")] == 2
    assert told[("interview_points", "insert")] == 2 and told[("interview_points", "update")] == 2
    others = registration_history(doubted.sessions, round_id, NUMBERS[1])
    assert not [e for e in others if e.entity in ("interview_attendees", "interview_points")]

    events = _interview_events(doubted)
    with doubted.sessions() as session:
        interview = session.get(m.Interview, planned.id)
        assert interview is not None
        # stored (on a team server: by the trigger) as the app's rule gives it, read again from the rows as they are now
        assert [e["registration_id"] for e in events] == [interview.registration_id] * 9
        assert registration_ids(session.connection(), events) == [interview.registration_id] * 9
    assert verify_history(doubted.sessions).intact


def test_an_answer_that_adds_to_the_registration_cannot_change_the_score(doubted: Database) -> None:
    planned = plan_interview(
        doubted.sessions, round_id_of(doubted), NUMBERS[0], planned_at=WHEN, location="Video", actor="v"
    )
    points = [
        PointInput(p.code, p.reason, "Vraag?", "Nieuw plan meegestuurd.", False, outcome=PointOutcome.ADJUSTED
                   if p.code == "P2" else PointOutcome.MEETS, adjusted_value=Decimal(5) if p.code == "P2" else None,
                   motivation="Zie antwoord.")
        for p in planned.points
    ]  # fmt: skip
    record_interview(doubted.sessions, planned.id, held_at=WHEN, points=points, actor="v")
    with pytest.raises(UserError, match="aanvult of wijzigt"):
        approve_interview(doubted.sessions, planned.id, chair="Marieke Jansen", actor="v")


def test_equal_treatment_overview_on_the_demo(db: Database, cached_demo: DemoCopies) -> None:
    summary = cached_demo(db, providers=6, actor="t")
    overview = equal_treatment(db.sessions, summary.id)
    assert sum(overview.per_lot.values()) >= 1
    (question,) = overview.questions["G3"]
    assert "SKJ" in question[1]


def test_open_house_verifies_requirements_only(db: Database, made_round: MadeRound) -> None:
    made_round(db)
    with pytest.raises(UserError, match="Open House"):
        round_id = round_id_of(db)
        mark_for_verification(db.sessions, round_id, NUMBERS[0], "P2", "Onduidelijk.", actor="v")
    mark_for_verification(db.sessions, round_id, NUMBERS[0], "G3", "Antwoord 'Deels'.", actor="v")
    assert [d.code for d in open_doubts(db.sessions, round_id)] == ["G3"]


def test_a_held_date_in_the_future_is_refused_and_changes_nothing(doubted: Database) -> None:
    planned = plan_interview(doubted.sessions, round_id_of(doubted), NUMBERS[0], planned_at=WHEN, location="Zwolle",
                             actor="v")  # fmt: skip
    before = dump(doubted)
    with pytest.raises(UserError, match="ligt in de toekomst"):
        record_interview(doubted.sessions, planned.id, held_at=utcnow() + timedelta(days=3), actor="v")
    assert dump(doubted) == before
    assert record_interview(doubted.sessions, planned.id, held_at=WHEN, actor="v").held_at == WHEN
