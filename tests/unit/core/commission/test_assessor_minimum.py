"""The framework's minimum number of assessors per registration: parsed, warned about when assigning or after a
conflict of interest (in the action, the dialog's preview and the command line), and a blocker before consolidation."""

from __future__ import annotations

import json

import pytest

from beoordelaar.cli import main
from beoordelaar.core.commission.assessor_minimum import Shortfall, assignment_warnings, shortfall_warning, shortfalls
from beoordelaar.core.commission.assessors import add_assessor, declare_conflict
from beoordelaar.core.commission.assignments import assign_defaults
from beoordelaar.core.commission.declarations import declare_conflict_statement
from beoordelaar.core.rounds.framework import FrameworkError, parse_framework
from beoordelaar.core.rounds.framework_files import load_framework, read_framework_text
from beoordelaar.core.storage.database import Database
from beoordelaar.core.text import word
from beoordelaar.core.verification.open_items import open_items
from engines import database_argument
from exchange_round import ANNA, BRAM, DIRK, NUMBERS, ROUND, make_round


def test_both_builtin_frameworks_promise_three_assessors_and_a_framework_may_promise_none() -> None:
    for name in ("ijsselland-2022", "noordoost-brabant-selectie"):
        framework, _ = load_framework(name)
        assert framework.minimum_assessors == 3 and "minimaal drie beoordelaars" in framework.description
    text, _ = read_framework_text("ijsselland-2022")
    without = text.replace("minimum_assessors = 3\n", "")
    assert parse_framework(without).minimum_assessors is None
    with pytest.raises(FrameworkError, match="minimum_assessors"):
        parse_framework(text.replace("minimum_assessors = 3", "minimum_assessors = 0"))


def test_the_warning_names_each_registration_below_the_minimum() -> None:
    found = shortfalls({"INS-001": 3, "INS-002": 2, "INS-003": 1}, 3)
    assert found == (Shortfall("INS-002", 2, 3), Shortfall("INS-003", 1, 3))
    warning = shortfall_warning(found)
    assert warning is not None and "minimaal 3 beoordelaars" in warning
    assert "2 inschrijvingen hebben er minder: INS-002 (2) en INS-003 (1)" in warning
    assert shortfalls({"INS-001": 1}, None) == () and shortfall_warning(()) is None


def test_a_conflict_that_leaves_two_assessors_is_warned_about_and_blocks_consolidation(db: Database) -> None:
    round_id = make_round(db)  # three assessors; Chantal's conflict takes her off INS-003
    summary = assign_defaults(db.sessions, round_id, checks_by=[ANNA], actor="test")
    (warning,) = summary.warnings
    assert "INS-003 (2)" in warning and "INS-001" not in warning
    assert summary.as_json()["warnings"] == [warning]
    blockers = [i for i in open_items(db.sessions, round_id) if i.kind == "too-few-assessors"]
    assert [(i.registration, i.criterion) for i in blockers] == [(NUMBERS[2], None)]
    assert word("open_item", blockers[0].kind) == "Te weinig beoordelaars"
    # A later conflict on another registration: the action says so at once.
    (later,) = declare_conflict(db.sessions, round_id, BRAM, NUMBERS[0], reason="familie", actor="test")
    assert "INS-001 (2)" in later and "INS-003" not in later
    assert declare_conflict(db.sessions, round_id, BRAM, NUMBERS[0], actor="test") == ()  # already recorded


def test_the_dialog_preview_counts_the_chair_only_when_ticked(db: Database) -> None:
    round_id = make_round(db)
    (without_chair,) = assignment_warnings(db.sessions, round_id, include_chair=False)
    assert "INS-003 (2)" in without_chair
    # The chair scores too: INS-003 has Anna, Bram and the chair.
    assert assignment_warnings(db.sessions, round_id, include_chair=True) == ()


def test_a_fourth_member_assigned_clears_the_warning(db: Database) -> None:
    round_id = make_round(db)
    add_assessor(db.sessions, round_id, DIRK, confidentiality_declared=True, actor="test")
    declare_conflict_statement(db.sessions, round_id, DIRK, actor="test")
    assert assign_defaults(db.sessions, round_id, checks_by=[ANNA], actor="test").warnings == ()
    assert not [i for i in open_items(db.sessions, round_id) if i.kind == "too-few-assessors"]


def test_the_command_line_prints_the_warning_and_its_json_carries_it(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    make_round(db)
    path = database_argument(db)
    db.close()
    assert main(["--db", path, "assign", ROUND, "--checks", ANNA]) == 0
    out = capsys.readouterr().out
    assert "Waarschuwing: Het beoordelingskader belooft minimaal 3 beoordelaars" in out and "INS-003 (2)" in out
    assert main(["--db", path, "assign", ROUND, "--json"]) == 0
    assert "INS-003 (2)" in json.loads(capsys.readouterr().out)["warnings"][0]
    assert main(["--db", path, "conflict", ROUND, BRAM, NUMBERS[1], "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["registration"] == NUMBERS[1] and "INS-002 (2)" in data["warnings"][0]
    assert main(["--db", path, "conflict", ROUND, ANNA, NUMBERS[0]]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Belangenverstrengeling vastgelegd") and "Waarschuwing:" in out and "INS-001 (2)" in out
    assert main(["--db", path, "assessors", "add", ROUND, DIRK, "--geheimhouding"]) == 0
    assert main(["--db", path, "assessors", "conflicts", ROUND, DIRK, NUMBERS[2], "--reden", "buur", "--json"]) == 0
    statement = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert statement["conflicts"] == 1 and "INS-003 (2)" in statement["warnings"][0]
