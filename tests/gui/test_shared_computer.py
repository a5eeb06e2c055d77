"""Beoordelen als… on the chair's computer, as its users meet it: the member proves who they are with their own PIN
(a wrong one shows nothing), then sees only their own work, with no page, menu item or shortcut of the chair's, and
no colleague's score until the chair opened the consensus discussion; the way back (and closing the window) takes the
chair's own PIN."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from beoordelaar.core.commission.api import pin_status, set_member_pin
from beoordelaar.core.consolidation.api import open_consensus
from beoordelaar.core.rounds.framework import Part
from beoordelaar.core.scoring.scoring import worklist
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.commission.pin_dialogs import NewPinDialog, PinDialog
from beoordelaar.ui.consolidation.consensus_meeting import ConsensusMeeting
from beoordelaar.ui.consolidation.consolidation_page import ConsolidationPage
from beoordelaar.ui.main_window import MainWindow
from beoordelaar.ui.scoring.criterion_scorer import SAVED, ScoreEditor
from beoordelaar.ui.scoring.scoring_page import Mode, ScoringPage
from exchange_round import ANNA, BRAM, CHAIR, NUMBERS, round_id_of, score_everything
from helpers import (
    MessageBoxes,
    WindowOpener,
    consolidation_view,
    focused,
    open_meeting,
    phase_page,
    press,
    screen_texts,
)

ANNA_PIN, CHAIR_PIN = "anna-2027", "voorzitter 1"
ALL_PHASES = ["Inschrijvingen", "Beoordelen", "Consolideren", "Verificatie", "Besluiten", "Documenten"]


def scoring_page(window: MainWindow) -> ScoringPage:
    return phase_page(window, "Beoordelen", ScoringPage)


def _pins(chair: Database, *who: tuple[str, str]) -> None:
    for name, pin in who:
        set_member_pin(chair.sessions, round_id_of(chair), name, pin, actor=CHAIR)


def _choose(window: MainWindow, monkeypatch: pytest.MonkeyPatch, name: str) -> ScoringPage:
    """Beoordelen als… on the commission page, the member chosen from the list."""
    window.show_phase(1)
    page = scoring_page(window)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (name, True))
    page.commission.score_as_button.click()
    return page


def _type(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def _dialog(qtbot: QtBot, parent: QWidget, kind: type[PinDialog] | type[NewPinDialog], name: str) -> PinDialog:
    """The PIN dialog open now (an earlier one may linger until it is deleted), once it is active."""

    def shown() -> list[PinDialog]:
        return [d for d in parent.findChildren(kind) if d.isVisible()]  # type: ignore[misc]

    qtbot.waitUntil(lambda: len(shown()) == 1)
    dialog = shown()[0]
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.name == name
    assert focused() is dialog.pin_edit and dialog.pin_edit.echoMode() is QLineEdit.EchoMode.Password
    return dialog  # type: ignore[return-value]


def _activate(window: MainWindow, qtbot: QtBot) -> None:
    """The main window active again after a dialog closed (a desktop does that itself; offscreen Qt does not), so
    that its shortcuts are live."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _chairs_pages_unreachable(window: MainWindow, qtbot: QtBot) -> None:
    _activate(window, qtbot)
    assert window.offered_phases() == ["Beoordelen"]
    for key in (Qt.Key.Key_1, Qt.Key.Key_3, Qt.Key.Key_5, Qt.Key.Key_6):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.current_phase() == "Beoordelen"
    window.show_phase(2)  # the phase list: Consolideren is not in it
    assert window.current_phase() == "Beoordelen"
    assert not phase_page(window, "Consolideren", ConsolidationPage).isVisible()
    for action in (window.new_round_action, window.import_action, window.open_package_action, *window.phase_actions):
        if action is not window.phase_actions[1]:
            assert not action.isVisible() and not action.isEnabled()
    assert window.stop_member_action.isVisible() and window.stop_member_action.isEnabled()
    assert not window.round_combo.isEnabled()


def _sign_in(window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, name: str, pin: str) -> ScoringPage:
    """Beoordelen als… name, with their PIN typed and Enter: the page once it shows their work."""
    page = _choose(window, monkeypatch, name)
    _dialog(qtbot, page.commission, PinDialog, name)
    _type(qtbot, pin)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.work)
    return page


def test_a_member_scores_with_their_own_pin_and_the_chair_comes_back_with_hers(
    tmp_path: Path, chair: Database, open_window: WindowOpener, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _pins(chair, (ANNA, ANNA_PIN), (CHAIR, CHAIR_PIN))
    score_everything(chair, BRAM, 2)
    window = open_window(chair)
    page = _choose(window, monkeypatch, ANNA)

    dialog = _dialog(qtbot, page.commission, PinDialog, ANNA)
    assert dialog.windowTitle() == f"Beoordelen als {ANNA}" and "typ uw eigen PIN" in dialog.intro.text()
    _type(qtbot, "geraden")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error_label.isVisible()
    assert "De PIN van Anna de Vries klopt niet. Nog 4 pogingen" in dialog.error_label.text()
    assert dialog.pin_edit.text() == "" and focused() is dialog.pin_edit
    assert page.stack.currentWidget() is page.commission and window.offered_phases() == ALL_PHASES  # nothing shown
    _type(qtbot, "x")
    dialog.grab().save(str(tmp_path / "pin-dialog.png"))
    dialog.pin_edit.clear()

    _type(qtbot, ANNA_PIN)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.work)
    work = page.work
    assert work.mode is Mode.SHARED and work.assessor == ANNA and page.member is not None
    assert work.title.text() == f"Beoordelen als {ANNA}" and "alleen uw eigen scores" in work.mode_label.text()
    assert window.round_info.text().startswith(f"Beoordelen als {ANNA}")
    _chairs_pages_unreachable(window, qtbot)
    window.grab().save(str(tmp_path / "member-mode-window.png"))

    # The way back takes the chair's PIN: the member's own, or Annuleren, leaves her where she is.
    work.leave_button.click()
    back = _dialog(qtbot, page, PinDialog, CHAIR)
    assert back.windowTitle() == "Stoppen met beoordelen"
    _type(qtbot, ANNA_PIN)
    press(qtbot, Qt.Key.Key_Return)
    assert back.isVisible() and "klopt niet" in back.error_label.text()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not back.isVisible())
    assert page.stack.currentWidget() is work and page.member is not None
    _chairs_pages_unreachable(window, qtbot)

    window.stop_member_action.trigger()
    back = _dialog(qtbot, page, PinDialog, CHAIR)
    _type(qtbot, CHAIR_PIN)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.commission)
    assert page.member is None and window.offered_phases() == ALL_PHASES and window.round_combo.isEnabled()
    assert not window.stop_member_action.isVisible() and window.new_round_action.isEnabled()
    _activate(window, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_phase() == "Consolideren"


def test_without_pins_the_chair_chooses_hers_first_and_the_member_chooses_one_twice(
    tmp_path: Path, chair: Database, open_window: WindowOpener, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(chair)
    page = _choose(window, monkeypatch, ANNA)
    first = _dialog(qtbot, page.commission, NewPinDialog, CHAIR)
    assert "kiest u als voorzitter" in first.intro.text()
    _type(qtbot, CHAIR_PIN)
    press(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "iets anders")
    press(qtbot, Qt.Key.Key_Return)
    assert first.isVisible() and "niet gelijk" in first.error_label.text() and focused() is first.pin_edit
    _type(qtbot, CHAIR_PIN)
    press(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, CHAIR_PIN)
    press(qtbot, Qt.Key.Key_Return)

    member = _dialog(qtbot, page.commission, NewPinDialog, ANNA)
    assert "heeft nog geen PIN" in member.intro.text()
    member.grab().save(str(tmp_path / "new-pin-dialog.png"))
    for typed in ("12345", "12345"):
        _type(qtbot, typed)
        press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Return)  # the focus is on the OK button now
    assert member.isVisible() and "te kort: kies er een van minstens 6 tekens" in member.error_label.text()
    assert page.stack.currentWidget() is page.commission
    _type(qtbot, ANNA_PIN)
    press(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, ANNA_PIN)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.work)
    assert page.work.assessor == ANNA
    round_id = round_id_of(chair)
    assert pin_status(chair.sessions, round_id, ANNA).has_pin and pin_status(chair.sessions, round_id, CHAIR).has_pin
    _chairs_pages_unreachable(window, qtbot)


def test_closing_the_window_as_a_member_takes_the_chairs_pin(
    chair: Database, open_window: WindowOpener, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _pins(chair, (ANNA, ANNA_PIN), (CHAIR, CHAIR_PIN))
    window = open_window(chair)
    page = _sign_in(window, qtbot, monkeypatch, ANNA, ANNA_PIN)

    window.quit_action.trigger()
    back = _dialog(qtbot, page, PinDialog, CHAIR)
    assert window.isVisible()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not back.isVisible())
    assert window.isVisible() and page.member is not None

    window.close()
    _dialog(qtbot, page, PinDialog, CHAIR)
    _type(qtbot, CHAIR_PIN)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_five_wrong_pins_lock_until_the_chair_clears_it_with_a_reason(
    chair: Database, open_window: WindowOpener, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, messages: MessageBoxes
) -> None:
    _pins(chair, (ANNA, ANNA_PIN), (CHAIR, CHAIR_PIN))
    window = open_window(chair)
    page = _choose(window, monkeypatch, ANNA)
    dialog = _dialog(qtbot, page.commission, PinDialog, ANNA)
    for _ in range(5):
        _type(qtbot, "000000")
        press(qtbot, Qt.Key.Key_Return)
    assert "nu geblokkeerd" in dialog.error_label.text() and page.stack.currentWidget() is page.commission
    _type(qtbot, ANNA_PIN)
    press(qtbot, Qt.Key.Key_Return)
    assert "geblokkeerd na 5 foute pogingen" in dialog.error_label.text()
    press(qtbot, Qt.Key.Key_Escape)

    page.commission.score_as_button.click()  # refused at once while it is locked
    assert "geblokkeerd" in messages["warning"][-1] and "PIN wissen…" in messages["warning"][-1]
    assert page.stack.currentWidget() is page.commission

    page.commission.select_member(ANNA)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("Vijf keer verkeerd getypt", True))
    page.commission.clear_pin_button.click()
    assert "is gewist" in page.commission.feedback.text()
    page.commission.score_as_button.click()
    _dialog(qtbot, page.commission, NewPinDialog, ANNA)


def test_the_member_sees_no_colleague_score_until_the_consensus_discussion_is_opened(
    chair: Database, open_window: WindowOpener, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _pins(chair, (ANNA, ANNA_PIN), (CHAIR, CHAIR_PIN))
    score_everything(chair, BRAM, 2)
    window = open_window(chair)
    window.show_phase(1)
    assert "Motivering van" not in screen_texts(window)  # the commission page counts, it never shows scores
    work = _sign_in(window, qtbot, monkeypatch, ANNA, ANNA_PIN).work
    assert work.progress_label.text() == "0 van 42 gedaan"
    for number in NUMBERS:
        work.open_registration(number)
        texts = screen_texts(window)
        assert f"Motivering van {BRAM}" not in texts and BRAM not in texts
        assert work.screen.findChild(QWidget, "colleague-scores") is None

    # Anna scores one criterion here; it is saved as hers, and Bram's stay out of sight.
    work.open_registration(NUMBERS[0])
    editor = next(e for e in work.screen.editors if e.item.part is Part.PLAN)
    assert isinstance(editor, ScoreEditor)
    editor.picker.setFocus()
    qtbot.keyClick(editor.picker, "5")
    qtbot.keyClicks(editor.motivation, "Anna on the shared computer: strong, concrete and measurable plan.")
    qtbot.waitUntil(lambda: editor.status.text() == SAVED)
    round_id = round_id_of(chair)
    assert worklist(chair.sessions, round_id, ANNA).done == 1

    open_consensus(chair.sessions, round_id, NUMBERS[0], actor=CHAIR)
    work.open_registration(NUMBERS[1])
    assert f"Motivering van {BRAM}" not in screen_texts(window)  # not opened for this registration
    work.open_registration(NUMBERS[0])
    box = work.screen.findChild(QWidget, "colleague-scores")
    assert box is not None and box.isVisible()
    assert f"Motivering van {BRAM} bij {NUMBERS[0]} {editor.code}" in screen_texts(box)


def test_a_round_without_a_chair_has_no_beoordelen_als(
    chair: Database, open_window: WindowOpener, monkeypatch: pytest.MonkeyPatch, messages: MessageBoxes
) -> None:
    with chair.sessions.begin() as session:  # as in a round whose chair was never added
        session.execute(update(m.Assessor).where(m.Assessor.name == CHAIR).values(role="assessor"))
    window = open_window(chair)
    page = _choose(window, monkeypatch, ANNA)
    assert "vraagt een voorzitter in de commissie" in messages["warning"][-1]
    assert page.stack.currentWidget() is page.commission and page.findChild(PinDialog) is None


def test_after_a_crash_in_member_mode_the_app_comes_back_locked(
    tmp_path: Path, chair: Database, open_window: WindowOpener, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _pins(chair, (ANNA, ANNA_PIN), (CHAIR, CHAIR_PIN))
    window = open_window(chair)
    _sign_in(window, qtbot, monkeypatch, ANNA, ANNA_PIN)
    shiboken6.delete(window)  # the process killed: no closeEvent, no way back asked

    again = open_window(chair)
    page = scoring_page(again)
    assert page.stack.currentWidget() is page.locked and again.current_phase() == "Beoordelen"
    assert f"Beoordelen als {ANNA}" in page.locked.text_label.text() and "0 van" not in screen_texts(again)
    _chairs_pages_unreachable(again, qtbot)
    again.grab().save(str(tmp_path / "member-mode-resumed.png"))

    assert focused() is page.resume_button
    press(qtbot, Qt.Key.Key_Space)
    _dialog(qtbot, page, PinDialog, ANNA)
    _type(qtbot, ANNA_PIN)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.work)
    assert page.work.assessor == ANNA
    _chairs_pages_unreachable(again, qtbot)

    again.stop_member_action.trigger()
    _dialog(qtbot, page, PinDialog, CHAIR)
    _type(qtbot, CHAIR_PIN)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.commission)
    shiboken6.delete(again)
    third = open_window(chair)
    assert third.offered_phases() == ALL_PHASES  # the way back was taken: a start shows the chair's pages


def test_the_meeting_window_on_the_projector_closes_when_a_member_signs_in(
    chair: Database, open_window: WindowOpener, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _pins(chair, (ANNA, ANNA_PIN), (CHAIR, CHAIR_PIN))
    score_everything(chair, BRAM, 2)
    window = open_window(chair)
    meeting = open_meeting(consolidation_view(window, qtbot), qtbot)
    assert meeting.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    _sign_in(window, qtbot, monkeypatch, ANNA, ANNA_PIN)
    assert not [w for w in window.findChildren(ConsensusMeeting) if w.isVisible()]
    _chairs_pages_unreachable(window, qtbot)
