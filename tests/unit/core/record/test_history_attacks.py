"""The history check against an attacker with the database file: a history cut off or emptied, an event appended
with a correct hash that no action made, and data rows changed by SQL beside their history."""

from __future__ import annotations

import json
import re

import pytest

from beoordelaar.core.record.audit_check import verify_history
from beoordelaar.core.record.history_consistency import consistency_text
from beoordelaar.core.storage.database import Database
from engines import database_argument
from history_attacks import ATTACKS, append_event, first_decision, sql, without_checkpoints
from templates import DemoCopies


@pytest.fixture
def demo(db: Database, cached_demo: DemoCopies) -> Database:
    cached_demo(db, providers=3, actor="test")
    return db


def test_the_demo_round_agrees_with_its_history(demo: Database) -> None:
    check = verify_history(demo.sessions)
    assert check.intact, consistency_text(check.consistency)
    assert check.consistency.rows > 100 and check.consistency.problems == 0


def test_an_emptied_history_is_not_whole(demo: Database) -> None:
    without_checkpoints(demo)
    sql(demo, "DELETE FROM audit_events")
    check = verify_history(demo.sessions)
    assert check.count == 0 and not check.intact
    text = consistency_text(check.consistency)
    assert "staat in de database, maar niet in de geschiedenis" in text and "Ronde 1" in text


def test_a_history_cut_off_at_the_end_is_not_whole(demo: Database) -> None:
    without_checkpoints(demo)
    sql(demo, "DELETE FROM audit_events WHERE id > (SELECT max(id) - 40 FROM audit_events)")
    check = verify_history(demo.sessions)
    assert check.broken is None and not check.intact
    assert check.consistency.problems > 0


def test_a_decisions_outcome_changed_by_sql_is_named(demo: Database) -> None:
    decision_id, outcome = first_decision(demo)
    changed = "rejected" if outcome != "rejected" else "admitted"
    sql(demo, f"UPDATE decisions SET outcome = '{changed}' WHERE id = {decision_id}")
    check = verify_history(demo.sessions)
    assert check.broken is None and not check.intact
    assert check.consistency.problems == 1
    assert check.consistency.findings[0].startswith(f"Besluit {decision_id} verschilt van de geschiedenis: uitkomst is")


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE score_revisions SET value = '1' WHERE id = (SELECT min(id) FROM score_revisions)",
        "UPDATE check_revisions SET verdict = 'fail' WHERE id = (SELECT min(id) FROM check_revisions)",
        "UPDATE consensus_scores SET motivation = 'anders' WHERE id = (SELECT min(id) FROM consensus_scores)",
        "UPDATE requirement_verdicts SET verdict = 'not-met' WHERE id = (SELECT min(id) FROM requirement_verdicts)",
        "DELETE FROM score_revisions WHERE id = (SELECT max(id) FROM score_revisions)",
        "INSERT INTO decisions (registration_id, lot_id, revision, proposed_outcome, outcome, reasons, status, "
        "decided_at, lot_outcomes) SELECT registration_id, lot_id, revision + 1, outcome, outcome, reasons, status, "
        "decided_at, lot_outcomes FROM decisions WHERE id = (SELECT min(id) FROM decisions)",
    ],
)
def test_a_data_row_changed_beside_its_history_is_found(demo: Database, statement: str) -> None:
    sql(demo, statement)
    check = verify_history(demo.sessions)
    assert check.broken is None and not check.intact
    assert check.consistency.problems == 1, check.consistency.findings


@pytest.mark.usefixtures("amsterdam")
def test_a_moment_changed_by_sql_is_told_in_local_time(demo: Database) -> None:
    sql(demo, "UPDATE consensus_scores SET set_at = '2026-01-01 10:00:00' "
              "WHERE id = (SELECT min(id) FROM consensus_scores)")  # fmt: skip
    check = verify_history(demo.sessions)
    assert check.consistency.problems == 1
    (finding,) = check.consistency.findings
    assert re.search(r"vastgesteld op is '01-01-2026 11:00:00 CET', volgens de geschiedenis "
                     r"'\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2} CES?T'$", finding), finding  # fmt: skip


def test_an_appended_event_with_a_correct_hash_for_a_change_never_made_is_found(demo: Database) -> None:
    decision_id, outcome = first_decision(demo)
    append_event(demo, "update", "decisions", str(decision_id), {"outcome": outcome}, {"outcome": "admitted-x"})
    check = verify_history(demo.sessions)
    assert check.broken is None and not check.intact
    assert f"Besluit {decision_id} verschilt van de geschiedenis" in check.consistency.findings[0]


def test_an_event_moved_out_of_its_registrations_history_is_found(demo: Database) -> None:
    """The registration an event belongs to is not hashed (it is derived, for the indexed read of a history): set to
    another by SQL, it would hide the event from the registration's history, so the check holds it against the
    event and its row."""
    decision_id, _ = first_decision(demo)
    sql(demo, f"UPDATE audit_events SET registration_id = registration_id + 1 WHERE entity = 'decisions' "
              f"AND entity_id = '{decision_id}'")  # fmt: skip
    check = verify_history(demo.sessions)
    assert check.broken is None and not check.intact
    assert any(f"Besluit {decision_id}: gebeurtenis" in f and "maar hoort bij inschrijving-id" in f
               for f in check.consistency.findings)  # fmt: skip


def test_a_motivation_key_that_is_not_its_motivations_is_found(demo: Database) -> None:
    sql(demo, "UPDATE audit_events SET motivation_key = 'ander' WHERE id = (SELECT min(id) FROM audit_events "
              "WHERE entity = 'score_revisions' AND action = 'insert')")  # fmt: skip
    check = verify_history(demo.sessions)
    assert not check.intact
    assert [f for f in check.consistency.findings if "zoeksleutel" in f and "klopt niet met haar motivering" in f]


def test_a_motivation_key_on_an_event_that_carries_none_is_found(demo: Database) -> None:
    sql(demo, "UPDATE audit_events SET motivation_key = 'ander' WHERE id = (SELECT min(id) FROM audit_events "
              "WHERE entity = 'check_revisions' AND action = 'insert')")  # fmt: skip
    check = verify_history(demo.sessions)
    assert not check.intact
    assert [f for f in check.consistency.findings if f.startswith("Controle ") and "heeft een zoeksleutel, maar geen "
            "motivering om te zoeken" in f]  # fmt: skip


def test_an_appended_insert_for_a_row_that_is_not_there_is_found(demo: Database) -> None:
    append_event(demo, "insert", "decisions", "99999", None, {"id": 99999, "registration_id": 1, "outcome": "admitted"})
    check = verify_history(demo.sessions)
    assert not check.intact
    assert "Besluit 99999 staat in de geschiedenis, maar is zonder gebeurtenis uit de database verdwenen" in (
        check.consistency.findings
    )


def test_a_row_is_not_taken_for_the_history_of_an_id_it_begins(demo: Database) -> None:
    """A row without history (9999) meets, in the merged order, the history of a row that is not there (99990): each
    is told apart, not held against the other."""
    columns = "registration_id, lot_id, revision, proposed_outcome, outcome, reasons, status, decided_at, lot_outcomes"
    sql(demo, f"INSERT INTO decisions (id, {columns}) SELECT 9999, {columns} FROM decisions "
              "WHERE id = (SELECT min(id) FROM decisions)")  # fmt: skip
    append_event(demo, "insert", "decisions", "99990", None, {"id": 99990, "registration_id": 1, "outcome": "admitted"})
    check = verify_history(demo.sessions)
    assert check.broken is None and not check.intact
    findings = check.consistency.findings
    assert "Besluit 9999 staat in de database, maar niet in de geschiedenis" in findings
    assert "Besluit 99990 staat in de geschiedenis, maar is zonder gebeurtenis uit de database verdwenen" in findings
    assert not [f for f in findings if "verschilt van de geschiedenis" in f], findings


def test_an_appended_event_of_an_action_the_app_does_not_know_is_found(demo: Database) -> None:
    event_id = append_event(demo, "decision-erased", "decisions", "1", None, {"door": "iemand"})
    check = verify_history(demo.sessions)
    assert check.broken is not None and check.broken.event_id == event_id
    assert "handeling die het programma niet kent" in check.broken.problem


def test_audit_verify_on_an_emptied_history_says_so_in_dutch(
    demo: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    from beoordelaar.cli import main

    without_checkpoints(demo)
    sql(demo, "DELETE FROM audit_events")
    demo.close()
    assert main(["--db", database_argument(demo), "audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert "ongeschonden" not in out and "De geschiedenis is aangetast" in out
    assert "Ronde 1 staat in de database, maar niet in de geschiedenis" in out
    assert main(["--db", database_argument(demo), "audit", "verify", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False and data["events"] == 0 and data["rows_differing"] == data["rows_checked"] > 0


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_every_attack_of_the_campaign_is_found(demo: Database, attack: str) -> None:
    ATTACKS[attack](demo)
    assert not verify_history(demo.sessions).intact
