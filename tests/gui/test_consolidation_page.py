"""The Consolideren page and the consensus meeting as the chair uses them: by keyboard, on real widgets."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from beoordelaar.core.consolidation.consensus import consensus_sheet, set_consensus_score
from beoordelaar.core.consolidation.consolidation import consolidate_round
from beoordelaar.core.consolidation.settlement import requirement_sheet, settle_requirement
from beoordelaar.core.consolidation.spread import needs_discussion
from beoordelaar.core.rounds.procedure import RoundStatus, SettledVerdict
from beoordelaar.core.rounds.rounds import list_rounds
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.consolidation.consolidation_model import FlagFilter
from exchange_round import (
    ANNA,
    BRAM,
    CHANTAL,
    NUMBERS,
    ROUND,
    add_reserve,
    make_round,
    make_scored_round,
    round_id_of,
    score_everything,
)
from helpers import FileDialogs, MessageBoxes, WindowOpener, consolidation_view, focused, keyboard_back, open_meeting
from templates import DatabaseTemplates, DemoCopies

ACTOR = "Marieke Jansen"
LONG = "De commissie is het eens: de aanpak is concreet, met voorbeelden uit de eigen praktijk, en past bij de doelen."


@pytest.fixture
def scored(db: Database, templates: DatabaseTemplates) -> Database:
    # the disagreement on INS-002, so INS-002 comes first when flagged first
    templates.load(db, templates.built(make_scored_round, disputed=NUMBERS[1]))
    return db


def test_demo_heat_map_flags_detail_and_agreement(
    db: Database, cached_demo: DemoCopies, qtbot: QtBot, open_window: WindowOpener
) -> None:
    summary = cached_demo(db, providers=40, actor=ACTOR)
    window = open_window(actor=ACTOR)
    view = consolidation_view(window, qtbot)
    result = consolidate_round(db.sessions, summary.id)
    flagged = sum(1 for cell in result.cells if needs_discussion(cell.flags))
    assert flagged > 0
    assert view.flagged_count() == flagged
    assert f"40 inschrijvingen · {flagged} gemarkeerde cellen" in view.count_label.text()
    assert view.proxy.rowCount() == 40
    assert not view.averaging_button.isVisible()  # the demo framework works with consensus

    # The first flagged cell, reached by keyboard: filter on "Gemarkeerd", then arrows in the table.
    view.flag_filter.setFocus()
    qtbot.keyClick(view.flag_filter, Qt.Key.Key_Down)
    assert view.flag_filter.currentData() == FlagFilter.FLAGGED.value
    flagged_rows = sum(1 for r in view.model.rows() if r.discussion)
    assert view.proxy.rowCount() == flagged_rows < 40
    cell = next(c for c in result.cells if needs_discussion(c.flags))
    number = next(r.number for r in result.registrations if r.id == cell.registration)
    view.go_to(number, cell.criterion)
    detail = view.detail.text()
    for assessor, value in cell.scores.items():
        assert assessor in detail
        assert f"<b>{format(value.normalize(), 'f')}</b>" in detail
    assert "Gemiddelde" in detail and "mediaan" in detail and "spreiding" in detail
    assert any(flag.label in detail for flag in cell.flags)
    tip = view.proxy.data(view.view.currentIndex(), Qt.ItemDataRole.ToolTipRole)
    assert all(assessor in tip for assessor in cell.scores)

    # Agreement: alpha per criterion and overall, deviation in words (computed when its tab is shown);
    # no rank column in Open House.
    view.side.setCurrentWidget(view.agreement)
    agreement = view.agreement.text()
    assert "Alle criteria" in agreement and "Ordinaal" in agreement and "Interval" in agreement
    assert any(word in agreement for word in ("strenger", "milder", "in lijn"))
    headers = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(view.model.columnCount())]
    assert "Rang" not in headers and "Totaal" in headers and "Plan" in headers

    # Presentation mode makes the table's font genuinely larger, and back.
    size = view.view.font().pointSizeF()
    view.view.setFocus()
    qtbot.keyClick(view.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert view.presentation_button.isChecked() and view.view.font().pointSizeF() >= size * 1.5
    qtbot.keyClick(view.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert not view.presentation_button.isChecked() and view.view.font().pointSizeF() == size


def test_consensus_meeting_by_keyboard(scored: Database, qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window(actor=ACTOR)
    view = consolidation_view(window, qtbot)
    assert view.flagged_count() == 1
    meeting = open_meeting(view, qtbot)
    assert meeting.progress.text() == "0 van 3 besproken"
    assert meeting.current_number() == NUMBERS[1]  # flagged first
    round_id = round_id_of(scored)
    assert consensus_sheet(scored.sessions, round_id, NUMBERS[1]).opened_at is not None  # showing opens it
    assert consensus_sheet(scored.sessions, round_id, NUMBERS[0]).opened_at is None

    editor = meeting.editor
    codes = [c.code for c in consensus_sheet(scored.sessions, round_id, NUMBERS[1]).criteria]
    for code in codes:
        assert editor._sheet is not None and editor._sheet.code == code
        qtbot.keyClick(focused(), Qt.Key.Key_4)  # the score
        assert editor.chosen() == Decimal(4)
        qtbot.keyClick(focused(), Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # Citeer motiveringen
        qtbot.waitUntil(lambda: focused() is editor.motivation)  # a mnemonic clicks after a short animation
        quoted = editor.motivation.toPlainText()
        assert quoted.startswith("- ") and ANNA not in quoted and "(4" not in quoted
        qtbot.keyClicks(editor.motivation, "De commissie kiest voor goed: concreet en onderbouwd.")
        assert "tekens · minimaal 80" in editor.counter.text()
        qtbot.keyClick(editor.motivation, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert editor.error.text() == ""
    sheet = consensus_sheet(scored.sessions, round_id, NUMBERS[1])
    assert sheet.discussed
    p1 = sheet.criteria[0].consensus
    assert p1 is not None and p1.value == 4 and p1.set_by == ACTOR
    assert BRAM not in p1.motivation and "Zeer goed" not in p1.motivation
    assert p1.motivation.startswith("- ") and p1.motivation.endswith("concreet en onderbouwd.")
    assert meeting.progress.text() == "1 van 3 besproken"

    # A score without enough motivation is refused inline, in Dutch, and nothing is stored.
    qtbot.keyClick(focused(), Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # next registration
    assert meeting.current_number() == NUMBERS[0]
    assert consensus_sheet(scored.sessions, round_id, NUMBERS[0]).opened_at is not None
    qtbot.keyClick(focused(), Qt.Key.Key_2)
    editor.motivation.setFocus()
    qtbot.keyClicks(editor.motivation, "Te kort.")
    qtbot.keyClick(editor.motivation, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "te kort" in editor.error.text()
    assert consensus_sheet(scored.sessions, round_id, NUMBERS[0]).criteria[0].consensus is None

    qtbot.keyClick(focused(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert meeting.current_number() == NUMBERS[1]
    meeting.close()
    qtbot.waitUntil(lambda: view._meeting is None)
    total = next(r for r in view.model.rows() if r.totals.number == NUMBERS[1]).totals
    assert total.consensus == "complete" and total.total is not None


def test_requirements_open_items_and_closing_the_round(
    scored: Database, qtbot: QtBot, open_window: WindowOpener, messages: MessageBoxes
) -> None:
    window = open_window(actor=ACTOR)
    view = consolidation_view(window, qtbot)
    view.go_to(NUMBERS[0], "P1")
    view.view.setFocus()

    # Settle one requirement by keyboard: Eisen tab, Niet akkoord, a reason, Enter.
    qtbot.keyClick(view.view, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    assert view.side.currentWidget() is view.requirements
    panel = view.requirements
    first = panel.current_row()
    assert first is not None
    qtbot.keyClick(panel.view, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: panel.verdicts.checkedButton() is not None
                    and panel.verdicts.checkedButton().property("verdict") == SettledVerdict.FAIL.value)  # fmt: skip
    qtbot.keyClick(panel.view, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert focused() is panel.motivation
    panel.motivation.clear()
    qtbot.keyClick(panel.motivation, Qt.Key.Key_Return)
    assert "reden" in panel.message.text()  # niet akkoord needs a reason
    qtbot.keyClicks(panel.motivation, "Geen bewijs aangeleverd.")
    qtbot.keyClick(panel.motivation, Qt.Key.Key_Return)
    round_id = round_id_of(scored)
    row = next(r for r in requirement_sheet(scored.sessions, round_id, NUMBERS[0]) if r.code == first.code)
    assert row.settled is not None and row.settled.verdict is SettledVerdict.FAIL
    assert row.settled.motivation == "Geen bewijs aangeleverd."

    # The open list names what is still open; closing is refused while it is not empty.
    qtbot.keyClick(view.view, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    items = view.open_panel
    assert view.side.currentWidget() is items
    assert items.count() > 0 and not items.close_button.isEnabled()
    # Chantal's conflict leaves INS-003 with two assessors where the framework promises three: open until a fourth
    # member is assigned and has scored.
    kinds = [items.model.index(i, 1).data() for i in range(items.model.rowCount())]
    assert "Te weinig beoordelaars" in kinds
    add_reserve(scored)

    # The uncontested requirements in one go, the consensus through the service, the doubt settled by hand.
    view.side.setCurrentWidget(panel)
    panel.uncontested_button.click()
    assert "vastgesteld" in panel.message.text()
    settled = int(panel.message.text().split()[0])
    assert messages["question"] == [
        f"{settled} onbetwiste eisen in één keer vaststellen (opgave en controle stemmen overeen)? "
        "Wat betwist is, blijft open voor u."
    ]
    for number in NUMBERS:
        for criterion in consensus_sheet(scored.sessions, round_id, number).criteria:
            set_consensus_score(scored.sessions, round_id, number, criterion.code, Decimal(3), LONG, actor=ACTOR)
        for requirement in requirement_sheet(scored.sessions, round_id, number):
            if requirement.settled is None:
                settle_requirement(scored.sessions, round_id, number, requirement.code, SettledVerdict.PASS, "",
                                   actor=ACTOR)  # fmt: skip
    view.side.setCurrentWidget(items)
    items.refresh_button.click()
    assert items.count() == 0 and items.close_button.isEnabled()
    keyboard_back(window, qtbot)
    qtbot.keyClick(items.close_button, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "afgerond" in items.message.text())
    assert messages["question"][-1].startswith(f"De ronde afronden? De consolidatie van {len(NUMBERS)} inschrijvingen")
    summary = next(r for r in list_rounds(scored.sessions) if r.name == ROUND)
    assert summary.status is RoundStatus.CONSOLIDATED


def test_export_runs_off_the_ui_thread(
    scored: Database, qtbot: QtBot, open_window: WindowOpener, tmp_path: Path, file_dialogs: FileDialogs
) -> None:
    file_dialogs.save_to(tmp_path / "overzicht")
    window = open_window(actor=ACTOR)
    view = consolidation_view(window, qtbot)
    path = view.export()
    assert path == tmp_path / "overzicht.xlsx" and path.is_file()
    assert "Opgeslagen" in view.message.text()


def test_averaging_button_sets_the_means(db: Database, qtbot: QtBot, open_window: WindowOpener, tmp_path: Path) -> None:
    from beoordelaar.core.rounds.framework_files import read_framework_text

    text, _ = read_framework_text("ijsselland-2022")
    averaging = tmp_path / "middelen.toml"
    averaging.write_text(text.replace('scoring_model = "consensus"', 'scoring_model = "averaging"'), encoding="utf-8")
    make_round(db, name="Middelen", framework=str(averaging))
    for assessor in (ANNA, BRAM):
        score_everything(db, assessor, value=4, name="Middelen")
    score_everything(db, CHANTAL, value=3, name="Middelen", numbers=NUMBERS[:1])
    window = open_window(actor=ACTOR)
    view = consolidation_view(window, qtbot)
    assert view.averaging_button.isVisible()
    view.view.setFocus()
    qtbot.keyClick(view.view, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "10 gemiddelden vastgesteld" in view.message.text())
    assert "Onvolledig" in view.message.text() and NUMBERS[1] in view.message.text()
    row = next(r for r in view.model.rows() if r.totals.number == NUMBERS[0])
    assert row.consensus[0] == Decimal(4)
    # The screen calls the score what it is: the commission's (rounded) average, never a consensus score.
    code = view.model.criteria[0].code
    view.go_to(NUMBERS[0], code)
    assert "Gemiddelde score van de commissie: <b>4</b>" in view.detail.text()
    tips = [view.model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) or ""
            for c in range(view.model.columnCount())]  # fmt: skip
    assert any("Gewogen totaal van de gemiddelde scores van de commissie" in tip for tip in tips)
    assert not any("consensusscore" in tip for tip in tips) and "onsensusscore" not in view.detail.text()
    cell = view.model.index(view.model.rows().index(row), view.model.column_of(code))
    assert "Gemiddelde score van de commissie: 4" in view.model.data(cell, Qt.ItemDataRole.ToolTipRole)


def test_the_meeting_shows_what_a_step_means_and_offers_a_structure(
    scored: Database, qtbot: QtBot, open_window: WindowOpener, tmp_path: Path
) -> None:
    window = open_window(actor=ACTOR)
    view = consolidation_view(window, qtbot)
    meeting = open_meeting(view, qtbot)
    editor = meeting.editor
    assert editor._sheet is not None and editor._sheet.code == "P1"
    qtbot.keyClick(focused(), Qt.Key.Key_3)
    assert editor.meaning.text() == "3 – Voldoende: een herkenbare visie met enkele concrete stappen voor de eigen hulp"
    qtbot.keyClick(focused(), Qt.Key.Key_Z, Qt.KeyboardModifier.AltModifier)  # Opzet invoegen
    qtbot.waitUntil(lambda: focused() is editor.motivation)
    qtbot.keyClicks(editor.motivation, "het plan noemt twee stappen: korter behandelen en samen met de huisarts.")
    assert editor.motivation.toPlainText() == (
        "Bevindingen: het plan noemt twee stappen: korter behandelen en samen met de huisarts.\n"
        "Plaats op de schaal: 3 (voldoende), een herkenbare visie met enkele concrete stappen voor de eigen hulp\n"
        "Waarom niet 4 (goed): daarvoor moet gelden: een uitgewerkte visie met concrete stappen en voorbeelden uit de "
        "eigen praktijk; "
    )
    tip = next(b for b in editor.scale_group.buttons() if b.property("value") == "5").toolTip()
    assert tip.startswith("Zeer goed: een overtuigende, concreet uitgewerkte visie")
    assert [b.isVisible() for b in editor.scale_group.buttons()] == [True] * 5
    meeting.grab().save(str(tmp_path / "meeting_outline.png"))
    qtbot.keyClick(editor.motivation, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.motivation, "voorbeelden uit de eigen praktijk ontbreken.")
    qtbot.keyClick(editor.motivation, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert editor.error.text() == ""
    saved = consensus_sheet(scored.sessions, round_id_of(scored), NUMBERS[1]).criteria[0].consensus
    assert saved is not None and saved.value == 3 and saved.motivation.endswith("ontbreken.")
    meeting.close()
