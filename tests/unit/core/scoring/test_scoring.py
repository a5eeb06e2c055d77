"""Assignments, scores and checks, the worklist, handing in, reopening and blindness, in the chair's database
(the shared-laptop mode: the assessor is chosen by name)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from beoordelaar.core.commission.assessors import add_assessor, declare_conflict
from beoordelaar.core.commission.assignments import assign_defaults
from beoordelaar.core.consolidation.consensus import open_consensus
from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.rounds import create_round
from beoordelaar.core.scoring.scoring import (
    hand_in,
    reopen,
    save_check,
    save_score,
    visible_scores,
    work_items,
    worklist,
)
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from exchange_round import ANNA, BRAM, CHANTAL, NUMBERS, check_codes, motivation, plan_codes, round_id_of
from exchange_round import score_everything as score_all
from templates import MadeRound


@pytest.fixture
def scoring_db(db: Database, made_round: MadeRound) -> Database:
    made_round(db)
    return db


def _revisions(db: Database) -> int:
    with db.sessions() as session:
        return session.execute(select(func.count(m.ScoreRevision.id))).scalar_one()


def test_default_assignments_skip_conflicts_and_are_idempotent(scoring_db: Database) -> None:
    plan, checks = len(plan_codes(scoring_db)), len(check_codes(scoring_db))
    round_id = round_id_of(scoring_db)
    anna = worklist(scoring_db.sessions, round_id, ANNA)
    assert [r.ref for r in anna.rows] == NUMBERS
    assert anna.total == 3 * (plan + checks) and anna.done == 0
    chantal = worklist(scoring_db.sessions, round_id, CHANTAL)
    assert [r.ref for r in chantal.rows] == NUMBERS[:2]  # conflict with the third
    assert chantal.rows[0].checks_total == 0  # checks were given to Anna only
    again = assign_defaults(scoring_db.sessions, round_id, checks_by=[ANNA], actor="test")
    assert again.created == 0


def test_too_few_assessors_is_refused_naming_the_registrations(scoring_db: Database) -> None:
    round_id = round_id_of(scoring_db)
    declare_conflict(scoring_db.sessions, round_id, BRAM, NUMBERS[2], actor="test")
    with pytest.raises(UserError, match=r"minstens 2 beoordelaars.*INS-003 \(1\)"):
        assign_defaults(scoring_db.sessions, round_id, actor="test")


def test_round_without_enough_assessors_is_refused(db: Database) -> None:
    empty = create_round(db.sessions, name="Leeg", framework="ijsselland-2022", actor="test").id
    add_assessor(db.sessions, empty, ANNA, actor="test")
    assert assign_defaults(db.sessions, empty, actor="test").created == 0  # no registrations, nothing short


def test_a_later_conflict_removes_the_assignments(scoring_db: Database) -> None:
    round_id = round_id_of(scoring_db)
    declare_conflict(scoring_db.sessions, round_id, ANNA, NUMBERS[0], actor="test")
    assert [r.ref for r in worklist(scoring_db.sessions, round_id, ANNA).rows] == NUMBERS[1:]
    code = plan_codes(scoring_db)[0]
    with pytest.raises(UserError, match="belangenverstrengeling"):
        save_score(
            scoring_db.sessions,
            round_id,
            ANNA,
            NUMBERS[0],
            code,
            3,
            motivation(ANNA, "x", code, 3),
            actor="t",
        )


def test_save_score_validates_and_revises_only_on_change(scoring_db: Database) -> None:
    code = plan_codes(scoring_db)[0]
    text = motivation(ANNA, NUMBERS[0], code, 3)
    with pytest.raises(UserError, match="niet op de schaal"):
        round_id = round_id_of(scoring_db)
        save_score(scoring_db.sessions, round_id, ANNA, NUMBERS[0], code, 7, text, actor=ANNA)
    with pytest.raises(UserError, match="te kort"):
        save_score(scoring_db.sessions, round_id, ANNA, NUMBERS[0], code, 3, "Goed.", actor=ANNA)
    with pytest.raises(UserError, match="ontbreekt"):
        save_score(scoring_db.sessions, round_id, ANNA, NUMBERS[0], code, 3, "   ", actor=ANNA)
    assert save_score(scoring_db.sessions, round_id, ANNA, NUMBERS[0], code, "3,0", text, actor=ANNA).revision == 1
    again = save_score(scoring_db.sessions, round_id, ANNA, NUMBERS[0], code, Decimal(3), text, actor=ANNA)
    assert not again.changed and _revisions(scoring_db) == 1
    changed = save_score(scoring_db.sessions, round_id, ANNA, NUMBERS[0], code, 4, text + " Herzien.", actor=ANNA)
    assert changed.changed and changed.revision == 2
    assert work_items(scoring_db.sessions, round_id, ANNA, NUMBERS[0])[-len(plan_codes(scoring_db))].value == 4


def test_save_check_requires_a_note_unless_akkoord(scoring_db: Database) -> None:
    code = check_codes(scoring_db)[0]
    with pytest.raises(UserError, match="toelichting"):
        round_id = round_id_of(scoring_db)
        save_check(scoring_db.sessions, round_id, ANNA, NUMBERS[0], code, "twijfel", "", actor=ANNA)
    with pytest.raises(UserError, match="akkoord, niet-akkoord of twijfel"):
        save_check(scoring_db.sessions, round_id, ANNA, NUMBERS[0], code, "misschien", "x", actor=ANNA)
    with pytest.raises(UserError, match="niet aan"):
        save_check(scoring_db.sessions, round_id, BRAM, NUMBERS[0], code, "akkoord", actor=BRAM)
    assert save_check(
        scoring_db.sessions, round_id, ANNA, NUMBERS[0], code, "Niet akkoord", "Geen HKZ.", actor=ANNA
    ).changed


def test_hand_in_lists_what_is_missing_then_locks_and_reopen_starts_a_revision(scoring_db: Database) -> None:
    score_all(scoring_db, BRAM, numbers=NUMBERS[:2])
    with pytest.raises(UserError, match=r"INS-003 Stichting Aanbieder 3: P\d"):
        round_id = round_id_of(scoring_db)
        hand_in(scoring_db.sessions, round_id, BRAM, actor=BRAM)
    score_all(scoring_db, BRAM)
    assert hand_in(scoring_db.sessions, round_id, BRAM, actor=BRAM).submitted_at is not None
    code = plan_codes(scoring_db)[0]
    with pytest.raises(UserError, match="al ingeleverd"):
        save_score(
            scoring_db.sessions,
            round_id,
            BRAM,
            NUMBERS[0],
            code,
            5,
            motivation(BRAM, "x", code, 5),
            actor=BRAM,
        )
    for blank in ("", "   "):
        with pytest.raises(UserError, match="Geef een reden op"):
            reopen(scoring_db.sessions, round_id, BRAM, reason=blank, actor="voorzitter")
    assert worklist(scoring_db.sessions, round_id, BRAM).submitted_at is not None  # the refusal reopened nothing
    assert reopen(scoring_db.sessions, round_id, BRAM, reason="P1 van INS-001 opnieuw", actor="voorzitter") == 2
    reopened = worklist(scoring_db.sessions, round_id, BRAM)
    assert (reopened.reopen_reason, reopened.submitted_at) == ("P1 van INS-001 opnieuw", None)
    with scoring_db.sessions() as session:
        event = session.execute(select(m.AuditEvent).where(m.AuditEvent.action == "work-reopened")).scalar_one()
        assert (event.actor, event.after) == ("voorzitter", {"revision": 2, "reason": "P1 van INS-001 opnieuw"})
    assert save_score(scoring_db.sessions, round_id, BRAM, NUMBERS[0], code, 5, motivation(BRAM, "y", code, 5),
                      actor=BRAM).revision == 2  # fmt: skip
    with pytest.raises(UserError, match="nog niet ingeleverd"):
        reopen(scoring_db.sessions, round_id, BRAM, reason="nogmaals", actor="voorzitter")


def test_scores_stay_blind_until_the_chair_opens_the_consensus(scoring_db: Database) -> None:
    score_all(scoring_db, ANNA, 4)
    score_all(scoring_db, BRAM, 2)
    round_id = round_id_of(scoring_db)
    assert {s.assessor for s in visible_scores(scoring_db.sessions, round_id, ANNA, NUMBERS[0])} == {ANNA}
    assert {s.value for s in visible_scores(scoring_db.sessions, round_id, BRAM, NUMBERS[0])} == {Decimal(2)}
    open_consensus(scoring_db.sessions, round_id, NUMBERS[0], actor="voorzitter")
    assert {s.assessor for s in visible_scores(scoring_db.sessions, round_id, ANNA, NUMBERS[0])} == {
        ANNA,
        BRAM,
    }
    assert {s.assessor for s in visible_scores(scoring_db.sessions, round_id, ANNA, NUMBERS[1])} == {ANNA}


def test_drafts_keep_unfinished_work_out_of_the_record(db: Database, made_round: MadeRound) -> None:
    from sqlalchemy import select

    from beoordelaar.core.scoring.scoring import save_draft
    from beoordelaar.core.storage import models as m

    round_id = made_round(db)
    save_draft(db.sessions, round_id, ANNA, NUMBERS[0], "P1", value=None, text="Eerste indruk")
    save_draft(db.sessions, round_id, ANNA, NUMBERS[0], "P1", value=Decimal(3), text="Eerste indruk, verder")
    (item,) = [i for i in work_items(db.sessions, round_id, ANNA, NUMBERS[0]) if i.code == "P1"]
    assert item.draft and item.value == 3 and item.motivation == "Eerste indruk, verder"
    with db.sessions() as session:
        assert not session.execute(select(m.AuditEvent).where(m.AuditEvent.entity == "work_drafts")).first()
    save_score(db.sessions, round_id, ANNA, NUMBERS[0], "P1", 3, motivation(ANNA, NUMBERS[0], "P1", 3), actor=ANNA)
    (item,) = [i for i in work_items(db.sessions, round_id, ANNA, NUMBERS[0]) if i.code == "P1"]
    assert not item.draft and item.revision == 1
    with db.sessions() as session:
        assert session.execute(select(m.WorkDraft)).first() is None


def test_the_same_motivation_twice_is_flagged_to_its_writer(db: Database, made_round: MadeRound) -> None:
    round_id = made_round(db)
    same = "De aanpak is concreet en sluit aan bij de regionale doelen; de rol van de gemeente is duidelijk."
    first, second = plan_codes(db)[:2]
    assert save_score(db.sessions, round_id, ANNA, NUMBERS[0], first, 3, same, actor=ANNA).same_text_at == ()
    flagged = save_score(db.sessions, round_id, ANNA, NUMBERS[1], second, 4, "  " + same.upper(), actor=ANNA)
    assert flagged.changed and flagged.same_text_at == (f"{NUMBERS[0]} {first}",)
    other = save_score(db.sessions, round_id, BRAM, NUMBERS[0], first, 3, same, actor=BRAM)
    assert other.same_text_at == ()  # a colleague's words are never compared (nor shown)


def test_only_current_motivations_count_as_the_same_text(db: Database, made_round: MadeRound) -> None:
    round_id = made_round(db)
    same = "De aanpak is concreet en sluit aan bij de regionale doelen; de rol van de gemeente is duidelijk."
    first, second, third = plan_codes(db)[:3]
    save_score(db.sessions, round_id, ANNA, NUMBERS[0], first, 3, same, actor=ANNA)
    save_score(db.sessions, round_id, ANNA, NUMBERS[0], second, 3, same.replace(" ", "\n\t "), actor=ANNA)
    rewritten = motivation(ANNA, NUMBERS[0], first, 4)
    save_score(db.sessions, round_id, ANNA, NUMBERS[0], first, 4, rewritten, actor=ANNA)  # no longer these words
    flagged = save_score(db.sessions, round_id, ANNA, NUMBERS[1], third, 4, same, actor=ANNA)
    assert flagged.same_text_at == (f"{NUMBERS[0]} {second}",)
    again = save_score(db.sessions, round_id, ANNA, NUMBERS[1], first, 2, rewritten.upper(), actor=ANNA)
    assert again.same_text_at == (f"{NUMBERS[0]} {first}",)
