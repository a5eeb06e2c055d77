"""The chair manages the commission in the app: adding members by keyboard, recording a confidentiality declaration
later, no work package for a member who has not signed, Toewijzen with options, and an anonymised new round."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from beoordelaar.core.commission.assessors import declare_conflict, list_assessors
from beoordelaar.core.commission.commission_work import commission_progress, scoring_context
from beoordelaar.core.rounds.framework import Part
from beoordelaar.core.scoring.scoring import work_items, worklist
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database, open_database
from beoordelaar.ui.commission.assign_dialog import AssignDialog
from beoordelaar.ui.commission.commission_model import WARNING_COLOUR, MemberColumn
from beoordelaar.ui.commission.commission_page import CommissionPage
from beoordelaar.ui.commission.member_dialogs import AddMemberDialog, DeclarationDialog
from beoordelaar.ui.main_window import MainWindow
from beoordelaar.ui.phases import PHASES
from beoordelaar.ui.rounds.new_round_dialog import NewRoundDialog
from beoordelaar.ui.scoring.scoring_page import ScoringPage
from exchange_round import ANNA, BRAM, CHAIR, CHANTAL, NUMBERS, ROUND, make_round

ACTOR = "tester"
T = TypeVar("T", bound=QWidget)


@pytest.fixture
def chair(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "voorzitter" / "commissie.sqlite")
    make_round(database, declared=False)  # Anna, Bram and Chantal have not signed the confidentiality declaration
    yield database
    database.close()


@pytest.fixture
def open_window(qtbot: QtBot) -> Callable[[Database], MainWindow]:
    def make(database: Database) -> MainWindow:
        window = MainWindow(database, ACTOR)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return make


@pytest.fixture
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def warning(_parent: QWidget, _title: str, text: str, *args: object, **kwargs: object) -> object:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


def commission(window: MainWindow) -> CommissionPage:
    window.show_phase([p.title for p in PHASES].index("Beoordelen"))
    page = window.pages[[p.title for p in PHASES].index("Beoordelen")]
    assert isinstance(page, ScoringPage)
    assert page.stack.currentWidget() is page.commission
    return page.commission


def key(qtbot: QtBot, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, k, modifier)


def wait_for(qtbot: QtBot, parent: QWidget, kind: type[T]) -> T:
    """The dialog a mnemonic opens (a mnemonic clicks its button after a short animation)."""
    qtbot.waitUntil(lambda: parent.findChild(kind) is not None)
    found = parent.findChild(kind)
    assert found is not None
    qtbot.waitUntil(found.isActiveWindow)
    return found


def cell(page: CommissionPage, name: str, column: MemberColumn, role: int = Qt.ItemDataRole.DisplayRole) -> object:
    row = [r.name for r in page.model.rows()].index(name)
    return page.model.index(row, column).data(role)


def test_chair_adds_a_member_by_keyboard_with_the_declaration_signed(
    chair: Database, open_window: Callable[[Database], MainWindow], qtbot: QtBot
) -> None:
    window = open_window(chair)
    page = commission(window)
    page.view.setFocus()
    key(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # &Lid toevoegen…
    dialog = wait_for(qtbot, page, AddMemberDialog)
    assert QApplication.focusWidget() is dialog.name_edit
    qtbot.keyClicks(dialog.name_edit, "Dirk Bakker")
    key(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.organisation_edit, "Gemeente Deventer")
    key(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.email_edit
    qtbot.keyClicks(dialog.email_edit, "d.bakker@deventer.nl")
    assert not dialog.declared_date.isEnabled()
    key(qtbot, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # &Geheimhoudingsverklaring getekend
    qtbot.waitUntil(dialog.declared_check.isChecked)
    assert dialog.declared_date.isEnabled() and dialog.declared_date.date() == QDate.currentDate()
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    assert page.selected_member() is not None and page.selected_member().name == "Dirk Bakker"
    today = QDate.currentDate().toString("dd-MM-yyyy")
    assert cell(page, "Dirk Bakker", MemberColumn.DECLARATION) == f"getekend {today}"
    assert cell(page, "Dirk Bakker", MemberColumn.NAME, Qt.ItemDataRole.ToolTipRole) == (
        "Gemeente Deventer\nd.bakker@deventer.nl"
    )
    assert "Dirk Bakker is toegevoegd aan de commissie." in page.feedback.text()
    assert "ontbreekt" not in page.feedback.text()
    assert not page.declare_button.isEnabled()  # already signed
    row = next(r for r in commission_progress(chair.sessions, ROUND) if r.name == "Dirk Bakker")
    assert (row.organisation, row.email) == ("Gemeente Deventer", "d.bakker@deventer.nl")


def test_a_second_chair_is_refused_in_the_dialog_in_dutch(
    chair: Database, open_window: Callable[[Database], MainWindow], qtbot: QtBot
) -> None:
    page = commission(open_window(chair))
    dialog = page.add_member()
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(dialog.name_edit, "Eva Visser")
    key(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    key(qtbot, Qt.Key.Key_Down)
    assert dialog.role_combo.currentText() == "Voorzitter"
    key(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error_label.isVisible()
    assert f"heeft al een voorzitter: {CHAIR}" in dialog.error_label.text()
    key(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "Eva Visser" not in [r.name for r in list_assessors(chair.sessions, ROUND)]


def test_declaration_recorded_later_and_no_package_before_it(
    chair: Database,
    open_window: Callable[[Database], MainWindow],
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    warnings_shown: list[str],
) -> None:
    page = commission(open_window(chair))
    assert cell(page, BRAM, MemberColumn.DECLARATION) == "niet getekend"
    assert cell(page, BRAM, MemberColumn.DECLARATION, Qt.ItemDataRole.ForegroundRole).color() == WARNING_COLOUR

    # No package for a member who has not signed: refused with a warning, the save dialog never asked.
    asked: list[str] = []
    target = tmp_path / "pakket-bram.bwp"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (asked.append("x"), (str(target), ""))[1])
    page.select_member(BRAM)
    assert page.package_button.isEnabled()
    page.package_button.click()
    assert len(warnings_shown) == 1
    assert f"{BRAM} heeft de geheimhoudingsverklaring nog niet getekend" in warnings_shown[0]
    assert "Geheimhouding vastleggen" in warnings_shown[0]
    assert asked == [] and not target.exists()
    assert next(r for r in page.members() if r.name == BRAM).package_revision is None

    # Recorded later, by keyboard, for a day in the past.
    assert page.declare_button.isEnabled()
    page.view.setFocus()
    key(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # Geheimhouding &vastleggen…
    dialog = wait_for(qtbot, page, DeclarationDialog)
    assert dialog.name == BRAM and QApplication.focusWidget() is dialog.date_edit
    dialog.date_edit.setDate(QDate.currentDate().addDays(-3))
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    signed = QDate.currentDate().addDays(-3)
    assert cell(page, BRAM, MemberColumn.DECLARATION) == f"getekend {signed.toString('dd-MM-yyyy')}"
    assert f"De geheimhoudingsverklaring van {BRAM} is vastgelegd." in page.feedback.text()
    declared = next(r for r in list_assessors(chair.sessions, ROUND) if r.name == BRAM).confidentiality_declared_at
    assert declared is not None and declared.date() == signed.toPython()
    assert page.selected_member().name == BRAM and not page.declare_button.isEnabled()

    # Now the package is made.
    page.package_button.click()
    qtbot.waitUntil(target.is_file)
    assert asked == ["x"] and len(warnings_shown) == 1


def _no_assignments(database: Database) -> None:
    with unit_of_work(database.sessions, "test") as session:
        session.query(m.Assignment).delete()


def _parts(database: Database, who: str) -> dict[Part, int]:
    counts = {Part.PLAN: 0, Part.EXCLUSION: 0, Part.REQUIREMENT: 0}
    for row in worklist(database.sessions, ROUND, who).rows:
        for item in work_items(database.sessions, ROUND, who, row.ref):
            counts[item.part] += 1
    return counts


def test_toewijzen_with_one_checker_and_the_chair_scoring(
    chair: Database, open_window: Callable[[Database], MainWindow], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, _t, text, *_a: (asked.append(text), QMessageBox.StandardButton.Yes)[1]
    )
    _no_assignments(chair)
    declare_conflict(chair.sessions, ROUND, BRAM, NUMBERS[2], actor="test")  # INS-003: only Anna is free
    page = commission(open_window(chair))
    page.view.setFocus()
    key(qtbot, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # &Toewijzen…
    dialog = wait_for(qtbot, page, AssignDialog)
    assert dialog.checked_names() == [ANNA, BRAM, CHANTAL]  # default: all assessors, not the chair
    assert not dialog.chair_scores.isChecked()
    assert QApplication.focusWidget() is dialog.checkers
    for step, expected in ((2, [ANNA, CHANTAL]), (1, [ANNA])):  # Bram, then Chantal off, with the keyboard
        for _ in range(step):
            key(qtbot, Qt.Key.Key_Down)
        key(qtbot, Qt.Key.Key_Space)
        assert dialog.checked_names() == expected

    # Without the chair, INS-003 has one free assessor: the service refuses, the dialog stays open and says why.
    key(qtbot, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # &Toewijzen in the dialog
    qtbot.waitUntil(dialog.error_label.isVisible)
    assert dialog.isVisible()
    assert "minstens 2 beoordelaars nodig" in dialog.error_label.text()
    assert f"{NUMBERS[2]} (1)" in dialog.error_label.text()
    assert all(r.total == 0 for r in commission_progress(chair.sessions, ROUND))
    assert asked == ["De taken toewijzen: 3 inschrijvingen over 3 beoordelaars, de toetsing aan 1 lid? "
                     "Wat al is toegewezen, blijft staan."]  # fmt: skip

    key(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # De &voorzitter scoort ook…
    qtbot.waitUntil(dialog.chair_scores.isChecked)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    # plan: chair 15 + Anna 15 + Bram 10 + Chantal 10; checks (9 per registration): Anna only, 27
    assert "77 taken toegewezen aan 4 beoordelaars" in page.feedback.text()
    assert _parts(chair, ANNA) == {Part.PLAN: 15, Part.EXCLUSION: 9, Part.REQUIREMENT: 18}
    for other, plan in ((CHAIR, 15), (BRAM, 10), (CHANTAL, 10)):
        assert _parts(chair, other) == {Part.PLAN: plan, Part.EXCLUSION: 0, Part.REQUIREMENT: 0}


def test_toewijzen_needs_at_least_one_checker(
    chair: Database, open_window: Callable[[Database], MainWindow], qtbot: QtBot
) -> None:
    page = commission(open_window(chair))
    dialog = page.assign()
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.set_checked([])
    assert not dialog.ok_button.isEnabled()
    assert "Kies minstens één lid" in dialog.error_label.text()
    dialog.set_checked([CHAIR])
    assert dialog.ok_button.isEnabled() and not dialog.error_label.isVisible()
    key(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_new_round_anonymised(qtbot: QtBot, tmp_path: Path, open_window: Callable[[Database], MainWindow]) -> None:
    database = open_database(tmp_path / "leeg.sqlite")
    try:
        window = open_window(database)
        dialog = window.open_new_round_dialog()
        assert isinstance(dialog, NewRoundDialog)
        qtbot.waitUntil(dialog.isActiveWindow)
        assert not dialog.anonymised_check.isChecked()
        qtbot.keyClicks(dialog.name_edit, "Jeugdhulp 2028")
        key(qtbot, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # Anoniem &beoordelen
        qtbot.waitUntil(dialog.anonymised_check.isChecked)
        key(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible())
        assert dialog.created is not None
        assert scoring_context(database.sessions, dialog.created.id).anonymised
        window.close()
    finally:
        database.close()
