"""The commission's summary of the relative advantages of the chosen bids: required per lot before the letters of a
tender or SAS, refused when it names a member, in the history with its text, and out of date once the chosen bids
change."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from beoordelaar.core.decisions.letters import LettersNotReady, letter_blockers, make_letters
from beoordelaar.core.decisions.relative_advantages import list_relative_advantages, set_relative_advantages
from beoordelaar.core.errors import UserError
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database
from letters_round import ADVANTAGES, make_tender, pdf_text
from templates import DemoRound

TODAY = date(2026, 10, 1)


def _member(db: Database, round_id: int) -> str:
    with db.sessions() as session:
        return session.execute(select(m.Assessor.name).where(m.Assessor.round_id == round_id)).scalars().first()


def test_the_letters_wait_for_a_summary_of_every_lot_with_a_chosen_bid(db: Database, demo_round: DemoRound) -> None:
    round_id = demo_round(db, providers=4)
    make_tender(db, round_id, described=False)
    rows = {row.lot: row for row in list_relative_advantages(db.sessions, round_id)}
    assert [lot for lot, row in rows.items() if row.chosen] == ["1", "2", "3", "4"]
    missing = [b for b in letter_blockers(db.sessions, round_id) if b.kind == "advantages"]
    assert [str(b).split(":")[0] for b in missing] == [
        "Perceel 1 (Ambulante jeugdhulp)", "Perceel 2 (Jeugdhulp met verblijf)", "Perceel 3 (Dagbehandeling)",
        "Perceel 4 (Jeugd-ggz)",
    ]  # fmt: skip
    assert "nog niet beschreven (Aw 2012 art. 2.130)" in str(missing[0])

    written = set_relative_advantages(db.sessions, round_id, "1", f"  {ADVANTAGES}\n", actor="Anouk")
    assert written.revision == 1 and written.text == ADVANTAGES and written.written_by == "Anouk"
    assert written.described == written.chosen and not written.problem
    with db.sessions() as session:
        event = session.execute(
            select(m.AuditEvent).where(m.AuditEvent.action == "relative-advantages-set")
        ).scalar_one()
    assert event.actor == "Anouk" and event.after["lot"] == "1" and event.after["text"] == ADVANTAGES
    again = set_relative_advantages(db.sessions, round_id, "1", ADVANTAGES + " Ook het netwerk is beter.", actor="A")
    assert again.revision == 2
    assert len([b for b in letter_blockers(db.sessions, round_id) if b.kind == "advantages"]) == 3


@pytest.mark.parametrize(
    ("lot", "text", "refusal"),
    [
        (None, ADVANTAGES, "Kies het perceel: 1, 2, 3 en 4"),
        ("9", ADVANTAGES, "Onbekend perceel '9'"),
        ("1", "Goed plan.", "is te kort (10 tekens; minimaal 40)"),
        ("1", "Individuele scores 4, 4 en 5 op normaliseren; de visie is sterk uitgewerkt.", "individuele scores"),
    ],
)
def test_a_wrong_summary_is_refused_and_nothing_is_saved(
    db: Database, demo_round: DemoRound, lot: str | None, text: str, refusal: str
) -> None:
    round_id = demo_round(db, providers=4)
    make_tender(db, round_id, described=False)
    with pytest.raises(UserError, match=refusal.replace("(", r"\(").replace(")", r"\)")):
        set_relative_advantages(db.sessions, round_id, lot, text, actor="test")
    assert all(not row.text for row in list_relative_advantages(db.sessions, round_id))


def test_a_summary_naming_a_member_is_refused_and_a_letter_carrying_one_too(
    db: Database, demo_round: DemoRound, tmp_path: Path
) -> None:
    round_id = demo_round(db, providers=4)
    make_tender(db, round_id)
    member = _member(db, round_id)
    with pytest.raises(UserError, match=f"noemt {member}, lid van de beoordelingscommissie"):
        set_relative_advantages(db.sessions, round_id, "2", f"{ADVANTAGES} Zo zag {member} het ook.", actor="t")
    # Written before that member joined the commission (say): the letters' own check still finds it.
    with unit_of_work(db.sessions, "test") as session:
        row = session.execute(select(m.RelativeAdvantages).order_by(m.RelativeAdvantages.id)).scalars().first()
        row.text = f"{ADVANTAGES} Zo zag {member.upper()} het ook."
    with pytest.raises(LettersNotReady, match=f"noemt {member}"):
        make_letters(db.sessions, db.documents, round_id, tmp_path, actor="test", today=TODAY)


def test_open_house_has_no_relative_advantages(db: Database, demo_round: DemoRound) -> None:
    round_id = demo_round(db, providers=3)
    with pytest.raises(UserError, match="in Open House is er geen gunning"):
        set_relative_advantages(db.sessions, round_id, "1", ADVANTAGES, actor="test")
    assert not [b for b in letter_blockers(db.sessions, round_id) if b.kind == "advantages"]


def test_a_tender_without_lots_has_one_summary_for_the_whole_contract(
    db: Database, demo_round: DemoRound, tmp_path: Path
) -> None:
    round_id = demo_round(db, providers=4)
    make_tender(db, round_id, described=False)
    with unit_of_work(db.sessions, "test") as session:
        rnd = session.get(m.Round, round_id)
        assert rnd is not None
        for registration in rnd.registrations:
            registration.lots = []
        session.flush()
        rnd.lots = []
    (row,) = list_relative_advantages(db.sessions, round_id)
    assert row.lot is None and row.problem.startswith("De opdracht: de commissie heeft de kenmerken")
    with pytest.raises(UserError, match="Deze ronde heeft geen percelen"):
        set_relative_advantages(db.sessions, round_id, "1", ADVANTAGES, actor="test")
    set_relative_advantages(db.sessions, round_id, None, ADVANTAGES, actor="test")
    result = make_letters(db.sessions, db.documents, round_id, tmp_path, actor="test", today=TODAY)
    flat = " ".join(pdf_text(result.letters[-1].file).split())
    assert f"Kenmerken en relatieve voordelen van de gekozen inschrijving(en): {ADVANTAGES} De " in flat
    assert "Perceel" not in flat
