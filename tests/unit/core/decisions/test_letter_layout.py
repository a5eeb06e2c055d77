"""The letter's layout as a reader sees it: the full legal name in the address window, wrapped and never cut, and
a score cell that keeps "(onvoldoende)" whole."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from beoordelaar.core.decisions.letter_pdf import ADDRESS_HEIGHT, ADDRESS_WIDTH, address_layout
from beoordelaar.core.decisions.letters import make_letters
from beoordelaar.core.files.fonts import BOLD, register_fonts
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database
from letters_round import pdf_text
from templates import DemoRound

LONG_NAME = "Stichting Specialistische Jeugdhulp en Gezinsbegeleiding Salland-IJsseldelta en Omstreken (in oprichting)"


def test_a_long_name_wraps_in_the_window_and_is_never_cut() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font = register_fonts()
    size, lines = address_layout((LONG_NAME, "T.a.v. Joëlle Visser", "Schoolstraat 88", "7793 BD  DALFSEN"), font)
    name_lines = [text for bold, text in lines if bold]
    assert len(name_lines) >= 2 and " ".join(name_lines) == LONG_NAME
    assert all(stringWidth(text, BOLD, size) <= ADDRESS_WIDTH for text in name_lines)
    assert len(lines) * size * 1.3 <= ADDRESS_HEIGHT and "…" not in "".join(t for _b, t in lines)
    assert address_layout(("Kort B.V.", "Straat 1"), font) == (10.0, [(True, "Kort B.V."), (False, "Straat 1")])


def test_letters_print_the_full_name_and_whole_score_labels(
    db: Database, demo_round: DemoRound, tmp_path: Path
) -> None:
    round_id = demo_round(db, providers=8)
    with unit_of_work(db.sessions, "test") as session:
        registration = session.execute(
            select(m.Registration).where(m.Registration.number == "DEMO-2026-0006")
        ).scalar_one()
        registration.name = LONG_NAME
    result = make_letters(db.sessions, db.documents, round_id, tmp_path, actor="test", today=date(2026, 10, 1))
    letter = next(x for x in result.letters if x.registration == "DEMO-2026-0006")
    text = pdf_text(letter.file)
    head = " ".join(text.split("T.a.v.")[0].split())
    assert head.endswith(LONG_NAME) and "…" not in text
    labels = " ".join(pdf_text(x.file) for x in result.letters)
    assert "(onvoldoende)" in labels and "(onvoldoende\n)" not in labels and "(onvoldoende )" not in labels
