"""The chair assigns the checks one checker per requirement in Toewijzen, hands a member's checks to another or
withdraws them in Toetsingen wijzigen, and reads the commission's checks from a spreadsheet, all by keyboard."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from beoordelaar.core.scoring.scoring import work_items
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.commission.assign_dialog import AssignDialog
from beoordelaar.ui.commission.change_checks_dialog import ChangeChecksDialog
from beoordelaar.ui.commission.commission_page import CommissionPage
from beoordelaar.ui.commission.sheet_import_dialog import SheetImportDialog
from beoordelaar.ui.main_window import MainWindow
from beoordelaar.ui.phases import PHASES
from beoordelaar.ui.scoring.scoring_page import ScoringPage
from checkers import check_assignments
from exchange_round import ANNA, BRAM, CHANTAL, NUMBERS, check_codes, round_id_of
from helpers import FileDialogs, MessageBoxes, WindowOpener, phase_page, press, wait_for_child


def commission(window: MainWindow) -> CommissionPage:
    window.show_phase([p.title for p in PHASES].index("Beoordelen"))
    return phase_page(window, "Beoordelen", ScoringPage).commission


checkers = check_assignments


def test_toewijzen_gives_each_requirement_one_checker_in_turn(
    tmp_path: Path, chair: Database, open_window: WindowOpener, qtbot: QtBot, messages: MessageBoxes
) -> None:
    with unit_of_work(chair.sessions, "test") as session:
        session.query(m.Assignment).delete()
    page = commission(open_window(chair))
    page.view.setFocus()
    press(qtbot, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # &Toewijzen…
    dialog = wait_for_child(qtbot, page, AssignDialog)
    assert dialog.checked_names() == [ANNA, BRAM, CHANTAL] and dialog.per_requirement.value() == 1
    dialog.grab().save(str(tmp_path / "i16-assign-dialog.png"))
    press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # Toetsers per &eis
    assert QApplication.focusWidget() is dialog.per_requirement
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert messages["question"][-1].startswith(
        "De taken toewijzen: 3 inschrijvingen over 3 beoordelaars, elke eis aan één van 3 leden, bij toerbeurt?"
    )
    found = checkers(chair)
    assert len(found) == len(NUMBERS) * len(check_codes(chair)) and {len(v) for v in found.values()} == {1}
    assert {found[(n, c)][0] for n in NUMBERS for c in check_codes(chair)} == {ANNA, BRAM, CHANTAL}
    assert CHANTAL not in {found[(NUMBERS[2], c)][0] for c in check_codes(chair)}


def test_a_members_checks_are_handed_over_or_the_dialog_says_why_not(
    tmp_path: Path, chair: Database, open_window: WindowOpener, qtbot: QtBot
) -> None:
    page = commission(open_window(chair))
    page.select_member(ANNA)  # the test round gives Anna every check
    page.change_checks_button.setFocus()
    press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # T&oetsingen wijzigen…
    dialog = wait_for_child(qtbot, page, ChangeChecksDialog)
    assert dialog.member.currentText() == ANNA
    press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # &Overdragen aan:
    qtbot.waitUntil(dialog.hand_over.isChecked)
    assert dialog.receiver.isEnabled() and dialog.receiver.currentText() == BRAM
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # in&schrijvingen
    press(qtbot, Qt.Key.Key_Space)  # the first: INS-001
    assert dialog.chosen_registrations() == [NUMBERS[0]]
    dialog.grab().save(str(tmp_path / "i16-change-checks-dialog.png"))
    press(qtbot, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # &Wijzigen
    qtbot.waitUntil(lambda: "overgedragen" in page.feedback.text())  # the dialog closed
    codes = check_codes(chair)
    assert f"{len(codes)} toetsingen van {ANNA} overgedragen aan {BRAM}." in page.feedback.text()
    assert {tuple(v) for (n, _c), v in checkers(chair).items() if n == NUMBERS[0]} == {(BRAM,)}

    refused = page.change_checks()
    assert refused is not None
    qtbot.waitUntil(refused.isVisible)
    refused.hand_over.setChecked(True)
    refused.receiver.setCurrentText(CHANTAL)
    refused.registrations.item(2).setCheckState(Qt.CheckState.Checked)  # INS-003: Chantal's conflict
    refused.ok_button.click()
    qtbot.waitUntil(refused.error_label.isVisible)
    assert "belangenverstrengeling gemeld bij INS-003" in refused.error_label.text() and refused.isVisible()
    assert {tuple(v) for (n, _c), v in checkers(chair).items() if n == NUMBERS[2]} == {(ANNA,)}  # unchanged
    refused.reject()


def test_checks_are_read_from_a_sheet_and_a_wrong_sheet_shows_every_finding(
    chair: Database, open_window: WindowOpener, qtbot: QtBot, file_dialogs: FileDialogs, tmp_path: Path
) -> None:
    code = check_codes(chair)[0]
    good, bad = tmp_path / "toetsingen.csv", tmp_path / "fout.csv"
    for path, rows in (
        (good, [[ANNA, NUMBERS[0], code, "akkoord", ""], [ANNA, NUMBERS[1], code, "twijfel", "Verklaring oud."]]),
        (bad, [[ANNA, NUMBERS[0], code, "akkoord", ""], [BRAM, NUMBERS[1], code, "misschien", ""]]),
    ):
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, delimiter=";").writerows([["beoordelaar", "inschrijving", "criterium", "oordeel",
                                                          "toelichting"], *rows])  # fmt: skip
    page = commission(open_window(chair))
    page.sheet_button.setFocus()
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # S&preadsheet inlezen…
    dialog = wait_for_child(qtbot, page, SheetImportDialog)
    assert dialog.checks.isChecked() and not dialog.ok_button.isEnabled()
    file_dialogs.open_file(bad)
    press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # B&laderen…
    qtbot.waitUntil(lambda: dialog.file_edit.text() == str(bad))
    press(qtbot, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)  # &Inlezen
    qtbot.waitUntil(dialog.findings.isVisible)
    text = dialog.findings.toPlainText()
    assert "de toetsingen zijn niet ingelezen; er is niets veranderd" in text
    assert "rij 3, kolom 'oordeel' ('misschien')" in text and dialog.isVisible()
    dialog.grab().save(str(tmp_path / "i16-sheet-import-dialog.png"))

    dialog.file_edit.setText(str(good))
    press(qtbot, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "gelezen" in page.feedback.text())  # the dialog closed
    assert "2 toetsingen gelezen uit toetsingen.csv: 2 nieuw of gewijzigd, 0 ongewijzigd." in page.feedback.text()
    items = {i.code: i for i in work_items(chair.sessions, round_id_of(chair), ANNA, NUMBERS[1])}
    assert items[code].verdict is not None and items[code].note == "Verklaring oud."
