"""The history check holds an interview, its attendees and its points against their history: changed by SQL behind
the app's back is found, named in Dutch; replaced through the app (the orphans of a list are deleted with an event)
is not."""

from __future__ import annotations

from datetime import datetime

import pytest

from beoordelaar.core.record.audit_check import verify_history
from beoordelaar.core.record.history_consistency import CHECKED_TABLES, consistency_text
from beoordelaar.core.rounds.round_edits import remove_round
from beoordelaar.core.storage.database import Database
from beoordelaar.core.verification.verification import Attendee, PointInput, plan_interview, record_interview
from engines import raw_sql
from exchange_round import NUMBERS, make_doubted_round, round_id_of
from history_attacks import sql
from templates import DatabaseTemplates

WHEN = datetime(2026, 10, 5, 14, 0)
PEOPLE = [Attendee("Marieke Jansen", "Voorzitter", "region"), Attendee("P. de Boer", "Directeur", "provider")]


@pytest.fixture
def interviewed(db: Database, templates: DatabaseTemplates) -> Database:
    """The doubted round, its interview planned with two attendees and recorded with another list of one (the two
    before deleted as the list's orphans) and both points answered."""
    templates.load(db, templates.built(make_doubted_round))
    round_id = round_id_of(db)
    planned = plan_interview(db.sessions, round_id, NUMBERS[0], planned_at=WHEN, location="Zwolle", attendees=PEOPLE,
                             actor="v")  # fmt: skip
    points = [PointInput(p.code, p.reason, "Vraag?", "Antwoord.", True, motivation="Verduidelijkt.")
              for p in planned.points]  # fmt: skip
    record_interview(db.sessions, planned.id, held_at=WHEN, attendees=[Attendee("A. Smit", "Jurist", "region")],
                     points=points, actor="v")  # fmt: skip
    return db


def _first(db: Database, table: str) -> int:
    with raw_sql(db) as connection:
        return connection.execute(f"SELECT min(id) FROM {table}").scalar_one()


def test_an_interview_recorded_through_the_app_agrees_with_its_history(interviewed: Database) -> None:
    check = verify_history(interviewed.sessions)
    assert check.intact, consistency_text(check.consistency)
    with raw_sql(interviewed) as connection:
        counts = {t: connection.execute(f"SELECT count(*) FROM {t}").scalar_one() for t in CHECKED_TABLES}
    assert (counts["interviews"], counts["interview_attendees"], counts["interview_points"]) == (1, 1, 2)
    assert check.consistency.rows == sum(counts.values())


def test_an_interview_point_changed_by_sql_is_named(interviewed: Database) -> None:
    point = _first(interviewed, "interview_points")
    sql(interviewed, f"UPDATE interview_points SET answer = 'Iets anders.' WHERE id = {point}")
    check = verify_history(interviewed.sessions)
    assert check.broken is None and not check.intact
    assert check.consistency.findings == (
        f"Gesprekspunt {point} verschilt van de geschiedenis: antwoord is 'Iets anders.', volgens de geschiedenis "
        "'Antwoord.'",
    )


@pytest.mark.parametrize(
    ("statement", "finding"),
    [
        ("DELETE FROM interview_attendees WHERE id = {attendee}",
         "Aanwezige {attendee} staat in de geschiedenis, maar is zonder gebeurtenis uit de database verdwenen"),
        ("INSERT INTO interview_attendees (interview_id, name, role, side) SELECT interview_id, 'X', 'Y', 'region' "
         "FROM interview_attendees WHERE id = {attendee}", "staat in de database, maar niet in de geschiedenis"),
        ("UPDATE interviews SET location = 'Elders' WHERE id = {interview}",
         "Verificatiegesprek {interview} verschilt van de geschiedenis: plaats gesprek is 'Elders', volgens de "
         "geschiedenis 'Zwolle'"),
        ("UPDATE audit_events SET registration_id = registration_id + 1 WHERE entity = 'interview_points' AND "
         "entity_id = '{point}'", "Gesprekspunt {point}: gebeurtenis"),
    ],
)  # fmt: skip
def test_an_interviews_rows_changed_beside_their_history_are_found(
    interviewed: Database, statement: str, finding: str
) -> None:
    """An attendee removed or added by SQL, the interview changed, a point's events moved out of the registration's
    history (its registration is derived through the interview)."""
    ids = {t: _first(interviewed, f"{t}s") for t in ("interview", "interview_attendee", "interview_point")}
    names = {"interview": ids["interview"], "attendee": ids["interview_attendee"], "point": ids["interview_point"]}
    sql(interviewed, statement.format(**names))
    check = verify_history(interviewed.sessions)
    assert not check.intact
    assert [f for f in check.consistency.findings if finding.format(**names) in f], check.consistency.findings


def test_a_vanished_attendee_names_the_programs_own_earlier_cause_too(interviewed: Database) -> None:
    """Until 2 December 2026 the program replaced an attendee list without delete events: an older database's finding
    may be that, which the check cannot tell from a removal outside the program, so it says so."""
    attendee = _first(interviewed, "interview_attendees")
    sql(interviewed, f"DELETE FROM interview_attendees WHERE id = {attendee}")
    (finding,) = verify_history(interviewed.sessions).consistency.findings
    assert finding == (
        f"Aanwezige {attendee} staat in de geschiedenis, maar is zonder gebeurtenis uit de database verdwenen (of is "
        "vóór 2 december 2026 in het programma vervangen: dat kreeg toen nog geen gebeurtenis)"
    )


def test_a_round_removed_with_its_interview_leaves_its_history_whole(interviewed: Database) -> None:
    """The interview's attendees and points go with the round without events: their events keep the registration
    they were appended with, which the check finds again through the interview's insert event."""
    remove_round(interviewed.sessions, round_id_of(interviewed), actor="voorzitter")
    check = verify_history(interviewed.sessions)
    assert check.intact, consistency_text(check.consistency)
