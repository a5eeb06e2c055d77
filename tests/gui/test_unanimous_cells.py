"""Eensgezinde cellen bevestigen as the chair uses it: from the Consolideren page, on real widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from beoordelaar.core.consolidation.consensus import consensus_sheet
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.consolidation.unanimous_dialog import CHECK, CRITERION, LENGTH, NUMBER, UnanimousDialog
from exchange_round import AGREED, CHAIR, NUMBERS, make_handed_in_round, round_id_of
from helpers import FileDialogs, MessageBoxes, WindowOpener, consolidation_view, wait_for_child
from templates import DatabaseTemplates

MORE = " De commissie onderschrijft dit: het plan sluit aan bij de doelen van de regio en is uitvoerbaar."


@pytest.fixture
def handed_in(db: Database, templates: DatabaseTemplates) -> Database:
    templates.load(db, templates.built(make_handed_in_round))
    return db


def _row(dialog: UnanimousDialog, number: str, code: str) -> int:
    table = dialog.table
    return next(r for r in range(table.rowCount())
                if (table.item(r, NUMBER).text(), table.item(r, CRITERION).text()) == (number, code))  # fmt: skip


def test_confirm_unanimous_cells_with_one_edited_and_one_left_out(
    handed_in: Database, qtbot: QtBot, open_window: WindowOpener, messages: MessageBoxes, tmp_path: Path
) -> None:
    window = open_window(actor=CHAIR)
    window.resize(1366, 768)
    view = consolidation_view(window, qtbot)
    assert view.unanimous_button.isVisible() and view.unanimous_button.text() == "Eensgezinde cellen bevestigen…"
    window.grab().save(str(tmp_path / "consolideren.png"))
    view.view.setFocus()
    qtbot.keyClick(view.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = wait_for_child(qtbot, view, UnanimousDialog)
    table = dialog.table
    # INS-001 P1 is disputed and INS-003 has too few assessors: 4 cells of INS-001 and 5 of INS-002.
    assert table.rowCount() == 9
    assert "9 cellen waarin alle beoordelaars dezelfde score gaven" in dialog.summary.text()
    assert "1 inschrijving niet meegenomen" in dialog.summary.text()
    short = _row(dialog, NUMBERS[1], "P1")
    assert table.item(short, CHECK).checkState() == Qt.CheckState.Unchecked
    assert table.item(short, LENGTH).text() == "58 – te kort"
    dialog.grab().save(str(tmp_path / "unanimous-start.png"))
    assert dialog.confirm_button.text() == "&Bevestigen (8)"

    # Complete the short motivation: the cell is ticked once it reaches the minimum.
    table.setFocus()
    table.setCurrentCell(short, CHECK)
    assert dialog.editor.toPlainText().startswith("- Concreet plan")
    assert CHAIR not in dialog.editor.toPlainText()
    dialog.editor.setFocus()
    qtbot.keyClick(dialog.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.editor, MORE)
    assert table.item(short, CHECK).checkState() == Qt.CheckState.Checked
    assert dialog.counter.text().endswith("/ 80 tekens") and "te kort" not in table.item(short, LENGTH).text()

    # Leave one cell for the meeting: Space on its check box unticks it.
    kept = _row(dialog, NUMBERS[0], "P2")
    table.setFocus()
    table.setCurrentCell(kept, CHECK)
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert table.item(kept, CHECK).checkState() == Qt.CheckState.Unchecked
    assert dialog.confirm_button.text() == "&Bevestigen (8)"
    dialog.grab().save(str(tmp_path / "unanimous.png"))

    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert messages["question"] == ["8 cellen van 2 inschrijvingen als consensusscore bevestigen, met de motivering "
                                    "zoals die er nu staat?"]  # fmt: skip
    assert view.message.text() == "8 eensgezinde cellen bevestigd als consensusscore."
    round_id = round_id_of(handed_in)
    second = consensus_sheet(handed_in.sessions, round_id, NUMBERS[1]).criteria
    entry = second[0].consensus
    assert (
        entry is not None
        and (entry.source, entry.set_by) == ("bulk", CHAIR)
        and entry.motivation.endswith(MORE.strip())
    )
    first = consensus_sheet(handed_in.sessions, round_id, NUMBERS[0]).criteria
    assert first[1].consensus is None and first[2].consensus is not None


def test_a_cell_opened_in_the_meeting_instead(handed_in: Database, qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window(actor=CHAIR)
    view = consolidation_view(window, qtbot)
    qtbot.mouseClick(view.unanimous_button, Qt.MouseButton.LeftButton)
    dialog = wait_for_child(qtbot, view, UnanimousDialog)
    dialog.table.setCurrentCell(_row(dialog, NUMBERS[1], "P3"), CHECK)
    qtbot.mouseClick(dialog.meeting_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view._meeting is not None)
    meeting = view._meeting
    qtbot.waitExposed(meeting)
    assert meeting.current_number() == NUMBERS[1]  # type: ignore[attr-defined]
    meeting.close()


def test_consensus_from_a_sheet_whole_or_nothing(
    handed_in: Database, qtbot: QtBot, open_window: WindowOpener, file_dialogs: FileDialogs, tmp_path: Path
) -> None:
    window = open_window(actor=CHAIR)
    view = consolidation_view(window, qtbot)
    assert view.sheet_button.isVisible()
    bad = tmp_path / "fout.csv"
    bad.write_text(f"inschrijving;criterium;score;motivering\n{NUMBERS[0]};P1;7;{AGREED}\n", encoding="utf-8")
    file_dialogs.open_file(bad)
    qtbot.mouseClick(view.sheet_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "niet ingelezen" in view.message.text())
    assert "rij 2, kolom 'score' ('7')" in view.message.text()
    round_id = round_id_of(handed_in)
    assert consensus_sheet(handed_in.sessions, round_id, NUMBERS[0]).criteria[0].consensus is None

    good = tmp_path / "goed.csv"
    good.write_text(f"inschrijving;criterium;score;motivering\n{NUMBERS[0]};P1;3;{AGREED}\n", encoding="utf-8")
    file_dialogs.open_file(good)
    qtbot.mouseClick(view.sheet_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.message.text() == "1 consensusscore ingelezen: 1 nieuw of gewijzigd, 0 ongewijzigd.")
    entry = consensus_sheet(handed_in.sessions, round_id, NUMBERS[0]).criteria[0].consensus
    assert entry is not None and entry.source == "spreadsheet"
    # The table follows: INS-001 P1 now shows the consensus score.
    total = next(r for r in view.model.rows() if r.totals.number == NUMBERS[0]).totals
    assert total.consensus == "partial"
