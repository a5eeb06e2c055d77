"""No individual score and no commission member's name in any letter: the letters of the demo show none, and a
letter whose motivation names a member is refused before anything is made."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from beoordelaar.core.decisions.letters import LettersNotReady, make_letters
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database
from letters_round import pdf_text, registration_by_number
from templates import DemoRound

TODAY = date(2026, 10, 1)


def _members(db: Database, round_id: int) -> list[str]:
    with db.sessions() as session:
        return list(session.execute(select(m.Assessor.name).where(m.Assessor.round_id == round_id)).scalars())


def _set_motivation(db: Database, number: str, code: str, motivation: str) -> None:
    with unit_of_work(db.sessions, "test") as session:
        registration = registration_by_number(session, number)
        criterion = next(c for c in registration.round.framework.criteria if c.code == code)
        session.add(
            m.ConsensusScore(
                registration_id=registration.id, criterion_id=criterion.id, revision=9, value=Decimal(3),
                motivation=motivation, source="consensus", set_by="test",
            )
        )  # fmt: skip


def test_demo_letters_carry_no_names_and_no_individual_scores(
    db: Database, demo_round: DemoRound, tmp_path: Path
) -> None:
    round_id = demo_round(db, providers=5)
    members = _members(db, round_id)
    result = make_letters(db.sessions, db.documents, round_id, tmp_path, actor="test", today=TODAY)
    for letter in result.letters:
        body = " ".join(pdf_text(letter.file).split()).split("Met vriendelijke groet")[0]  # above the signature
        assert "ndividuele score" not in body
        assert not [name for name in members if name in body], letter.registration


def test_a_letter_naming_a_member_is_refused(db: Database, demo_round: DemoRound, tmp_path: Path) -> None:
    round_id = demo_round(db, providers=4)
    member = next(name for name in _members(db, round_id))
    shouted = member.upper().replace(" ", "  ")  # another case and spacing are still that name
    _set_motivation(db, "DEMO-2026-0002", "P1", f"Volgens {shouted} is de visie concreet en goed onderbouwd.")
    _set_motivation(db, "DEMO-2026-0003", "P2", "Individuele scores: 2, 3 en 3. Het netwerk is in beeld.")
    with pytest.raises(LettersNotReady) as refused:
        make_letters(db.sessions, db.documents, round_id, tmp_path / "out", actor="test", today=TODAY)
    blockers = refused.value.blockers
    assert [(b.kind, b.registration) for b in blockers] == [
        ("privacy", "DEMO-2026-0002"),
        ("privacy", "DEMO-2026-0003"),
    ]
    assert "de motivering bij P1" in blockers[0].text and f"noemt {member}, lid van de beoordelingscommissie" in (
        blockers[0].text
    )
    assert "noemt individuele scores" in blockers[1].text
    assert "DEMO-2026-0002" in str(refused.value)
    assert not (tmp_path / "out").exists()
    with db.sessions() as session:
        assert session.execute(select(func.count(m.Letter.id))).scalar_one() == 0


def test_a_name_inside_another_word_is_not_a_name() -> None:
    from beoordelaar.core.decisions.letter_content import LetterContent, ScoreLine, ScoresTable
    from beoordelaar.core.decisions.letter_privacy import privacy_problems

    line = ScoreLine("P1", "Visie", Decimal(3), "Voldoende", None, "", "Zie de Bosschenaren en Annabel.")
    content = LetterContent("K", "1 oktober 2026", "Besluit", (), (), "Geachte", (ScoresTable((line,)),), "Groet",
                            "Anna", "Voorzitter", "Regio", "t", "p")  # fmt: skip
    assert privacy_problems(content, ["Anna", "Erik Bosch"]) == []
    assert privacy_problems(content, ["Annabel"]) == [
        "de motivering bij P1 Visie noemt Annabel, lid van de beoordelingscommissie; namen van commissieleden horen "
        "niet in een besluitbrief."
    ]
