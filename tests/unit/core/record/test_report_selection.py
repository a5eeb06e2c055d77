"""The proces-verbaal of a selection: the announced maximum and tie-break, every draw, the outcome per lot."""

from __future__ import annotations

from pathlib import Path

from beoordelaar.core.decisions.decisions import propose_decisions
from beoordelaar.core.decisions.lot_draws import draw_lots
from beoordelaar.core.record.assessment_report import write_report
from beoordelaar.core.storage.database import Database
from letters_round import ADVANTAGES, make_selection, make_tender, pdf_text, set_scores
from templates import DemoRound


def test_the_report_shows_the_selection_rule_and_the_draw(db: Database, demo_round: DemoRound, tmp_path: Path) -> None:
    round_id = demo_round(db)
    make_selection(db, round_id, maximum=1, tie_break='["P2", "loting"]')
    for number in ("DEMO-2026-0001", "DEMO-2026-0002"):
        set_scores(db, number, {"P1": 4, "P2": 4, "P3": 4, "P4": 4})
    draw_lots(db.sessions, round_id, "4", drawn_by="mr. A. Notaris", witnesses="Erik Bosch",
              order=["DEMO-2026-0002", "DEMO-2026-0001"], actor="Marieke Jansen")  # fmt: skip
    propose_decisions(db.sessions, round_id, actor="test")
    report = write_report(db, round_id, tmp_path / "pv.pdf", actor="Marieke Jansen")
    text = " ".join(pdf_text(report).split())
    assert "Selectie en loting" in text
    assert "relatieve voordelen" not in text  # a selection does not award
    assert (
        "Per perceel gaan ten hoogste 1 geldige gegadigde door, op volgorde van de gewogen totaalscore. Bij gelijke "
        "totaalscore beslist de hoogste score op P2 en daarna loting." in text
    )
    assert "mr. A. Notaris (handmatig)" in text and "Erik Bosch" in text
    assert "DEMO-2026-0002, DEMO-2026-0001; door: DEMO-2026-0002" in text
    assert (
        "Perceel 4: niet geselecteerd: plaats 2 van 2, bij gelijke totaalscore bepaald door loting, en het maximum is 1"
        in text
    )


def test_the_report_of_a_round_without_selection_has_no_selection_section(
    db: Database, demo_round: DemoRound, tmp_path: Path
) -> None:
    report = write_report(db, demo_round(db), tmp_path / "pv.pdf", actor="Marieke Jansen")
    assert "Selectie en loting" not in pdf_text(report)
    assert "relatieve voordelen" not in pdf_text(report)  # Open House admits without a competition


def test_the_report_of_a_tender_quotes_the_commissions_summary_of_relative_advantages(
    db: Database, demo_round: DemoRound, tmp_path: Path
) -> None:
    round_id = demo_round(db)
    make_tender(db, round_id)  # with the commission's summary for every lot that has a chosen bid
    text = " ".join(pdf_text(write_report(db, round_id, tmp_path / "pv.pdf", actor="Marieke Jansen")).split())
    assert "Kenmerken en relatieve voordelen van de gekozen inschrijvingen" in text
    assert " ".join(ADVANTAGES.split()) in text and "versie 1, test" in text
