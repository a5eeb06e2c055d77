"""Dialogue tables: only admitted providers, up to the announced maximum, each choice with its reason, and the
invitations only once every candidate has one."""

from __future__ import annotations

from pathlib import Path

import pytest

from beoordelaar.core.errors import UserError
from beoordelaar.core.procurement.dialogue import (
    create_dialogue_table,
    dialogue_tables,
    make_dialogue_invitations,
    record_dialogue_choice,
)
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from letters_round import pdf_text
from templates import DemoRound

CRITERIA = "Op volgorde van toelating, ten hoogste één aanbieder per gemeente"


def test_a_dialogue_table_selects_by_the_announced_criteria(
    db: Database, demo_round: DemoRound, tmp_path: Path
) -> None:
    round_id = demo_round(db)
    with db.sessions() as session:
        procurement = session.get(m.Round, round_id).procurement_id
        rejected = session.query(m.Provider).join(m.Registration).join(m.Decision).filter(
            m.Registration.round_id == round_id, m.Decision.outcome == "reject"
        ).first().kvk  # fmt: skip
    with pytest.raises(UserError, match="criteria"):
        create_dialogue_table(db.sessions, procurement, title="Tafel", criteria="", maximum=2, actor="t")
    table = create_dialogue_table(
        db.sessions, procurement, title="Ambulante hulp", criteria=CRITERIA, maximum=1, lot="1",
        meeting="12 maart 2027, Zwolle", actor="t",
    )  # fmt: skip
    assert table.candidates and all("1" in c.lots for c in table.candidates)
    assert rejected not in {c.kvk for c in table.candidates}
    with pytest.raises(UserError, match="geen toegelaten aanbieder"):
        record_dialogue_choice(db.sessions, table.id, rejected, selected=True, reason="Eerst toegelaten", actor="t")
    first, *others = table.candidates
    with pytest.raises(UserError, match="waarom"):
        record_dialogue_choice(db.sessions, table.id, first.kvk, selected=True, reason="ja", actor="t")
    record_dialogue_choice(db.sessions, table.id, first.kvk, selected=True, reason="Eerst toegelaten (1)", actor="t")
    if others:
        with pytest.raises(UserError, match="het maximum is 1"):
            record_dialogue_choice(db.sessions, table.id, others[0].kvk, selected=True, reason="Tweede (1)", actor="t")
        with pytest.raises(UserError, match="nog open"):
            make_dialogue_invitations(db.sessions, table.id, tmp_path, actor="t")
        for other in others:
            record_dialogue_choice(
                db.sessions, table.id, other.kvk, selected=False, reason="Later toegelaten dan de gekozen", actor="t"
            )
    [listed] = dialogue_tables(db.sessions, procurement)
    assert [c.kvk for c in listed.selected] == [first.kvk] and not listed.undecided
    assert all(c.reason for c in listed.candidates)
    [invitation] = make_dialogue_invitations(db.sessions, table.id, tmp_path / "uitnodigingen", actor="t")
    text = " ".join(pdf_text(invitation).split())
    assert first.name in text and CRITERIA in text and "Eerst toegelaten (1)" in text and "12 maart 2027" in text
