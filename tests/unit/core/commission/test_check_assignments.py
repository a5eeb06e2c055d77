"""Who checks the exclusion grounds and requirements: one checker per requirement by rotation (or what the framework
or the chair says), changed and withdrawn while no work rests on it, with the history kept; hand-in asks only what
is assigned."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select

from beoordelaar.core.commission.assignments import assign_defaults
from beoordelaar.core.commission.check_assignments import change_checks
from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.framework import FrameworkError, parse_framework
from beoordelaar.core.rounds.framework_files import read_framework_text
from beoordelaar.core.scoring.scoring import hand_in, save_check, worklist
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from checkers import check_assignments
from exchange_round import ANNA, BRAM, CHAIR, CHANTAL, NUMBERS, check_codes, score_everything
from templates import MadeRound


@pytest.fixture
def unchecked(db: Database, made_round: MadeRound) -> int:
    """The test round with Anna's checks withdrawn: no exclusion ground or requirement has a checker."""
    round_id = made_round(db)
    change_checks(db.sessions, round_id, ANNA, actor=CHAIR)
    return round_id


_checkers = check_assignments


def test_one_checker_per_requirement_rotates_over_who_may_assess(db: Database, unchecked: int) -> None:
    assert _checkers(db) == {}
    summary = assign_defaults(db.sessions, unchecked, actor=CHAIR)
    checkers = _checkers(db)
    codes = check_codes(db)
    assert summary.created == len(NUMBERS) * len(codes)
    assert all(len(names) == 1 for names in checkers.values())
    per_registration = {n: {checkers[(n, c)][0] for c in codes} for n in NUMBERS}
    assert all(len(names) == 1 for names in per_registration.values())  # one reads a registration's documents
    assert CHANTAL not in per_registration[NUMBERS[2]]  # her conflict
    assert Counter(next(iter(v)) for v in per_registration.values()) == {ANNA: 1, BRAM: 1, CHANTAL: 1}
    assert assign_defaults(db.sessions, unchecked, actor=CHAIR).created == 0


def test_the_chair_may_ask_more_checkers_per_requirement(db: Database, unchecked: int) -> None:
    assign_defaults(db.sessions, unchecked, checkers_per_requirement=2, actor=CHAIR)
    assert {len(v) for v in _checkers(db).values()} == {2}
    with pytest.raises(UserError, match="minstens één toetser"):
        assign_defaults(db.sessions, unchecked, checkers_per_requirement=0, actor=CHAIR)


def test_checks_are_handed_over_and_withdrawn_while_no_work_rests_on_them(db: Database, made_round: MadeRound) -> None:
    round_id = made_round(db)
    code, other = check_codes(db)[:2]
    save_check(db.sessions, round_id, ANNA, NUMBERS[0], code, "akkoord", actor=ANNA)
    moved = change_checks(db.sessions, round_id, ANNA, registrations=[NUMBERS[0]], to=BRAM, actor=CHAIR)
    assert moved.kept == (f"{NUMBERS[0]} {code}",)
    assert moved.changed == len(check_codes(db)) - 1
    checkers = _checkers(db)
    assert checkers[(NUMBERS[0], code)] == [ANNA]
    assert checkers[(NUMBERS[0], other)] == [BRAM]
    with pytest.raises(UserError, match="belangenverstrengeling gemeld bij INS-003"):
        change_checks(db.sessions, round_id, ANNA, registrations=[NUMBERS[2]], to=CHANTAL, actor=CHAIR)
    with pytest.raises(UserError, match="al werk gedaan"):
        change_checks(db.sessions, round_id, ANNA, registrations=[NUMBERS[0]], codes=[code], actor=CHAIR)
    with pytest.raises(UserError, match="geen uitsluitingsgrond of eis"):
        change_checks(db.sessions, round_id, ANNA, codes=["Z9"], actor=CHAIR)
    withdrawn = change_checks(db.sessions, round_id, BRAM, codes=[other], actor=CHAIR)
    assert withdrawn.changed == 1 and (NUMBERS[0], other) not in _checkers(db)
    with db.sessions() as session:
        events = session.execute(
            select(m.AuditEvent.action).where(m.AuditEvent.action.like("checks-%")).order_by(m.AuditEvent.id)
        ).scalars()
        assert list(events) == ["checks-reassigned", "checks-withdrawn"]


def test_hand_in_asks_only_the_checks_assigned_to_that_member(db: Database, unchecked: int) -> None:
    assign_defaults(db.sessions, unchecked, actor=CHAIR)
    score_everything(db, BRAM)
    bram = worklist(db.sessions, unchecked, BRAM)
    assert sum(r.checks_total for r in bram.rows) == len(check_codes(db))  # one registration's checks
    assert hand_in(db.sessions, unchecked, BRAM, actor=BRAM).submitted_at is not None


def test_a_framework_may_ask_more_checkers_per_requirement() -> None:
    text, _ = read_framework_text("ijsselland-2022")
    assert parse_framework(text).checks_per_registration == 1
    more = text.replace("minimum_assessors = 3\n", "minimum_assessors = 3\nchecks_per_registration = 2\n")
    assert parse_framework(more).checks_per_registration == 2
    with pytest.raises(FrameworkError, match="checks_per_registration"):
        parse_framework(more.replace("checks_per_registration = 2", "checks_per_registration = 0"))
