"""The chair settles a declared exclusion ground on the Eisen tab: which ground, on what evidence, and the
self-cleaning with the commission's judgement; a document asked only of the intended contractor has no ground."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from beoordelaar.core.consolidation.exclusion_grounds import ExclusionFinding
from beoordelaar.core.consolidation.settlement import requirement_sheet
from beoordelaar.core.rounds.procedure import SettledVerdict
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database
from exchange_round import NUMBERS, make_scored_round, round_id_of
from helpers import WindowOpener, consolidation_view, focused
from templates import DatabaseTemplates

ACTOR = "Marieke Jansen"


@pytest.fixture
def declared(db: Database, templates: DatabaseTemplates) -> Database:
    templates.load(db, templates.built(make_scored_round))
    with unit_of_work(db.sessions, "test") as session:
        criteria = {c.code: c for c in find_round(session, round_id_of(db)).framework.criteria}
        registration = session.query(m.Registration).filter_by(number=NUMBERS[0]).one()
        registration.answers = [m.DeclaredAnswer(criterion=criteria["U1"], value="Ja")]
    return db


def test_the_chair_names_the_ground_its_evidence_and_the_self_cleaning(
    tmp_path: Path, declared: Database, qtbot: QtBot, open_window: WindowOpener
) -> None:
    window = open_window(actor=ACTOR)
    window.resize(1366, 768)
    view = consolidation_view(window, qtbot)
    view.go_to(NUMBERS[0], "P1")
    view.view.setFocus()
    qtbot.keyClick(view.view, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    panel = view.requirements
    panel.view.selectRow(0)
    row = panel.current_row()
    assert row is not None and row.code == "U1"
    form = panel.finding_form
    assert form.isVisible() and "Uitsluitingsgrond gemeld: beoordelen" in panel.detail.text()
    assert [form.ground.itemText(i) for i in range(1, 4)] == [
        "Deelneming aan een criminele organisatie", "Omkoping", "Fraude"
    ]  # fmt: skip

    # Niet akkoord without a ground is refused, with the list to choose from; nothing is stored.
    qtbot.keyClick(panel.view, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: panel.verdicts.checkedButton() is not None
                    and panel.verdicts.checkedButton().property("verdict") == SettledVerdict.FAIL.value)  # fmt: skip
    panel.motivation.setText("Veroordeeld in 2024.")
    panel.settle_button.click()
    assert "Noem bij U1 de grond die van toepassing is" in panel.message.text()
    qtbot.keyClick(panel.view, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    assert focused() is form.ground
    form.ground.setCurrentText("Fraude")
    qtbot.keyClick(form.ground, Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)
    assert focused() is form.evidence
    qtbot.keyClicks(form.evidence, "Vonnis van 3 maart 2024")
    qtbot.keyClick(form.evidence, Qt.Key.Key_Tab)
    assert focused() is form.self_cleaning
    qtbot.keyClicks(form.self_cleaning, "Een gedragscode")
    qtbot.keyClick(form.self_cleaning, Qt.Key.Key_Tab)
    assert focused() is form.judgement
    form.judgement.setCurrentIndex(2)  # niet toereikend
    QApplication.processEvents()  # the layout after the refusal's message, as the user sees it
    window.grab().save(str(tmp_path / "exclusion-settlement.png"))
    panel.settle_button.click()
    settled = next(r for r in requirement_sheet(declared.sessions, round_id_of(declared), NUMBERS[0]) if r.code == "U1")
    assert settled.settled is not None and settled.settled.verdict is SettledVerdict.FAIL
    assert settled.settled.finding == ExclusionFinding("Fraude", "Vonnis van 3 maart 2024", "Een gedragscode", False)
    panel.view.selectRow(0)
    assert "Van toepassing: Fraude. Bewijs: Vonnis van 3 maart 2024." in panel.detail.text()
    assert form.ground.currentText() == "Fraude" and form.judgement.currentIndex() == 2

    # The Gedragsverklaring Aanbesteden is a document of the intended contractor: no ground to name.
    panel.view.selectRow(1)
    row = panel.current_row()
    assert row is not None and row.code == "U2" and not form.isVisible()
    assert "Alleen van de beoogde opdrachtnemer" in panel.detail.text()
    panel.view.selectRow(3)
    assert not form.isVisible()  # a requirement has no ground either
