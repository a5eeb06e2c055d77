"""The main window as a user meets it: rounds, the registrations table, search, phases, a new round, remembering."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from beoordelaar.core.registrations.registrations import list_registrations
from beoordelaar.core.rounds.procedure import Procedure
from beoordelaar.core.rounds.rounds import RoundSummary, create_round, list_rounds
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.common.background import runner_for
from beoordelaar.ui.main_window import MainWindow
from beoordelaar.ui.record.record_page import RecordPage
from beoordelaar.ui.registrations.registrations_model import Column
from beoordelaar.ui.registrations.registrations_page import RegistrationsPage
from beoordelaar.ui.rounds.new_round_dialog import NewRoundDialog
from helpers import WindowOpener, phase_page
from templates import DemoCopies

ACTOR = "tester"


@pytest.fixture
def demo(db: Database, cached_demo: DemoCopies) -> RoundSummary:
    return cached_demo(db, providers=40, actor=ACTOR)


def _page(window: MainWindow) -> RegistrationsPage:
    return phase_page(window, "Inschrijvingen", RegistrationsPage)


def _cell(window: MainWindow, row: int, column: Column) -> str:
    proxy = _page(window).table.proxy
    return proxy.data(proxy.index(row, column), Qt.ItemDataRole.DisplayRole)


def test_shows_the_round_and_its_registrations(db: Database, demo: RoundSummary, open_window: WindowOpener) -> None:
    window = open_window()
    assert window.windowTitle() == f"Beoordelaar – {demo.name}"
    assert window.round_combo.currentText() == demo.name
    assert window.round_combo.count() == 1
    assert "Open House (toelating)" in window.round_info.text()
    assert demo.status.label in window.round_info.text()
    assert "40 inschrijvingen" in window.counts_label.text()

    page = _page(window)
    assert page.stack.currentWidget() is page.table
    assert page.table.view.isVisible()
    assert page.table.view.model().rowCount() == 40
    assert page.table.count_label.text() == "40 inschrijvingen"

    first = list_registrations(db.sessions, demo.id)[0]
    assert _cell(window, 0, Column.SEQUENCE) == "1"
    assert _cell(window, 0, Column.NUMBER) == first.number
    assert _cell(window, 0, Column.PROVIDER) == first.name
    assert _cell(window, 0, Column.KVK) == first.kvk
    assert re.fullmatch(r"\d{2}-\d{2}-\d{4} \d{2}:\d{2}", _cell(window, 0, Column.SUBMITTED))
    decisions = {_cell(window, row, Column.DECISION) for row in range(40)}
    assert decisions <= {"Toelaten (voorgesteld)", "Afwijzen (voorgesteld)", "Toelaten", "Afwijzen"}


def test_search_field_filters_and_counts(
    db: Database, demo: RoundSummary, open_window: WindowOpener, qtbot: QtBot
) -> None:
    window = open_window()
    table = _page(window).table
    assert table.search.placeholderText() == "Zoek op naam, KvK of nummer…"
    city = list_registrations(db.sessions, demo.id)[0].city
    expected = sum(
        city.casefold() in f"{r.name}|{r.kvk}|{r.number}|{r.city}".casefold()
        for r in list_registrations(db.sessions, demo.id)
    )
    assert 0 < expected < 40

    qtbot.keyClicks(table.search, city.upper())
    assert table.count_label.text() == f"{expected} van 40 inschrijvingen"
    assert table.proxy.rowCount() == expected

    table.search.clear()
    assert table.count_label.text() == "40 inschrijvingen"


def test_ctrl_number_switches_phase(demo: RoundSummary, open_window: WindowOpener, qtbot: QtBot) -> None:
    window = open_window()
    assert window.current_phase() == "Inschrijvingen"
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_phase() == "Consolideren"
    assert window.navigation.currentItem().text() == "Consolideren"
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_phase() == "Documenten"
    page = window.stack.currentWidget()
    assert isinstance(page, RecordPage)
    assert page.isVisible()
    assert page.report_button.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_phase() == "Inschrijvingen"


def test_every_phase_has_a_page(demo: RoundSummary, open_window: WindowOpener) -> None:
    window = open_window()
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert titles == ["Inschrijvingen", "Beoordelen", "Consolideren", "Verificatie", "Besluiten", "Documenten"]
    assert window.stack.count() == 6


def test_welcome_without_rounds_then_new_round_by_keyboard(
    db: Database, open_window: WindowOpener, qtbot: QtBot
) -> None:
    window = open_window()
    page = _page(window)
    assert window.windowTitle() == "Beoordelaar"
    assert page.stack.currentWidget() is page.welcome
    welcome = page.welcome.text_label.text()
    assert "Nieuwe ronde" in welcome
    assert "Help › Demoronde toevoegen" in welcome
    assert "<code>" not in welcome  # nothing to type in a terminal (on Windows it is not even on the PATH)
    assert not window.import_action.isEnabled()

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(NewRoundDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is dialog.name_edit
    qtbot.keyClicks(dialog.name_edit, "Jeugdhulp 2027")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # &Procedure
    assert QApplication.focusWidget() is dialog.procedure_combo
    qtbot.keyClick(dialog.procedure_combo, Qt.Key.Key_Down)
    assert dialog.procedure_combo.currentText() == Procedure.SAS.label
    qtbot.keyClick(dialog.procedure_combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    [created] = list_rounds(db.sessions)
    assert (created.name, created.procedure) == ("Jeugdhulp 2027", Procedure.SAS)
    assert window.round_combo.currentText() == "Jeugdhulp 2027"
    assert window.windowTitle() == "Beoordelaar – Jeugdhulp 2027"
    assert "SAS-procedure" in window.round_info.text()
    assert page.stack.currentWidget() is page.empty
    assert "nog geen inschrijvingen" in page.empty.text_label.text()
    assert window.import_action.isEnabled()


def test_new_round_with_a_taken_name_stays_open_with_dutch_error(
    db: Database, open_window: WindowOpener, qtbot: QtBot
) -> None:
    create_round(db.sessions, name="Jeugdhulp 2026", framework="ijsselland-2022", actor=ACTOR)
    window = open_window()
    dialog = window.open_new_round_dialog()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(dialog.name_edit, "Jeugdhulp 2026")  # QTest types ASCII only
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert "Er is al een ronde met de naam" in dialog.error_label.text()
    assert len(list_rounds(db.sessions)) == 1
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.round_combo.count() == 1


def test_remembers_size_and_last_round(db: Database, demo: RoundSummary, open_window: WindowOpener) -> None:
    newer = create_round(db.sessions, name="Jeugdhulp 2027", framework="ijsselland-2022", actor=ACTOR)
    window = open_window()
    assert window.round_combo.currentText() == newer.name  # without a remembered round: the newest
    window.round_combo.setCurrentIndex(window.round_combo.findText(demo.name))
    assert window.windowTitle() == f"Beoordelaar – {demo.name}"
    window.resize(1100, 720)
    window.close()

    again = open_window()
    assert again.round_combo.currentText() == demo.name
    assert again.current_round is not None and again.current_round.id == demo.id
    assert again.size() == QSize(1100, 720)


def test_menus_are_dutch_with_shortcuts(open_window: WindowOpener) -> None:
    window = open_window()
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&Bestand", "&Ga naar", "&Help"]
    assert window.new_round_action.text() == "&Nieuwe ronde…"
    assert window.import_action.text() == "Inschrijvingen &importeren…"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert [a.shortcut().toString() for a in window.phase_actions] == [f"Ctrl+{n}" for n in range(1, 7)]


def test_import_opens_the_wizard_and_what_runs_in_it_reaches_the_window(
    db: Database, open_window: WindowOpener, qtbot: QtBot
) -> None:
    from beoordelaar.ui.registrations.import_wizard import ImportWizard

    current = create_round(db.sessions, name="Jeugdhulp 2026", framework="ijsselland-2022", actor=ACTOR)
    window = open_window()
    assert window.import_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    wizard = window.findChild(ImportWizard)
    assert wizard is not None and wizard.isVisible()
    assert wizard.round_id == current.id

    # What an action in the wizard commits reaches the window through the window's runner at once (an import is
    # committed before the last page, so a wizard closed with Escape there has changed the registrations).
    runner = runner_for(wizard, db.sessions)
    assert runner is window.runner
    runner.run(wizard, lambda: create_round(db.sessions, name="Jeugdhulp 2027", framework="ijsselland-2022",
                                            actor=ACTOR))  # fmt: skip
    assert window.round_combo.count() == 2
    wizard.reject()
    assert window.round_combo.currentText() == "Jeugdhulp 2026"
