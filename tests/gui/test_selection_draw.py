"""A tie on a selection's boundary as the chair meets it on the Besluiten page: the draw, by hand, by keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from beoordelaar.core.decisions.decisions import confirm_all, propose_decisions
from beoordelaar.core.decisions.lot_draws import list_draws
from beoordelaar.core.rounds.procedure import Outcome
from beoordelaar.core.rounds.rounds import list_rounds
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.decisions.award_stage_dialog import AwardStageDialog
from beoordelaar.ui.decisions.decisions_page import DecisionsPage
from beoordelaar.ui.decisions.draw_dialog import DrawDialog
from helpers import MessageBoxes, standalone_page
from letters_round import make_selection, set_scores
from templates import DemoRound

TIED = ("DEMO-2026-0001", "DEMO-2026-0002")


def test_the_chair_records_a_draw_held_by_hand(
    db: Database, demo_round: DemoRound, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    messages: MessageBoxes,
) -> None:  # fmt: skip
    round_id = demo_round(db)
    make_selection(db, round_id, maximum=1)
    for number in TIED:
        set_scores(db, number, {"P1": 4, "P2": 4, "P3": 4, "P4": 4})
    propose_decisions(db.sessions, round_id, actor="test")
    page = standalone_page(qtbot, DecisionsPage, db, "Marieke Jansen")
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    page.set_round(next(r for r in list_rounds(db.sessions) if r.id == round_id))
    page.select(TIED[0])
    assert "loting nodig in perceel 4: 1 plaats tussen DEMO-2026-0001 en DEMO-2026-0002" in page.reasons.toPlainText()
    assert page.draw_button.isVisible() and page.draw_button.isEnabled()
    page.grab().save(str(tmp_path / "decisions_draw.png"))
    seen: dict[str, object] = {}

    def draw_by_hand(dialog: DrawDialog) -> int:
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        seen["ok before"] = ok.isEnabled()
        qtbot.mouseClick(dialog.by_hand, Qt.MouseButton.LeftButton)
        dialog.order.setFocus()
        dialog.order.setCurrentRow(1)
        qtbot.mouseClick(dialog.up, Qt.MouseButton.LeftButton)  # DEMO-2026-0002 drawn first
        qtbot.keyClicks(dialog.drawn_by, "mr. A. Notaris")
        qtbot.keyClicks(dialog.witnesses, "Erik Bosch, Anouk de Vries")
        seen["ok after"] = ok.isEnabled()
        dialog.grab().save(str(tmp_path / "draw_dialog.png"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DrawDialog, "exec", draw_by_hand)
    qtbot.mouseClick(page.draw_button, Qt.MouseButton.LeftButton)
    assert (seen["ok before"], seen["ok after"]) == (False, True)
    (draw,) = list_draws(db.sessions, round_id)
    assert draw.order == (TIED[1], TIED[0]) and draw.drawn_by == "mr. A. Notaris"
    assert any("Door naar de volgende fase: DEMO-2026-0002" in text for text in messages["information"])
    qtbot.waitUntil(lambda: not page.draw_button.isVisible())
    page.select(TIED[0])
    assert page.selected().outcome is Outcome.REJECT  # type: ignore[union-attr]
    assert "bepaald door loting, en het maximum is 1" in page.reasons.toPlainText()


def test_the_award_stage_starts_from_the_decided_selection(
    db: Database, demo_round: DemoRound, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    messages: MessageBoxes,
) -> None:  # fmt: skip
    round_id = demo_round(db)
    make_selection(db, round_id, maximum=1)
    propose_decisions(db.sessions, round_id, actor="test")
    page = standalone_page(qtbot, DecisionsPage, db, "Marieke Jansen")
    page.show()
    qtbot.waitExposed(page)
    page.set_round(next(r for r in list_rounds(db.sessions) if r.id == round_id))
    assert page.award_stage_button.isVisible() and not page.award_stage_button.isEnabled()  # not all confirmed
    confirm_all(db.sessions, round_id, actor="test")
    page.refresh()
    assert page.award_stage_button.isEnabled()

    def start(dialog: AwardStageDialog) -> int:
        assert "gaan 3 geselecteerde gegadigden door" in dialog.findChild(QLabel).text()
        assert dialog.framework.findData("noordoost-brabant-selectie") == -1  # a selection is not an award stage
        dialog.name.clear()
        assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        qtbot.keyClicks(dialog.name, "Gunning zware jeugdhulp")
        dialog.grab().save(str(tmp_path / "award_stage_dialog.png"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AwardStageDialog, "exec", start)
    qtbot.mouseClick(page.award_stage_button, Qt.MouseButton.LeftButton)
    assert any("'Gunning zware jeugdhulp' is aangemaakt met 3 uitgenodigde" in t for t in messages["information"])
    assert [r.name for r in list_rounds(db.sessions)][-1] == "Gunning zware jeugdhulp"
