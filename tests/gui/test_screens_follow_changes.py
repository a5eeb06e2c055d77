"""Every screen follows every change: what one page (or the meeting window) writes shows on the others at once, and
the status bar follows too (the window's one action runner, ui/common/background.py, tells what changed)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from beoordelaar.core.consolidation.consensus import consensus_sheet, set_consensus_score
from beoordelaar.core.consolidation.settlement import requirement_sheet, settle_requirement
from beoordelaar.core.decisions.letters import letter_blockers
from beoordelaar.core.rounds.procedure import SettledVerdict
from beoordelaar.core.rounds.rounds import list_rounds
from beoordelaar.core.storage.database import Database
from beoordelaar.core.text import count_text
from beoordelaar.core.verification.open_items import mark_consolidated
from beoordelaar.ui.decisions.decisions_page import DecisionsPage
from beoordelaar.ui.main_window import MainWindow
from beoordelaar.ui.verification.verification_page import VerificationPage
from exchange_round import NUMBERS, add_reserve, make_scored_round, round_id_of
from helpers import MessageBoxes, WindowOpener, consolidation_view, focused, keyboard_back, open_meeting
from templates import DatabaseTemplates

ACTOR = "Marieke Jansen"
COLLEAGUE = "Joost de Wit"
LONG = "De commissie is het eens: de aanpak is concreet, met voorbeelden uit de eigen praktijk, en past bij de doelen."


@pytest.fixture
def scored(db: Database, templates: DatabaseTemplates) -> Database:
    templates.load(db, templates.built(make_scored_round))
    return db


@pytest.fixture
def window(scored: Database, open_window: WindowOpener, messages: MessageBoxes) -> MainWindow:
    return open_window(actor=ACTOR)  # the questions before a bulk action are answered Yes


def _go(window: MainWindow, qtbot: QtBot, digit: Qt.Key) -> QWidget:
    keyboard_back(window, qtbot)
    qtbot.keyClick(window, digit, Qt.KeyboardModifier.ControlModifier)
    return window.stack.currentWidget()


def test_a_doubt_marked_on_consolideren_shows_on_verificatie_at_once(
    window: MainWindow, scored: Database, qtbot: QtBot
) -> None:
    verification = _go(window, qtbot, Qt.Key.Key_4)
    assert isinstance(verification, VerificationPage)
    assert verification.doubts_label.text() == "&Twijfelpunten (0 open)"

    view = consolidation_view(window, qtbot)
    view.go_to(NUMBERS[0], "P1")
    view.view.setFocus()
    qtbot.keyClick(view.view, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # the Eisen tab
    panel = view.requirements
    row = panel.current_row()
    assert row is not None
    verify = next(b for b in panel.verdicts.buttons() if b.property("verdict") == SettledVerdict.VERIFY.value)
    verify.click()
    qtbot.keyClick(panel.view, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClicks(panel.motivation, "De verklaring van de accountant ontbreekt.")
    qtbot.keyClick(panel.motivation, Qt.Key.Key_Return)
    round_id = round_id_of(scored)
    settled = next(r for r in requirement_sheet(scored.sessions, round_id, NUMBERS[0]) if r.code == row.code).settled
    assert settled is not None and settled.verdict is SettledVerdict.VERIFY

    assert _go(window, qtbot, Qt.Key.Key_4) is verification
    assert verification.doubts_label.text() == "&Twijfelpunten (1 open)"
    assert [(d.registration, d.code) for d in verification.doubts.rows()] == [(NUMBERS[0], row.code)]


def test_besluiten_no_longer_lists_points_settled_elsewhere(window: MainWindow, scored: Database, qtbot: QtBot) -> None:
    decisions = _go(window, qtbot, Qt.Key.Key_5)
    assert isinstance(decisions, DecisionsPage)
    round_id = round_id_of(scored)
    before = len(letter_blockers(scored.sessions, round_id))
    assert decisions.ready_label.text() == f"Nog {count_text(before, 'punt', 'punten')} open voor de brieven:"

    view = consolidation_view(window, qtbot)
    view.side.setCurrentWidget(view.requirements)
    view.requirements.uncontested_button.click()
    assert "onbetwiste eisen vastgesteld" in view.requirements.message.text()
    after = len(letter_blockers(scored.sessions, round_id))
    assert after < before

    assert _go(window, qtbot, Qt.Key.Key_5) is decisions
    assert decisions.ready_label.text() == f"Nog {count_text(after, 'punt', 'punten')} open voor de brieven:"
    assert decisions.blockers.count() == after


def test_heat_map_follows_the_meeting_window_while_it_is_open(window: MainWindow, qtbot: QtBot) -> None:
    view = consolidation_view(window, qtbot)
    row = next(position for position, r in enumerate(view.model.rows()) if r.totals.number == NUMBERS[1])
    cell = view.model.index(row, view.model.column_of("P1"))
    assert "→" not in cell.data()

    meeting = open_meeting(view, qtbot)
    meeting.show_registration(NUMBERS[1])
    editor = meeting.editor
    assert editor._sheet is not None and editor._sheet.code == "P1"
    qtbot.keyClick(focused(), Qt.Key.Key_4)
    editor.motivation.setFocus()
    qtbot.keyClicks(editor.motivation, LONG)
    qtbot.keyClick(editor.motivation, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert editor.error.text() == ""

    assert meeting.isVisible()  # the table behind the meeting window follows at once, not when it closes
    row = next(position for position, r in enumerate(view.model.rows()) if r.totals.number == NUMBERS[1])
    assert view.model.index(row, view.model.column_of("P1")).data().endswith("→ 4")
    meeting.close()


def test_status_bar_follows_decisions_confirmed_on_besluiten(
    window: MainWindow, scored: Database, qtbot: QtBot
) -> None:
    round_id = round_id_of(scored)
    add_reserve(scored)  # Chantal's conflict would leave INS-003 below the framework's three assessors
    for number in NUMBERS:
        for criterion in consensus_sheet(scored.sessions, round_id, number).criteria:
            set_consensus_score(scored.sessions, round_id, number, criterion.code, Decimal(3), LONG, actor=ACTOR)
        for requirement in requirement_sheet(scored.sessions, round_id, number):
            settle_requirement(
                scored.sessions, round_id, number, requirement.code, SettledVerdict.PASS, "", actor=ACTOR
            )
    mark_consolidated(scored.sessions, round_id, actor=ACTOR)
    decisions = _go(window, qtbot, Qt.Key.Key_5)
    assert isinstance(decisions, DecisionsPage)
    assert window.counts_label.text().endswith("0 besluiten")

    decisions.propose_button.click()
    count = next(r for r in list_rounds(scored.sessions) if r.id == round_id).decisions
    assert count > 0
    assert window.counts_label.text().endswith(f"{count} besluiten")
    decisions.confirm_all_button.click()
    assert all(r.status == "confirmed" for r in decisions.model.rows() if not r.blockers)
    assert window.round_info.text().endswith("Besloten")


def test_a_save_after_a_colleagues_save_is_refused_and_the_meeting_shows_theirs(
    window: MainWindow, scored: Database, qtbot: QtBot, messages: MessageBoxes
) -> None:
    """A colleague saved first: the save is refused in Dutch, nothing of it is stored, and the meeting shows the
    colleague's score at once (core/errors.ConflictError, the runner's refresh)."""
    meeting = open_meeting(consolidation_view(window, qtbot), qtbot)
    editor = meeting.editor
    number = meeting.current_number()
    assert number is not None and editor._sheet is not None
    code = editor._sheet.code
    assert editor.current.text() == "Nog geen consensusscore."

    # Meanwhile, on another computer, a colleague sets this very score.
    round_id = round_id_of(scored)
    set_consensus_score(scored.sessions, round_id, number, code, Decimal(2), LONG, actor=COLLEAGUE)

    qtbot.keyClick(focused(), Qt.Key.Key_4)
    editor.motivation.setFocus()
    qtbot.keyClicks(editor.motivation, LONG + " Goed.")
    qtbot.keyClick(editor.motivation, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert messages["warning"] == [
        "Een ander heeft dit net gewijzigd; uw wijziging is niet opgeslagen. Bekijk de nieuwste stand en probeer het "
        "zo nodig opnieuw. Het scherm toont nu de nieuwste stand."
    ]
    kept = consensus_sheet(scored.sessions, round_id, number).criteria[0]
    assert kept.code == code and [e.set_by for e in kept.history] in ([COLLEAGUE], [])
    assert kept.consensus is not None and kept.consensus.value == 2 and kept.consensus.revision == 1
    assert editor._sheet.code == code and editor._sheet.consensus is not None
    assert f"revisie 1, door {COLLEAGUE}" in editor.current.text()
    assert meeting.tabs.tabText(0) == f"{code} = 2"

    # Saved again, now on the newest state, it goes through as the next revision.
    qtbot.keyClick(focused(), Qt.Key.Key_4)
    editor.motivation.setFocus()
    qtbot.keyClicks(editor.motivation, LONG)
    qtbot.keyClick(editor.motivation, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(messages["warning"]) == 1 and editor.error.text() == ""
    latest = consensus_sheet(scored.sessions, round_id, number).criteria[0].consensus
    assert latest is not None and (latest.value, latest.revision, latest.set_by) == (4, 2, ACTOR)
