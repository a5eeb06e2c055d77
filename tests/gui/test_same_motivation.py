"""An assessor who types the same motivation for two criteria is told so on the card, where the second is saved."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from beoordelaar.core.storage.database import Database
from beoordelaar.ui.scoring.criterion_scorer import SAVED, ScoreEditor
from beoordelaar.ui.scoring.scoring_page import ScoringPage
from exchange_round import BRAM, NUMBERS, export_for, open_on
from helpers import WindowOpener, keyboard_back, phase_page

SAME = "De aanpak is concreet en sluit aan bij de regionale doelen; de rol van de gemeente is duidelijk."


def test_the_second_card_with_the_same_motivation_says_where_the_first_is(
    chair: Database, laptop: Database, open_window: WindowOpener, qtbot: QtBot, tmp_path: Path
) -> None:
    open_on(laptop, export_for(chair, BRAM, tmp_path / "bram.bwp"), BRAM)
    window = open_window(laptop, BRAM)
    page = phase_page(window, "Beoordelen", ScoringPage)
    page.work.open_registration(NUMBERS[0])
    keyboard_back(window, qtbot)
    first, second = [e for e in page.work.screen.editors if isinstance(e, ScoreEditor)][:2]
    for editor in (first, second):
        editor.picker.setFocus()
        qtbot.keyClick(editor.picker, "3")
        qtbot.keyClicks(editor.motivation, SAME)
        editor.save_now()
    assert first.status.text() == SAVED
    assert second.status.text() == f"{SAVED} – let op: dezelfde motivering staat ook bij {NUMBERS[0]} {first.code}"
