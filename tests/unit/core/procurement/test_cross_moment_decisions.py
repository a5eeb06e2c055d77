"""The demo's procedure with two entry moments, decided: the extra lot only, the closed product group with its
reason in the letter, the re-applicant on its own record, the register per lot and municipality, the letters of the
first entry moment naming the second."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from beoordelaar.core.decisions import letters as letters_module
from beoordelaar.core.decisions.decisions import confirm_all, list_decisions, override_decision, propose_decisions
from beoordelaar.core.decisions.document_settings import get_document_settings, save_document_settings
from beoordelaar.core.decisions.letters import make_letters
from beoordelaar.core.demo.demo_entry_moment import add_demo_entry_moment
from beoordelaar.core.errors import UserError
from beoordelaar.core.procurement.register import admitted_register, export_register
from beoordelaar.core.rounds.municipalities import close_product_group
from beoordelaar.core.rounds.procedure import Outcome
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database
from letters_round import pdf_text
from templates import DemoRound


def _settle_like(db: Database, second: int) -> None:
    """Test set-up: each registration of the second entry moment gets the settled results of an admitted
    registration of the first (a re-applicant's new registration is assessed on its own; here it passes)."""
    with unit_of_work(db.sessions, "test") as session:
        first = session.get(m.Round, second - 1)
        assert first is not None
        admitted = (
            session.execute(
                select(m.Registration)
                .join(m.Decision)
                .where(
                    m.Registration.round_id == first.id, m.Decision.status == "confirmed", m.Decision.outcome == "admit"
                )
            )
            .scalars()
            .first()
        )
        assert admitted is not None
        scores = session.execute(select(m.ConsensusScore).where(m.ConsensusScore.registration_id == admitted.id))
        verdicts = session.execute(
            select(m.RequirementVerdict).where(m.RequirementVerdict.registration_id == admitted.id)
        )
        scores, verdicts = scores.scalars().all(), verdicts.scalars().all()
        for registration in session.execute(select(m.Registration).where(m.Registration.round_id == second)).scalars():
            for s in scores:
                session.add(m.ConsensusScore(
                    registration_id=registration.id, criterion_id=s.criterion_id, revision=1, value=s.value,
                    motivation=s.motivation, source="consensus", set_by="test",
                ))  # fmt: skip
            for v in verdicts:
                session.add(m.RequirementVerdict(
                    registration_id=registration.id, criterion_id=v.criterion_id, revision=1, verdict=v.verdict,
                    motivation=v.motivation, source="test", set_by="test",
                ))  # fmt: skip


@pytest.fixture
def two_moments(db: Database, demo_round: DemoRound) -> tuple[int, int]:
    first = demo_round(db, providers=12)
    second = add_demo_entry_moment(db.sessions, first, actor="test").id
    _settle_like(db, second)
    return first, second


def test_the_second_entry_moment_decides_extra_lots_and_closed_groups(
    db: Database, two_moments: tuple[int, int]
) -> None:
    _first, second = two_moments
    propose_decisions(db.sessions, second, actor="test")
    rows = {r.number: r for r in list_decisions(db.sessions, second)}
    rejected_before, extra, ggz = rows["DEMO-2027-0001"], rows["DEMO-2027-0002"], rows["DEMO-2027-0003"]
    # The provider rejected at the first entry moment is decided on its new registration alone.
    assert rejected_before.proposed_outcome.value == "admit"
    # The admitted provider is decided for the lot it adds, and only that one.
    assert [o.lot for o in extra.lot_outcomes] == ["2"]
    assert extra.proposed_outcome.value == "admit"
    # Jeugd-ggz is closed by every municipality that takes part in it: no admission, with the reasons.
    assert ggz.proposed_outcome.value == "reject"
    [closed] = ggz.lot_outcomes
    assert closed.lot == "4" and "gesloten" in closed.text and "gemeente Zwolle: Het aanbod jeugd-ggz" in closed.text
    # The chair's override decides the same lots: the earlier admissions stay out of it.
    overridden = override_decision(
        db.sessions, second, "DEMO-2027-0002", Outcome.REJECT, "De commissie twijfelt aan de capaciteit voor verblijf.",
        actor="test",
    )  # fmt: skip
    assert [(o.lot, o.outcome) for o in overridden.lot_outcomes] == [("2", Outcome.REJECT)]


def test_the_register_and_the_letters_follow_the_entry_moments(
    db: Database, two_moments: tuple[int, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = two_moments
    # The set-up settled the second entry moment without a commission; what is open there is not this test's.
    monkeypatch.setattr(letters_module, "letter_blockers", lambda *_args: [])
    propose_decisions(db.sessions, second, actor="test")
    confirm_all(db.sessions, second, actor="test")
    with db.sessions() as session:
        procurement_id = session.get(m.Round, second).procurement_id
    register = admitted_register(db.sessions, procurement_id)
    extra = [r for r in register if r.registration == "DEMO-2027-0002"]
    assert {(r.lot, r.municipality) for r in extra} == {("2", "Deventer"), ("2", "Zwolle")}
    assert not [r for r in register if r.registration == "DEMO-2027-0003"]
    assert {r.entry_moment for r in register} == {"Demo – Jeugdhulp IJsselland 2026", extra[0].entry_moment}
    # Each admission stands once: the extra lot's provider keeps its first-moment admissions and adds lot 2.
    assert len({(r.kvk, r.lot, r.municipality) for r in register}) == len(register)
    sheet = (
        openpyxl.load_workbook(tmp_path / "r.xlsx")
        if export_register(db.sessions, procurement_id, tmp_path / "r.xlsx")
        else None
    )
    assert sheet is not None and sheet["Register"].max_row == len(register) + 1

    settings, _ = get_document_settings(db.sessions, first)
    save_document_settings(db.sessions, second, replace(settings, entry_moment=""), actor="test")
    letters = make_letters(db.sessions, db.documents, second, tmp_path / "b2", actor="test", today=date(2027, 6, 1))
    text = {x.registration: " ".join(pdf_text(x.file).split()) for x in letters.letters}
    closed = text["DEMO-2027-0003"]
    assert (
        "perceel 4 (Jeugd-ggz): niet toegelaten; de productgroep is voor dit toetredingsmoment gesloten (gemeente "
        "Zwolle: Het aanbod jeugd-ggz in Zwolle is toereikend" in closed
    )
    assert "gemeente Deventer: Deventer sluit jeugd-ggz voor dit toetredingsmoment" in closed
    assert "afrondingsafspraken" not in closed  # an admitted provider keeps its earlier admission and its clients
    assert "al toegelaten bij een eerder toetredingsmoment, niet opnieuw beoordeeld" in text["DEMO-2027-0002"]
    assert "versie 2022.1" in text["DEMO-2027-0001"]

    # Letters of the first entry moment without a configured next moment name the procedure's next one.
    save_document_settings(db.sessions, first, replace(settings, entry_moment=""), actor="test")
    made = make_letters(db.sessions, db.documents, first, tmp_path / "b1", actor="test", today=date(2026, 12, 1))
    first_text = " ".join(pdf_text(made.letters[0].file).split())
    assert (
        "Het volgende toetredingsmoment is 'Demo – Jeugdhulp IJsselland 2026 – toetreding juli 2027' (aanmelden "
        "tot en met 1 mei 2027)" in first_text
    )


def test_a_group_is_closed_only_before_the_decisions(db: Database, two_moments: tuple[int, int]) -> None:
    _first, second = two_moments
    with pytest.raises(UserError, match="neemt niet deel aan perceel 4"):
        close_product_group(db.sessions, second, "Kampen", "4", "Kampen heeft genoeg jeugd-ggz", actor="test")
    with pytest.raises(UserError, match="reden"):
        close_product_group(db.sessions, second, "Kampen", "1", "kort", actor="test")
    propose_decisions(db.sessions, second, actor="test")
    confirm_all(db.sessions, second, actor="test")
    with pytest.raises(UserError, match="al besluiten bevestigd"):
        close_product_group(db.sessions, second, "Kampen", "1", "Kampen heeft genoeg ambulante hulp", actor="test")
