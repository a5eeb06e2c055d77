"""Scoring by criterion ("evalueren per vraag"): the assessor chooses to go through one criterion at every
registration in turn, with the same cards, drafts and hand-in as by registration. Tab past the card goes on to the
same criterion at the next registration, then to the next criterion with work left; the assessor's own scores of the
criterion are listed beside the card; the choice is remembered on this computer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from beoordelaar.core.scoring.scoring import work_items, worklist
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.main_window import MainWindow
from beoordelaar.ui.scoring.criterion_scorer import ScoreEditor
from beoordelaar.ui.scoring.scoring_page import AssessorWork, ScoringPage
from beoordelaar.ui.scoring.scoring_screen import ALL_DONE
from exchange_round import ANNA, NUMBERS, export_for, open_on, plan_codes, round_id_of, score_everything
from helpers import FileDialogs, MessageBoxes, WindowOpener, focused, phase_page, press


def note(code: str, ref: str) -> str:
    return f"Bij {code} van {ref}: het plan noemt concrete stappen, resultaten en een netwerk in de regio."


def annas_work(chair: Database, laptop: Database, open_window: WindowOpener, tmp_path: Path) -> AssessorWork:
    open_on(laptop, export_for(chair, ANNA, tmp_path / "anna.bwp"), ANNA)
    window: MainWindow = open_window(laptop, ANNA)
    window.resize(1366, 768)
    work = phase_page(window, "Beoordelen", ScoringPage).work
    work.show_list()
    return work


def test_one_criterion_across_all_registrations_by_keyboard_then_the_next_criterion(
    chair: Database, laptop: Database, open_window: WindowOpener, qtbot: QtBot, tmp_path: Path
) -> None:
    work = annas_work(chair, laptop, open_window, tmp_path)
    codes = plan_codes(laptop)
    work.by_criterion_button.click()
    assert work.lists.currentWidget() is work.criterion_view and work.criterion_view.isVisible()
    shown = [work.criterion_proxy.index(r, 0).data() for r in range(work.criterion_proxy.rowCount())]
    assert [label.split(" ", 1)[0] for label in shown[-len(codes) :]] == codes  # the plan criteria after the checks
    assert work.criterion_proxy.index(0, 2).data() == f"0 van {len(NUMBERS)}"
    work.window().grab().save(str(tmp_path / "worklist-by-criterion.png"))
    work.criterion_view.setFocus()
    for _ in range(len(shown) - len(codes)):  # down past the checks to the first plan criterion
        press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)

    screen = work.screen
    assert screen.isVisible() and screen.criterion is not None and screen.criterion.code == codes[0]
    for position, ref in enumerate(NUMBERS, start=1):
        assert screen.registration is not None and screen.registration.ref == ref
        assert [e.code for e in screen.editors] == [codes[0]]  # only this criterion's card
        assert screen.position_label.text() == f"{codes[0]}: inschrijving {position} van {len(NUMBERS)}"
        editor = screen.editors[0]
        assert isinstance(editor, ScoreEditor) and editor.picker.hasFocus()
        press(qtbot, "4")
        qtbot.keyClicks(focused(), note(codes[0], ref))
        if position == 1:
            screen.window().grab().save(str(tmp_path / "by-criterion.png"))
        press(qtbot, Qt.Key.Key_Tab)
    # This criterion done everywhere: on to the next one, at its first registration.
    qtbot.waitUntil(lambda: screen.criterion is not None and screen.criterion.code == codes[1])
    assert screen.registration is not None and screen.registration.ref == NUMBERS[0]
    assert screen.editors[0].picker.hasFocus()
    assert screen.status.text().startswith(f"Verder met {codes[1]} ")
    for ref in NUMBERS:  # the same work as by registration: saved as scores of each registration
        item = next(i for i in work_items(laptop.sessions, round_id_of(laptop), ANNA, ref) if i.code == codes[0])
        assert (item.value, item.motivation, item.draft) == (4, note(codes[0], ref), False)


def test_own_scores_of_the_criterion_are_listed_and_a_click_goes_there(
    chair: Database, laptop: Database, open_window: WindowOpener, qtbot: QtBot, tmp_path: Path
) -> None:
    work = annas_work(chair, laptop, open_window, tmp_path)
    code = plan_codes(laptop)[0]
    work.by_criterion_button.click()
    work.open_criterion(code)
    screen = work.screen
    press(qtbot, "3")
    qtbot.keyClicks(focused(), note(code, NUMBERS[0]))
    press(qtbot, Qt.Key.Key_Tab)
    assert screen.entries_box.isVisible()
    assert screen.entries_box.title().endswith(f"(1 van {len(NUMBERS)} gedaan)")
    texts = [screen.entries_model.index(r, 1).data() for r in range(screen.entries_model.rowCount())]
    assert texts == ["3", "nog niet", "nog niet"]
    assert screen.entries_view.selectionModel().selectedRows()[0].row() == 1  # the registration shown now
    target = screen.entries_model.index(0, 0)
    screen.entries_view.activated.emit(target)
    assert screen.registration is not None and screen.registration.ref == NUMBERS[0]
    assert screen.editors[0].picker.hasFocus()


def test_a_draft_by_criterion_is_the_same_draft_by_registration_and_the_choice_is_remembered(
    chair: Database, laptop: Database, open_window: WindowOpener, qtbot: QtBot, tmp_path: Path
) -> None:
    work = annas_work(chair, laptop, open_window, tmp_path)
    code = plan_codes(laptop)[1]
    work.by_criterion_button.click()
    work.open_criterion(code, NUMBERS[1])
    press(qtbot, "2")
    qtbot.keyClicks(focused(), "Nog uitzoeken")  # too short to save: kept as a draft
    press(qtbot, Qt.Key.Key_Escape)
    assert work.stack.currentWidget() is work.list_page and focused() is work.criterion_view
    work.by_registration_button.click()
    work.open_registration(NUMBERS[1])
    card = next(e for e in work.screen.editors if e.code == code)
    assert isinstance(card, ScoreEditor) and card.value() == 2
    assert card.motivation.toPlainText() == "Nog uitzoeken" and not card.is_saved

    work.by_criterion_button.click()
    again = AssessorWork(laptop, ANNA)  # as after a restart on this computer
    qtbot.addWidget(again)
    assert again.by_criterion_button.isChecked()


def test_with_everything_done_the_list_by_criterion_says_klaar_and_hand_in_works(
    chair: Database, laptop: Database, open_window: WindowOpener, qtbot: QtBot, tmp_path: Path,
    messages: MessageBoxes, file_dialogs: FileDialogs,
) -> None:  # fmt: skip
    open_on(laptop, export_for(chair, ANNA, tmp_path / "anna.bwp"), ANNA)
    score_everything(laptop, ANNA)
    window = open_window(laptop, ANNA)
    work = phase_page(window, "Beoordelen", ScoringPage).work
    work.by_criterion_button.click()
    statuses = {work.criterion_proxy.index(r, 3).data() for r in range(work.criterion_proxy.rowCount())}
    assert statuses == {"Klaar"}
    work.open_criterion(plan_codes(laptop)[-1])
    press(qtbot, Qt.Key.Key_F8)
    assert work.screen.status.text() == ALL_DONE
    press(qtbot, Qt.Key.Key_Escape)
    file_dialogs.save_to(None)  # the return file later
    work.hand_in_button.click()
    assert messages["question"] and worklist(laptop.sessions, round_id_of(laptop), ANNA).submitted_at is not None
    assert "Het werk is ingeleverd" in work.feedback.text() and work.locked_label.isVisible()
