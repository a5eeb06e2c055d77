"""A page that is not shown follows a change only once it is shown: an action on one page does not reload the others
while they are hidden (the main window keeps what they missed), and the page shown next reads the change at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from beoordelaar.core.registrations import api as registrations_api
from beoordelaar.core.registrations.api import RegistrationRow, list_registrations
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.decisions.decisions_page import DecisionsPage
from beoordelaar.ui.registrations.registrations_model import Column, format_decision
from beoordelaar.ui.registrations.registrations_page import RegistrationsPage
from helpers import WindowOpener
from letters_round import without_decisions
from templates import DemoRound


def _decision_cells(page: RegistrationsPage) -> dict[str, str]:
    proxy = page.table.proxy
    return {
        proxy.data(proxy.index(row, Column.NUMBER)): proxy.data(proxy.index(row, Column.DECISION))
        for row in range(proxy.rowCount())
    }


def test_proposing_on_besluiten_reloads_inschrijvingen_only_once_it_is_shown_again(
    db: Database, demo_round: DemoRound, open_window: WindowOpener, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    round_id = demo_round(db)
    without_decisions(db, round_id)
    window = open_window()
    registrations = window.stack.currentWidget()  # the page a start shows, loaded for the round
    assert isinstance(registrations, RegistrationsPage)
    before = _decision_cells(registrations)
    assert len(before) == 8 and set(before.values()) == {""}
    loads: list[int] = []

    def counted(_sessions: object, round_id: int) -> list[RegistrationRow]:
        loads.append(round_id)
        return list_registrations(db.sessions, round_id)

    monkeypatch.setattr(registrations_api, "list_registrations", counted)  # the page imports it when it reads

    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    decisions = window.stack.currentWidget()
    assert isinstance(decisions, DecisionsPage) and not registrations.isVisible()
    qtbot.mouseClick(decisions.propose_button, Qt.MouseButton.LeftButton)
    assert decisions.model.rowCount() == 8 and window.counts_label.text().endswith("8 besluiten")
    assert loads == []  # hidden: the change waits for it
    assert _decision_cells(registrations) == before

    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is registrations and registrations.isVisible()
    assert loads == [round_id]  # shown: read once
    expected = {r.number: format_decision(r) for r in list_registrations(db.sessions, round_id)}
    assert _decision_cells(registrations) == expected
    assert all(cell.endswith("(voorgesteld)") for cell in expected.values())

    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert loads == [round_id]  # nothing changed since: shown again without reading
