"""What the Beoordelen screens read: the commission's progress, whose laptop it is, the scoring context."""

from __future__ import annotations

from pathlib import Path

from beoordelaar.core.exchange.commission_work import commission_progress, laptop_assessor, scoring_context
from beoordelaar.core.scoring.scoring import hand_in
from beoordelaar.core.storage.database import Database, open_database
from exchange_round import ANNA, BRAM, CHAIR, CHANTAL, NUMBERS, export_for, open_on, round_id_of, score_everything
from templates import MadeRound


def test_commission_progress_counts_work_without_showing_it(
    db: Database, made_round: MadeRound, tmp_path: Path
) -> None:
    made_round(db)
    score_everything(db, BRAM, 3)
    round_id = round_id_of(db)
    hand_in(db.sessions, round_id, BRAM, actor=BRAM)
    score_everything(db, ANNA, 4, numbers=[NUMBERS[0]])
    export_for(db, ANNA, tmp_path / "anna.zip", actor="test")
    rows = {r.name: r for r in commission_progress(db.sessions, round_id)}
    assert list(rows) == [CHAIR, ANNA, BRAM, CHANTAL]
    assert (rows[ANNA].done, rows[ANNA].total, rows[ANNA].package_revision) == (14, 42, 1)
    assert rows[BRAM].handed_in and rows[BRAM].progress_text == "15 van 15 gedaan"
    assert rows[CHANTAL].conflicts == (f"{NUMBERS[2]} Stichting Aanbieder 3",)
    assert rows[CHAIR].progress_text == "niets toegewezen" and not rows[CHAIR].handed_in
    assert laptop_assessor(db.sessions, round_id) is None


def test_laptop_and_context(db: Database, made_round: MadeRound, tmp_path: Path) -> None:
    made_round(db, anonymised=True)
    package = export_for(db, BRAM, tmp_path / "bram.zip", actor="test")
    laptop = open_database(tmp_path / "laptop.sqlite")
    try:
        open_on(laptop, package, BRAM)
        assert laptop_assessor(laptop.sessions, round_id_of(laptop)) == BRAM
        context = scoring_context(laptop.sessions, round_id_of(laptop))
        assert context.laptop_assessor == BRAM and context.anonymised
        assert context.motivation_min_length == 40
        assert context.criteria["P1"].description.startswith("De aanbieder beschrijft")
        assert [r.conflicts for r in commission_progress(laptop.sessions, round_id_of(laptop))] == [()]
    finally:
        laptop.close()
