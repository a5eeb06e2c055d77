"""The chair manages the commission in the app: adding members by keyboard, recording a confidentiality declaration
later, no work package for a member who has not signed, Toewijzen with options, and an anonymised new round."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from beoordelaar.core.commission.assessors import add_assessor, declare_conflict, list_assessors
from beoordelaar.core.exchange.commission_work import commission_progress, scoring_context
from beoordelaar.core.rounds.framework import Part
from beoordelaar.core.scoring.scoring import work_items, worklist
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.commission.assign_dialog import AssignDialog
from beoordelaar.ui.commission.commission_model import WARNING_COLOUR, MemberColumn
from beoordelaar.ui.commission.commission_page import CommissionPage
from beoordelaar.ui.commission.conflict_dialog import ConflictStatementDialog
from beoordelaar.ui.commission.member_dialogs import AddMemberDialog, DeclarationDialog
from beoordelaar.ui.main_window import MainWindow
from beoordelaar.ui.phases import PHASES
from beoordelaar.ui.rounds.new_round_dialog import NewRoundDialog
from beoordelaar.ui.scoring.scoring_page import ScoringPage
from exchange_round import ANNA, BRAM, CHAIR, CHANTAL, NUMBERS, make_round, round_id_of
from helpers import FileDialogs, MessageBoxes, WindowOpener, phase_page, press, wait_for_child
from templates import DatabaseTemplates


@pytest.fixture
def chair(tmp_path: Path, templates: DatabaseTemplates) -> Iterator[Database]:
    # Anna, Bram and Chantal have not signed the confidentiality declaration
    template = templates.built(make_round, declared=False)
    database = templates.open_copy(tmp_path / "voorzitter" / "commissie.sqlite", template)
    yield database
    database.close()


def commission(window: MainWindow) -> CommissionPage:
    window.show_phase([p.title for p in PHASES].index("Beoordelen"))
    page = phase_page(window, "Beoordelen", ScoringPage)
    assert page.stack.currentWidget() is page.commission
    return page.commission


def cell(page: CommissionPage, name: str, column: MemberColumn, role: int = Qt.ItemDataRole.DisplayRole) -> object:
    row = [r.name for r in page.model.rows()].index(name)
    return page.model.index(row, column).data(role)


def test_chair_adds_a_member_by_keyboard_with_the_declaration_signed(
    chair: Database, open_window: WindowOpener, qtbot: QtBot
) -> None:
    window = open_window(chair)
    page = commission(window)
    page.view.setFocus()
    press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # &Lid toevoegen…
    dialog = wait_for_child(qtbot, page, AddMemberDialog)
    assert QApplication.focusWidget() is dialog.name_edit
    qtbot.keyClicks(dialog.name_edit, "Dirk Bakker")
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.organisation_edit, "Gemeente Deventer")
    press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.email_edit
    qtbot.keyClicks(dialog.email_edit, "d.bakker@deventer.nl")
    assert not dialog.declared_date.isEnabled()
    press(qtbot, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # &Geheimhoudingsverklaring getekend
    qtbot.waitUntil(dialog.declared_check.isChecked)
    assert dialog.declared_date.isEnabled() and dialog.declared_date.date() == QDate.currentDate()
    press(qtbot, Qt.Key.Key_Return)
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
    row = next(r for r in commission_progress(chair.sessions, round_id_of(chair)) if r.name == "Dirk Bakker")
    assert (row.organisation, row.email) == ("Gemeente Deventer", "d.bakker@deventer.nl")


def test_a_second_chair_is_refused_in_the_dialog_in_dutch(
    chair: Database, open_window: WindowOpener, qtbot: QtBot
) -> None:
    page = commission(open_window(chair))
    dialog = page.add_member()
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(dialog.name_edit, "Eva Visser")
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    press(qtbot, Qt.Key.Key_Down)
    assert dialog.role_combo.currentText() == "Voorzitter"
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error_label.isVisible()
    assert f"heeft al een voorzitter: {CHAIR}" in dialog.error_label.text()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "Eva Visser" not in [r.name for r in list_assessors(chair.sessions, round_id_of(chair))]


def test_declaration_recorded_later_and_no_package_before_it(
    chair: Database,
    open_window: WindowOpener,
    qtbot: QtBot,
    tmp_path: Path,
    messages: MessageBoxes,
    file_dialogs: FileDialogs,
) -> None:
    page = commission(open_window(chair))
    assert cell(page, BRAM, MemberColumn.DECLARATION) == "niet getekend"
    assert cell(page, BRAM, MemberColumn.DECLARATION, Qt.ItemDataRole.ForegroundRole).color() == WARNING_COLOUR

    # No package for a member who has not signed: refused with a warning, the save dialog never asked.
    target = tmp_path / "pakket-bram.bwp"
    file_dialogs.save_to(target)
    page.select_member(BRAM)
    assert page.package_button.isEnabled()
    page.package_button.click()
    assert len(messages["warning"]) == 1
    assert f"{BRAM} heeft de geheimhoudingsverklaring nog niet getekend" in messages["warning"][0]
    assert "Geheimhouding vastleggen" in messages["warning"][0]
    assert file_dialogs.asked == [] and not target.exists()
    assert next(r for r in page.members() if r.name == BRAM).package_revision is None

    # Recorded later, by keyboard, for a day in the past.
    assert page.declare_button.isEnabled()
    page.view.setFocus()
    press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # Geheimhouding &vastleggen…
    dialog = wait_for_child(qtbot, page, DeclarationDialog)
    assert dialog.name == BRAM and QApplication.focusWidget() is dialog.date_edit
    dialog.date_edit.setDate(QDate.currentDate().addDays(-3))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    signed = QDate.currentDate().addDays(-3)
    assert cell(page, BRAM, MemberColumn.DECLARATION) == f"getekend {signed.toString('dd-MM-yyyy')}"
    assert f"De geheimhoudingsverklaring van {BRAM} is vastgelegd." in page.feedback.text()
    declared = next(
        r for r in list_assessors(chair.sessions, round_id_of(chair)) if r.name == BRAM
    ).confidentiality_declared_at
    assert declared is not None and declared.date() == signed.toPython()
    assert page.selected_member().name == BRAM and not page.declare_button.isEnabled()

    # Now the package is made.
    page.package_button.click()
    qtbot.waitUntil(target.is_file)
    assert file_dialogs.asked == ["getSaveFileName"] and len(messages["warning"]) == 1


def _no_assignments(database: Database) -> None:
    with unit_of_work(database.sessions, "test") as session:
        session.query(m.Assignment).delete()


def _parts(database: Database, who: str) -> dict[Part, int]:
    counts = {Part.PLAN: 0, Part.EXCLUSION: 0, Part.REQUIREMENT: 0}
    round_id = round_id_of(database)
    for row in worklist(database.sessions, round_id, who).rows:
        for item in work_items(database.sessions, round_id, who, row.ref):
            counts[item.part] += 1
    return counts


def test_toewijzen_with_one_checker_and_the_chair_scoring(
    chair: Database, open_window: WindowOpener, qtbot: QtBot, messages: MessageBoxes
) -> None:
    _no_assignments(chair)
    round_id = round_id_of(chair)
    declare_conflict(chair.sessions, round_id, BRAM, NUMBERS[2], actor="test")  # INS-003: only Anna is free
    page = commission(open_window(chair))
    page.view.setFocus()
    press(qtbot, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # &Toewijzen…
    dialog = wait_for_child(qtbot, page, AssignDialog)
    assert dialog.checked_names() == [ANNA, BRAM, CHANTAL]  # default: all assessors, not the chair
    assert not dialog.chair_scores.isChecked()
    assert QApplication.focusWidget() is dialog.checkers
    # The framework promises three assessors per registration: the dialog warns before anything is assigned.
    assert dialog.warning_label.isVisible()
    assert (
        "minimaal 3 beoordelaars" in dialog.warning_label.text() and f"{NUMBERS[2]} (1)" in dialog.warning_label.text()
    )
    for step, expected in ((2, [ANNA, CHANTAL]), (1, [ANNA])):  # Bram, then Chantal off, with the keyboard
        for _ in range(step):
            press(qtbot, Qt.Key.Key_Down)
        press(qtbot, Qt.Key.Key_Space)
        assert dialog.checked_names() == expected

    # Without the chair, INS-003 has one free assessor: the service refuses, the dialog stays open and says why.
    press(qtbot, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # &Toewijzen in the dialog
    qtbot.waitUntil(dialog.error_label.isVisible)
    assert dialog.isVisible()
    assert "minstens 2 beoordelaars nodig" in dialog.error_label.text()
    assert f"{NUMBERS[2]} (1)" in dialog.error_label.text()
    assert all(r.total == 0 for r in commission_progress(chair.sessions, round_id))
    assert messages["question"] == ["De taken toewijzen: 3 inschrijvingen over 3 beoordelaars, de toetsing aan 1 lid? "
                     "Wat al is toegewezen, blijft staan."]  # fmt: skip

    press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # De &voorzitter scoort ook…
    qtbot.waitUntil(dialog.chair_scores.isChecked)
    assert f"{NUMBERS[2]} (2)" in dialog.warning_label.text()  # with the chair: two, still below three
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "Let op:" in page.feedback.text() and f"{NUMBERS[2]} (2)" in page.feedback.text()

    # plan: chair 15 + Anna 15 + Bram 10 + Chantal 10; checks (9 per registration): Anna only, 27
    assert "77 taken toegewezen aan 4 beoordelaars" in page.feedback.text()
    assert _parts(chair, ANNA) == {Part.PLAN: 15, Part.EXCLUSION: 9, Part.REQUIREMENT: 18}
    for other, plan in ((CHAIR, 15), (BRAM, 10), (CHANTAL, 10)):
        assert _parts(chair, other) == {Part.PLAN: plan, Part.EXCLUSION: 0, Part.REQUIREMENT: 0}


def test_toewijzen_needs_at_least_one_checker(chair: Database, open_window: WindowOpener, qtbot: QtBot) -> None:
    page = commission(open_window(chair))
    dialog = page.assign()
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.set_checked([])
    assert not dialog.ok_button.isEnabled()
    assert "Kies minstens één lid" in dialog.error_label.text()
    dialog.set_checked([CHAIR])
    assert dialog.ok_button.isEnabled() and not dialog.error_label.isVisible()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_new_round_anonymised(
    qtbot: QtBot, tmp_path: Path, open_window: WindowOpener, templates: DatabaseTemplates
) -> None:
    database = templates.open_copy(tmp_path / "leeg.sqlite")
    try:
        window = open_window(database)
        dialog = window.open_new_round_dialog()
        assert isinstance(dialog, NewRoundDialog)
        qtbot.waitUntil(dialog.isActiveWindow)
        assert not dialog.anonymised_check.isChecked()
        qtbot.keyClicks(dialog.name_edit, "Jeugdhulp 2028")
        press(qtbot, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # Anoniem &beoordelen
        qtbot.waitUntil(dialog.anonymised_check.isChecked)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible())
        assert dialog.created is not None
        assert scoring_context(database.sessions, dialog.created.id).anonymised
        window.close()
    finally:
        database.close()


def test_chair_records_a_conflict_statement_none_or_listed(
    tmp_path: Path, chair: Database, open_window: WindowOpener, qtbot: QtBot
) -> None:
    round_id = round_id_of(chair)
    for name in ("Dirk Bakker", "Eva Visser"):
        add_assessor(chair.sessions, round_id, name, confidentiality_declared=True, actor=CHAIR)
    window = open_window(chair)
    page = commission(window)
    page.select_member("Dirk Bakker")
    assert cell(page, "Dirk Bakker", MemberColumn.CONFLICTS) == "niet verklaard"
    assert cell(page, "Dirk Bakker", MemberColumn.CONFLICTS, Qt.ItemDataRole.ForegroundRole) == WARNING_COLOUR
    assert page.statement_button.isEnabled()
    page.view.setFocus()
    press(qtbot, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # Belangen ver&klaren…
    dialog = wait_for_child(qtbot, page, ConflictStatementDialog)
    assert dialog.none_radio.isChecked() and not dialog.list.isEnabled()
    dialog.some_radio.setChecked(True)
    dialog.ok_button.click()  # nothing ticked: the dialog says so and stays open
    assert dialog.isVisible() and "Vink de inschrijvingen aan" in dialog.error_label.text()
    dialog.list.item(1).setCheckState(Qt.CheckState.Checked)
    dialog.reason_edit.setText("buurman van de bestuurder")
    dialog.grab().save(str(tmp_path / "statement-dialog.png"))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert cell(page, "Dirk Bakker", MemberColumn.CONFLICTS) == "INS-002 Stichting Aanbieder 2"
    assert "De verklaring van Dirk Bakker is vastgelegd." in page.feedback.text()
    assert not page.statement_button.isEnabled()  # once only

    page.select_member("Eva Visser")
    statement = page.declare_statement()
    assert statement is not None
    statement.ok_button.click()  # Geen belangenverstrengeling
    qtbot.waitUntil(lambda: not statement.isVisible())
    assert cell(page, "Eva Visser", MemberColumn.CONFLICTS) == "geen"
    tip = cell(page, "Eva Visser", MemberColumn.CONFLICTS, Qt.ItemDataRole.ToolTipRole)
    assert tip == f"Verklaard op {QDate.currentDate().toString('dd-MM-yyyy')}"
    rows = {r.name: r for r in list_assessors(chair.sessions, round_id)}
    assert (rows["Dirk Bakker"].conflicts, rows["Eva Visser"].conflicts) == (1, 0)
    assert rows["Eva Visser"].conflicts_declared_at is not None
