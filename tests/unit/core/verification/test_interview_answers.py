"""A verdict or score that changes after a verification interview on its criterion names the answer it rests on."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from beoordelaar.core.consolidation.consensus import apply_averaging, consensus_sheet, set_consensus_score
from beoordelaar.core.consolidation.settlement import requirement_sheet, settle_requirement
from beoordelaar.core.errors import UserError
from beoordelaar.core.record.assessment_report import gather
from beoordelaar.core.rounds.framework_files import read_framework_text
from beoordelaar.core.rounds.procedure import SettledVerdict
from beoordelaar.core.storage.database import Database
from beoordelaar.core.verification.interview_rules import PointOutcome
from beoordelaar.core.verification.verification import (
    InterviewRecord,
    PointInput,
    approve_interview,
    plan_interview,
    record_interview,
)
from exchange_round import ANNA, BRAM, NUMBERS, make_round, round_id_of, score_everything

WHEN = datetime(2026, 10, 5, 14, 0)
G3_ANSWER = "Alleen SKJ-geregistreerden voeren de jeugdhulp uit."
LONG = "Na het gesprek: het netwerk van het gezin blijkt niet in de aanpak te zitten; de commissie stelt bij."


def _held(db: Database) -> InterviewRecord:
    planned = plan_interview(db.sessions, round_id_of(db), NUMBERS[0], planned_at=WHEN, location="Zwolle", actor="v")
    points = [
        PointInput("G3", planned.points[0].reason, "Wie voert de jeugdhulp uit?", G3_ANSWER, True,
                   outcome=PointOutcome.MEETS, motivation="Verduidelijkt; de eis is aangetoond."),
        PointInput("P2", planned.points[1].reason, "Welk netwerk bedoelt u?", "Het eigen netwerk van het gezin.",
                   True, outcome=PointOutcome.CONFIRMED, motivation="Verduidelijkt; de score blijft."),
    ]  # fmt: skip
    return record_interview(db.sessions, planned.id, held_at=WHEN, points=points, actor="v")


def _point(record: InterviewRecord, code: str) -> int:
    point_id = next(p.point_id for p in record.points if p.code == code)
    assert point_id is not None
    return point_id


def test_approving_links_each_outcome_to_its_answer(doubted: Database) -> None:
    approved = approve_interview(doubted.sessions, _held(doubted).id, chair="Marieke Jansen", actor="v")
    g3 = next(r for r in requirement_sheet(doubted.sessions, round_id_of(doubted), NUMBERS[0]) if r.code == "G3")
    assert g3.settled is not None and g3.settled.rests_on is not None
    assert g3.settled.rests_on.point_id == _point(approved, "G3") and g3.settled.rests_on.answer == G3_ANSWER
    assert [a.answer for a in g3.answers] == [G3_ANSWER]


def test_a_changed_verdict_after_the_interview_names_the_answer_and_the_report_quotes_it(doubted: Database) -> None:
    round_id = round_id_of(doubted)
    approved = approve_interview(doubted.sessions, _held(doubted).id, chair="Marieke Jansen", actor="v")
    before = requirement_sheet(doubted.sessions, round_id, NUMBERS[0])
    with pytest.raises(UserError, match=r"wijzigt het oordeel op G3: noem het antwoord .*Alleen SKJ"):
        settle_requirement(doubted.sessions, round_id, NUMBERS[0], "G3", SettledVerdict.FAIL, "Toch niet.", actor="v")
    with pytest.raises(UserError, match="geen antwoord uit een verificatiegesprek over G3"):
        settle_requirement(doubted.sessions, round_id, NUMBERS[0], "G3", SettledVerdict.FAIL, "Toch niet.", actor="v",
                           interview_point_id=_point(approved, "P2"))  # fmt: skip
    assert requirement_sheet(doubted.sessions, round_id, NUMBERS[0]) == before
    # The same verdict with other words is no change of the verdict: nothing to rest on.
    settle_requirement(doubted.sessions, round_id, NUMBERS[0], "G3", SettledVerdict.PASS, "Aangetoond.", actor="v")
    entry = settle_requirement(
        doubted.sessions, round_id, NUMBERS[0], "G3", SettledVerdict.FAIL, "Het antwoord sluit de eis niet in.",
        actor="v", interview_point_id=_point(approved, "G3"),
    )  # fmt: skip
    assert entry.rests_on is not None and entry.rests_on.answer == G3_ANSWER
    (section,) = [s for s in gather(doubted, round_id, actor="v").registrations if s.heading.startswith(NUMBERS[0])]
    (g3,) = [r for r in section.requirements if r[0] == "G3"]
    assert g3[4] == (
        f"Het antwoord sluit de eis niet in. Rust op het antwoord in het verificatiegesprek van 05-10-2026: "
        f"\u201c{G3_ANSWER}\u201d"
    )


def test_a_changed_score_after_the_interview_names_the_answer(doubted: Database) -> None:
    round_id = round_id_of(doubted)
    approved = approve_interview(doubted.sessions, _held(doubted).id, chair="Marieke Jansen", actor="v")
    with pytest.raises(UserError, match="wijzigt de score op P2: noem het antwoord"):
        set_consensus_score(doubted.sessions, round_id, NUMBERS[0], "P2", Decimal(2), LONG, actor="v")
    entry = set_consensus_score(doubted.sessions, round_id, NUMBERS[0], "P2", Decimal(2), LONG, actor="v",
                                interview_point_id=_point(approved, "P2"))  # fmt: skip
    assert entry.value == 2 and entry.rests_on is not None and entry.rests_on.answer.startswith("Het eigen netwerk")
    p2 = next(c for c in consensus_sheet(doubted.sessions, round_id, NUMBERS[0]).criteria if c.code == "P2")
    assert p2.consensus is not None and p2.consensus.rests_on == entry.rests_on
    (section,) = [s for s in gather(doubted, round_id, actor="v").registrations if s.heading.startswith(NUMBERS[0])]
    (line,) = [p for p in section.plan if p.code == "P2"]
    assert line.motivation.endswith("Rust op het antwoord in het verificatiegesprek van 05-10-2026: \u201cHet eigen "
                                    "netwerk van het gezin.\u201d")  # fmt: skip
    # Another criterion, never in the interview, changes as before.
    set_consensus_score(doubted.sessions, round_id, NUMBERS[0], "P1", Decimal(4), LONG, actor="v")


def test_nothing_rests_on_a_record_that_is_not_approved(doubted: Database) -> None:
    round_id = round_id_of(doubted)
    held = _held(doubted)
    with pytest.raises(UserError, match="verslag nog niet is goedgekeurd"):
        settle_requirement(doubted.sessions, round_id, NUMBERS[0], "G3", SettledVerdict.PASS, "Aangetoond.", actor="v")
    with pytest.raises(UserError, match="is nog niet goedgekeurd"):
        settle_requirement(doubted.sessions, round_id, NUMBERS[0], "G3", SettledVerdict.PASS, "Aangetoond.", actor="v",
                           interview_point_id=_point(held, "G3"))  # fmt: skip
    # Marking it for verification again is no verdict: it needs no answer.
    settle_requirement(doubted.sessions, round_id, NUMBERS[0], "G3", SettledVerdict.VERIFY, "Nog eens.", actor="v")


def test_averaging_again_keeps_a_score_set_after_an_interview(db: Database, tmp_path: Path) -> None:
    text, _ = read_framework_text("ijsselland-2022")
    averaging = tmp_path / "middelen.toml"
    averaging.write_text(text.replace('scoring_model = "consensus"', 'scoring_model = "averaging"'), encoding="utf-8")
    round_id = make_round(db, name="Middelen", framework=str(averaging))
    for assessor in (ANNA, BRAM):
        score_everything(db, assessor, value=4, name="Middelen", numbers=NUMBERS[:1])
    apply_averaging(db.sessions, round_id, actor="v")
    set_consensus_score(db.sessions, round_id, NUMBERS[0], "P1", Decimal(2), LONG, actor="v", source="interview")
    again = apply_averaging(db.sessions, round_id, actor="v")
    assert again.set == 0
    p1 = consensus_sheet(db.sessions, round_id, NUMBERS[0]).criteria[0]
    assert p1.consensus is not None and (p1.consensus.value, p1.consensus.source) == (2, "interview")


def test_a_consensus_sheet_cannot_change_a_score_after_the_interview(doubted: Database, tmp_path: Path) -> None:
    from beoordelaar.core.consolidation.consensus_import import ConsensusSheetRefused, import_consensus_sheet

    round_id = round_id_of(doubted)
    approve_interview(doubted.sessions, _held(doubted).id, chair="Marieke Jansen", actor="v")
    sheet = tmp_path / "consensus.csv"
    text = LONG.replace(";", ",")
    sheet.write_text(f"inschrijving;criterium;score;motivering\n{NUMBERS[0]};P2;2;{text}\n{NUMBERS[0]};P1;3;{text}\n",
                     encoding="utf-8")  # fmt: skip
    with pytest.raises(ConsensusSheetRefused) as refused:
        import_consensus_sheet(doubted.sessions, round_id, sheet, actor="v")
    (finding,) = refused.value.findings
    assert (finding.row, finding.column) == (2, "score")
    assert "wijzigt de score op P2: noem het antwoord" in finding.message and "--antwoord" in finding.message
    assert consensus_sheet(doubted.sessions, round_id, NUMBERS[0]).criteria[1].consensus.value == 3  # type: ignore[union-attr]
