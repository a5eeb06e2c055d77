"""The scoring screen by keyboard only, as an assessor works through a registration: "1 – Akkoord" goes on to the
next card, niet akkoord and twijfel to the note, a digit of a score to its motivation, Tab past the last card to the
next registration with work left (never to the toolbar), F8 to the next card still to do, and the cards plan first
when the assessor chooses so (remembered on this computer). The key presses of one whole registration are counted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from beoordelaar.core.rounds.api import CheckVerdict, Part
from beoordelaar.core.scoring.scoring import work_items
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.main_window import MainWindow
from beoordelaar.ui.scoring.criterion_scorer import CheckEditor, ScoreEditor
from beoordelaar.ui.scoring.scoring_page import ScoringPage
from beoordelaar.ui.scoring.scoring_screen import ALL_DONE, ScoringScreen
from exchange_round import ANNA, NUMBERS, PASSPHRASE, export_for, open_on, round_id_of, score_everything
from helpers import SecretAnswers, WindowOpener, focused, keyboard_back, phase_page, press


class Keyboard:
    """Keys to the focused widget, counted: presses (Tab, digits, shortcuts) apart from the characters typed."""

    def __init__(self, qtbot: QtBot) -> None:
        self._qtbot = qtbot
        self.presses = 0
        self.characters = 0

    def press(self, key: Qt.Key | str, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.presses += 1
        press(self._qtbot, key, modifier)

    def type(self, text: str) -> None:
        self.characters += len(text)
        self._qtbot.keyClicks(focused(), text)


def anna_s_screen(chair: Database, laptop: Database, open_window: WindowOpener, tmp_path: Path) -> ScoringScreen:
    """Anna's laptop (she checks and scores), the scoring screen on the first registration."""
    open_on(laptop, export_for(chair, ANNA, tmp_path / "anna.bwp"), ANNA)
    window: MainWindow = open_window(laptop, ANNA)
    window.resize(1366, 768)
    page = phase_page(window, "Beoordelen", ScoringPage)
    page.work.open_registration(NUMBERS[0])
    return page.work.screen


def note(code: str) -> str:
    return f"Bij {code}: het plan noemt concrete stappen, resultaten en een netwerk in de regio."


def test_one_registration_scored_entirely_by_keyboard_in_under_twenty_presses(
    chair: Database, laptop: Database, open_window: WindowOpener, qtbot: QtBot, tmp_path: Path
) -> None:
    screen = anna_s_screen(chair, laptop, open_window, tmp_path)
    editors = list(screen.editors)
    checks = [e for e in editors if isinstance(e, CheckEditor)]
    plans = [e for e in editors if isinstance(e, ScoreEditor)]
    assert checks and plans and editors == checks + plans  # checks first unless the assessor chooses otherwise
    qtbot.waitUntil(editors[0].picker.hasFocus)
    keys = Keyboard(qtbot)
    for check in checks:
        assert check.picker.hasFocus(), check.code
        keys.press("1")  # akkoord: no note needed, on to the next card
    for plan in plans:
        assert plan.picker.hasFocus(), plan.code
        keys.press("4")
        assert plan.motivation.hasFocus()
        keys.type(note(plan.code))
        keys.press(Qt.Key.Key_Tab)
    # Tab past the last card: the next registration with work left, on its first card; not the toolbar.
    qtbot.waitUntil(lambda: screen.registration is not None and screen.registration.ref == NUMBERS[1])
    assert screen.editors[0].picker.hasFocus()
    done = work_items(laptop.sessions, round_id_of(laptop), ANNA, NUMBERS[0])
    assert all(i.verdict is CheckVerdict.PASS for i in done if i.part is not Part.PLAN)
    assert all(i.value == 4 and i.motivation == note(i.code) for i in done if i.part is Part.PLAN)
    print(f"\nKEY PRESSES {NUMBERS[0]}: {keys.presses} presses + {keys.characters} characters "
          f"({len(checks)} checks, {len(plans)} plan criteria)")  # fmt: skip
    assert keys.presses == len(checks) + 2 * len(plans) < 20


def test_niet_akkoord_and_twijfel_go_to_the_note_and_f8_to_the_next_card_still_open(
    chair: Database, laptop: Database, open_window: WindowOpener, qtbot: QtBot, tmp_path: Path
) -> None:
    screen = anna_s_screen(chair, laptop, open_window, tmp_path)
    first, second = screen.editors[:2]
    assert isinstance(first, CheckEditor) and isinstance(second, CheckEditor)
    qtbot.waitUntil(first.picker.hasFocus)
    press(qtbot, "2")  # niet akkoord: a note is needed
    assert first.note.hasFocus() and first.verdict() is CheckVerdict.FAIL
    qtbot.keyClicks(first.note, "Het certificaat is verlopen.")
    press(qtbot, Qt.Key.Key_Tab)
    assert second.picker.hasFocus()
    press(qtbot, "t")  # twijfel by its letter
    assert second.note.hasFocus() and second.verdict() is CheckVerdict.DOUBT
    press(qtbot, Qt.Key.Key_Escape)  # to the worklist: the doubt without a note is kept as a draft, not done
    assert not screen.isVisible()

    # Back on the first registration: the focus lands on the first card still to do, F8 goes to the next one.
    page = screen.window().findChild(ScoringPage)
    assert page is not None
    page.work.open_registration(NUMBERS[0])
    assert screen.editors[1].picker.hasFocus()
    press(qtbot, Qt.Key.Key_F8)
    assert screen.editors[2].picker.hasFocus()
    for editor in screen.editors[2:]:  # the rest of this registration done; F8 then goes to the next registration
        editor.picker.setFocus()
        press(qtbot, "1" if isinstance(editor, CheckEditor) else "3")
        if isinstance(editor, ScoreEditor):
            qtbot.keyClicks(editor.motivation, note(editor.code))
    screen.editors[1].picker.setFocus()
    press(qtbot, "1")
    assert screen.editors[2].picker.hasFocus()
    press(qtbot, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: screen.registration is not None and screen.registration.ref == NUMBERS[1])
    assert screen.editors[0].picker.hasFocus()


def test_plan_first_is_the_assessor_s_choice_and_remembered(
    chair: Database, laptop: Database, open_window: WindowOpener, qtbot: QtBot, tmp_path: Path
) -> None:
    screen = anna_s_screen(chair, laptop, open_window, tmp_path)
    assert isinstance(screen.editors[0], CheckEditor) and not screen.plan_first_action.isChecked()
    screen.order_button.click()
    assert isinstance(screen.editors[0], ScoreEditor) and isinstance(screen.editors[-1], CheckEditor)
    assert screen.editors[0].picker.hasFocus()
    screen.window().grab().save(str(tmp_path / "plan-first.png"))
    again = ScoringScreen(laptop, ANNA)  # as after a restart
    qtbot.addWidget(again)
    again.open(round_id_of(laptop), ANNA, NUMBERS[0])
    assert again.plan_first_action.isChecked() and isinstance(again.editors[0], ScoreEditor)


def test_the_focus_lands_on_the_first_open_card_after_opening_a_package_and_after_a_restart(
    chair: Database, laptop: Database, open_window: WindowOpener, qtbot: QtBot, tmp_path: Path, secrets: SecretAnswers
) -> None:
    package = export_for(chair, ANNA, tmp_path / "anna.bwp")
    window = open_window(laptop, ANNA)
    secrets.answer({"code": package.code, "passphrase": PASSPHRASE, "repeat": PASSPHRASE})
    window.open_work_package(package.file)  # as `beoordelaar --open PAKKET` does once the window shows
    keyboard_back(window, qtbot)
    screen = phase_page(window, "Beoordelen", ScoringPage).work.screen
    assert screen.isVisible() and screen.registration is not None and screen.registration.ref == NUMBERS[0]
    qtbot.waitUntil(screen.editors[0].picker.hasFocus)
    for _ in range(3):
        press(qtbot, "1")
    window.close()

    again = open_window(laptop, ANNA)  # a restart: on where the work stopped, the fourth card of the first
    screen = phase_page(again, "Beoordelen", ScoringPage).work.screen
    assert screen.isVisible() and screen.registration is not None and screen.registration.ref == NUMBERS[0]
    qtbot.waitUntil(screen.editors[3].picker.hasFocus)
    assert focused() is screen.editors[3].picker


def test_with_everything_done_f8_says_so_and_reads_on_in_the_next_registration(
    chair: Database, laptop: Database, open_window: WindowOpener, qtbot: QtBot, tmp_path: Path
) -> None:
    open_on(laptop, export_for(chair, ANNA, tmp_path / "anna.bwp"), ANNA)
    score_everything(laptop, ANNA)
    window = open_window(laptop, ANNA)
    work = phase_page(window, "Beoordelen", ScoringPage).work
    assert work.stack.currentWidget() is work.list_page  # nothing left: the list, with Inleveren
    work.open_registration(NUMBERS[0])
    press(qtbot, Qt.Key.Key_F8)
    assert work.screen.registration is not None and work.screen.registration.ref == NUMBERS[1]
    assert work.screen.status.text() == ALL_DONE and work.screen.editors[0].picker.hasFocus()
