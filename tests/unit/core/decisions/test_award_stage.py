"""The award stage after a selection: a new round that only the selected may enter, each for its own lots."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from beoordelaar.core.decisions.award_stage import start_award_stage
from beoordelaar.core.decisions.decisions import confirm_all, propose_decisions
from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.importing import apply_import, load_export
from beoordelaar.core.rounds.framework_files import read_framework_text
from beoordelaar.core.rounds.procedure import Procedure
from beoordelaar.core.rounds.rounds import create_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from import_samples import row, write_csv
from letters_round import make_selection
from templates import DemoRound

SELECTED = {"DEMO-2026-0002": "4", "DEMO-2026-0004": "2", "DEMO-2026-0008": "1"}  # maximum 1 per lot


def _kvk(db: Database, number: str) -> str:
    with db.sessions() as session:
        registration = session.execute(select(m.Registration).where(m.Registration.number == number)).scalar_one()
        return registration.provider.kvk


def _selected_round(db: Database, demo_round: DemoRound) -> int:
    round_id = demo_round(db)
    make_selection(db, round_id, maximum=1)
    propose_decisions(db.sessions, round_id, actor="test")
    confirm_all(db.sessions, round_id, actor="test")
    return round_id


def test_the_award_stage_invites_the_selected_per_lot(db: Database, demo_round: DemoRound, tmp_path: Path) -> None:
    selection = _selected_round(db, demo_round)
    stage = start_award_stage(db.sessions, selection, name="Gunning", framework="ijsselland-2022", actor="voorzitter")
    invited = {i.kvk: i.lots for i in stage.invited}
    assert invited == {_kvk(db, number): (lot,) for number, lot in SELECTED.items()}
    with db.sessions() as session:
        award = session.get(m.Round, stage.round_id)
        assert award.selection_round_id == selection and award.procedure == Procedure.TENDER.value
        event = session.execute(select(m.AuditEvent).where(m.AuditEvent.action == "award-stage-started")).scalar_one()
        assert event.actor == "voorzitter" and len(event.after["invited"]) == 3

    def attempt(kvk: str, lots: str) -> object:
        path = write_csv(tmp_path / f"{kvk}.csv", [row(1, KvK_nummer=kvk, Percelen=lots)])
        return apply_import(db, stage.round_id, load_export(db.sessions, stage.round_id, path), actor="t")

    outsider = attempt(_kvk(db, "DEMO-2026-0001"), "Perceel 4: Jeugd-ggz")  # valid, but not selected
    assert outsider.refused and not outsider.applied
    (error,) = outsider.errors
    assert error.row == 2 and error.column == "KvK-nummer"
    assert "niet geselecteerd" in error.message and "gunningsfase" in error.message
    other_lot = attempt(_kvk(db, "DEMO-2026-0002"), "Perceel 1: Ambulante jeugdhulp")
    assert other_lot.refused and "niet geselecteerd voor perceel 1" in other_lot.errors[0].message
    welcome = attempt(_kvk(db, "DEMO-2026-0002"), "Perceel 4: Jeugd-ggz")
    assert welcome.applied and not welcome.errors


def test_the_award_stage_waits_for_every_selection_decision(db: Database, demo_round: DemoRound) -> None:
    round_id = demo_round(db)
    make_selection(db, round_id, maximum=1)
    propose_decisions(db.sessions, round_id, actor="test")
    with pytest.raises(UserError, match="pas als elk besluit van de selectie"):
        start_award_stage(db.sessions, round_id, name="Gunning", framework="ijsselland-2022", actor="t")
    confirm_all(db.sessions, round_id, actor="test")
    with pytest.raises(UserError, match="is zelf een selectie"):
        start_award_stage(db.sessions, round_id, name="Gunning", framework="noordoost-brabant-selectie", actor="t")


def test_only_a_selection_round_has_an_award_stage(db: Database, demo_round: DemoRound) -> None:
    round_id = demo_round(db)
    with pytest.raises(UserError, match="is geen selectie"):
        start_award_stage(db.sessions, round_id, name="Gunning", framework="ijsselland-2022", actor="t")


def test_an_open_house_round_cannot_select(db: Database, tmp_path: Path) -> None:
    text, _source = read_framework_text("ijsselland-2022")
    framework = tmp_path / "selectie.toml"
    framework.write_text(text + '\n[selection]\nmaximum = 3\ntie_break = ["loting"]\n', encoding="utf-8")
    with pytest.raises(UserError, match="selecteert niet"):
        create_round(db.sessions, name="R", framework=str(framework), procedure=Procedure.OPEN_HOUSE, actor="t")
    made = create_round(db.sessions, name="R", framework=str(framework), procedure=Procedure.TENDER, actor="t")
    assert made.procedure is Procedure.TENDER
