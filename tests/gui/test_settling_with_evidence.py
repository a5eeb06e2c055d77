"""The requirements panel as the chair settles with a verified value and its source, and, after an interview, with
the answer the change rests on; the consensus meeting likewise for a score."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from beoordelaar.core.consolidation.consensus import consensus_sheet
from beoordelaar.core.consolidation.settlement import requirement_sheet
from beoordelaar.core.rounds.procedure import SettledVerdict
from beoordelaar.core.storage.database import Database
from beoordelaar.core.verification.interview_rules import PointOutcome
from beoordelaar.core.verification.verification import PointInput, approve_interview, plan_interview, record_interview
from beoordelaar.ui.consolidation.requirements_panel import RequirementsPanel
from exchange_round import NUMBERS, make_doubted_round, round_id_of
from helpers import WindowOpener, consolidation_view, focused, open_meeting
from templates import DatabaseTemplates, DemoCopies

ACTOR = "Marieke Jansen"
SOURCE = "Jaarrekening 2025, p. 12"
WHEN = datetime(2026, 10, 5, 14, 0)
LONG = "Na het gesprek: het netwerk van het gezin blijkt niet in de aanpak te zitten; de commissie stelt de score bij."


def _requirements(qtbot: QtBot, open_window: WindowOpener, number: str, code: str) -> RequirementsPanel:
    view = consolidation_view(open_window(actor=ACTOR), qtbot)
    view.go_to(number, "P1")
    view.view.setFocus()
    qtbot.keyClick(view.view, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    panel = view.requirements
    position = next(i for i in range(panel.model.rowCount()) if panel.model.row_at(i).code == code)
    panel.view.selectRow(position)
    return panel


def _choose(qtbot: QtBot, panel: RequirementsPanel, key: Qt.Key, verdict: SettledVerdict) -> None:
    qtbot.keyClick(panel.view, key, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: panel.verdicts.checkedButton() is not None
                    and panel.verdicts.checkedButton().property("verdict") == verdict.value)  # fmt: skip


def test_settling_with_the_verified_value_and_its_source(
    db: Database, cached_demo: DemoCopies, qtbot: QtBot, open_window: WindowOpener
) -> None:
    round_id = cached_demo(db, providers=6, actor="t").id
    panel = _requirements(qtbot, open_window, "DEMO-2026-0006", "G6")
    assert not panel.answer.isVisible()  # no interview on G6
    _choose(qtbot, panel, Qt.Key.Key_A, SettledVerdict.PASS)
    qtbot.keyClick(panel.view, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert focused() is panel.verified
    qtbot.keyClicks(panel.verified, "0,99")
    qtbot.keyClick(panel.verified, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert focused() is panel.verified_source
    qtbot.keyClicks(panel.verified_source, SOURCE)
    panel.settle_button.click()
    assert "0,99 op G6 voldoet niet aan de eis (meer dan 1,00, exact" in panel.message.text()
    panel.verified.setText("1,04")
    qtbot.keyClick(panel.view, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(panel.motivation, Qt.Key.Key_Return)
    assert panel.message.text() == "G6 vastgesteld: Akkoord."
    row = next(r for r in requirement_sheet(db.sessions, round_id, "DEMO-2026-0006") if r.code == "G6")
    assert row.settled is not None and (row.settled.verified, row.settled.verified_source) == ("1,04", SOURCE)
    # What the panel shows of it: the declared value beside the verified one, and the source in the detail.
    position = next(i for i in range(panel.model.rowCount()) if panel.model.row_at(i).code == "G6")
    assert panel.model.index(position, 2).data() == "0,96 → 1,04"
    panel.view.selectRow(position)
    assert f"Geverifieerd door de commissie: <b>1,04 (bron: {SOURCE})</b>" in panel.detail.text()


def test_a_changed_verdict_after_the_interview_takes_the_answer_it_rests_on(
    db: Database, cached_demo: DemoCopies, qtbot: QtBot, open_window: WindowOpener
) -> None:
    round_id = cached_demo(db, providers=6, actor="t").id
    panel = _requirements(qtbot, open_window, "DEMO-2026-0002", "G3")  # settled akkoord after the demo's interview
    assert panel.answer.isVisible() and panel.answer.combo.count() == 2
    assert panel.answer.combo.itemText(1).startswith("Verificatiegesprek van ")
    assert "Rust op het antwoord in het verificatiegesprek van" in panel.detail.text()  # the demo links its answer
    _choose(qtbot, panel, Qt.Key.Key_N, SettledVerdict.FAIL)
    panel.answer.combo.setCurrentIndex(0)
    panel.motivation.setText("Het antwoord dekt de ondersteunende medewerkers niet.")
    panel.settle_button.click()
    assert "noem het antwoord uit het gesprek waarop de wijziging rust" in panel.message.text()
    qtbot.keyClick(panel.view, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    assert focused() is panel.answer.combo
    qtbot.keyClick(panel.answer.combo, Qt.Key.Key_Down)
    panel.settle_button.click()
    assert panel.message.text() == "G3 vastgesteld: Niet akkoord."
    row = next(r for r in requirement_sheet(db.sessions, round_id, "DEMO-2026-0002") if r.code == "G3")
    assert row.settled is not None and row.settled.rests_on is not None
    assert row.settled.rests_on.answer.startswith("Alle jeugdhulp wordt uitgevoerd door geregistreerde")


def test_a_changed_score_after_the_interview_takes_the_answer_in_the_meeting(
    db: Database, templates: DatabaseTemplates, qtbot: QtBot, open_window: WindowOpener
) -> None:
    templates.load(db, templates.built(make_doubted_round))
    round_id = round_id_of(db)
    planned = plan_interview(db.sessions, round_id, NUMBERS[0], planned_at=WHEN, location="Zwolle", actor=ACTOR)
    points = [
        PointInput(p.code, p.reason, "Wat bedoelt u?", f"Toelichting op {p.code}.", True,
                   outcome=PointOutcome.MEETS if p.code == "G3" else PointOutcome.CONFIRMED,
                   motivation="Verduidelijkt.")
        for p in planned.points
    ]  # fmt: skip
    record_interview(db.sessions, planned.id, held_at=WHEN, points=points, actor=ACTOR)
    approve_interview(db.sessions, planned.id, chair=ACTOR, actor=ACTOR)
    window = open_window(actor=ACTOR)
    meeting = open_meeting(consolidation_view(window, qtbot), qtbot)
    meeting.show_registration(NUMBERS[0])
    codes = [c.code for c in consensus_sheet(db.sessions, round_id, NUMBERS[0]).criteria]
    meeting.tabs.setCurrentIndex(codes.index("P2"))
    editor = meeting.editor
    assert editor.answer.isVisible() and editor.answer.combo.itemText(1).endswith("\u201cToelichting op P2.\u201d")
    editor.choose(Decimal(2))
    editor.motivation.setPlainText(LONG)
    assert not editor.save()
    assert "wijzigt de score op P2: noem het antwoord" in editor.error.text()
    editor.answer.combo.setCurrentIndex(1)
    assert editor.save()
    p2 = next(c for c in consensus_sheet(db.sessions, round_id, NUMBERS[0]).criteria if c.code == "P2")
    assert p2.consensus is not None and p2.consensus.value == 2 and p2.consensus.rests_on is not None
    meeting.tabs.setCurrentIndex(codes.index("P2"))
    assert "Rust op het antwoord in het verificatiegesprek van 05-10-2026" in editor.current.text()
