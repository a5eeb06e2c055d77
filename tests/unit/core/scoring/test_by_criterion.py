"""An assessor's work by criterion: each criterion assigned to them across their registrations, in framework order
and the round's order, counting saved work only (a draft is not done), never another assessor's work."""

from __future__ import annotations

from decimal import Decimal

import pytest

from beoordelaar.core.rounds.api import CheckVerdict, Part
from beoordelaar.core.scoring.api import save_check, save_draft, save_score, work_by_criterion, worklist
from beoordelaar.core.storage.database import Database
from exchange_round import ANNA, BRAM, CHANTAL, NUMBERS, check_codes, motivation, plan_codes, round_id_of
from templates import MadeRound


@pytest.fixture
def scoring_db(db: Database, made_round: MadeRound) -> Database:
    made_round(db)
    return db


def test_every_assigned_criterion_lists_the_registrations_in_round_order(scoring_db: Database) -> None:
    round_id = round_id_of(scoring_db)
    anna = work_by_criterion(scoring_db.sessions, round_id, ANNA)
    assert [c.code for c in anna] == check_codes(scoring_db) + plan_codes(scoring_db)  # framework order
    assert all([e.ref for e in c.entries] == NUMBERS for c in anna)
    assert {c.part for c in anna[: len(check_codes(scoring_db))]} <= {Part.EXCLUSION, Part.REQUIREMENT}
    assert sum(c.total for c in anna) == worklist(scoring_db.sessions, round_id, ANNA).total
    chantal = work_by_criterion(scoring_db.sessions, round_id, CHANTAL)
    assert [c.code for c in chantal] == plan_codes(scoring_db)  # the checks were given to Anna
    assert all([e.ref for e in c.entries] == NUMBERS[:2] for c in chantal)  # her conflict with the third


def test_saved_work_counts_and_a_draft_does_not(scoring_db: Database) -> None:
    round_id = round_id_of(scoring_db)
    code, check = plan_codes(scoring_db)[0], check_codes(scoring_db)[0]
    save_score(scoring_db.sessions, round_id, ANNA, NUMBERS[1], code, 4, motivation(ANNA, NUMBERS[1], code, 4),
               actor=ANNA)  # fmt: skip
    save_draft(scoring_db.sessions, round_id, ANNA, NUMBERS[0], code, value=Decimal(2), text="Half af")
    save_check(scoring_db.sessions, round_id, ANNA, NUMBERS[2], check, CheckVerdict.DOUBT, "Certificaat onleesbaar",
               actor=ANNA)  # fmt: skip
    save_score(scoring_db.sessions, round_id, BRAM, NUMBERS[0], code, 2, motivation(BRAM, NUMBERS[0], code, 2),
               actor=BRAM)  # fmt: skip
    work = {c.code: c for c in work_by_criterion(scoring_db.sessions, round_id, ANNA)}
    scored = work[code]
    assert (scored.done, scored.total, scored.complete) == (1, 3, False)
    assert [e.value for e in scored.entries] == [None, Decimal(4), None]  # Bram's 2 and Anna's draft are not hers
    assert scored.entry(NUMBERS[0]) is not None and not scored.entry(NUMBERS[0]).done
    checked = work[check]
    assert [e.verdict for e in checked.entries] == [None, None, CheckVerdict.DOUBT]
    assert scored.label.startswith(f"{code} ")
