"""The one action runner: refusals shown one way, our own bugs passed on, one changed signal with what changed,
long work off the UI thread with a cancel button, and one action at a time."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from beoordelaar.core.changes import Changes
from beoordelaar.core.commission.assessors import add_assessor
from beoordelaar.core.rounds.rounds import create_round
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.common.background import BUSY_TEXT, ActionRunner, Progress, runner_for
from helpers import MessageBoxes

MISSING = 999  # no round has this id


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _reported(runner: ActionRunner) -> list[Changes]:
    seen: list[Changes] = []
    runner.changed.connect(seen.append)
    return seen


def test_an_action_reports_what_it_changed(db: Database, window: QWidget) -> None:
    round_id = create_round(db.sessions, name="R", framework="ijsselland-2022", actor="a").id
    runner = runner_for(window, db.sessions)
    assert runner_for(QWidget(window), db.sessions) is runner  # a child finds the window's runner
    seen = _reported(runner)
    row = runner.run(window, lambda: add_assessor(db.sessions, round_id, "Anna", actor="a"))
    assert row is not None and row.name == "Anna"
    assert seen == [Changes(commission=True, record=True)]
    assert runner.run(window, lambda: 42) == 42 and len(seen) == 1  # nothing written, nothing reported


def test_a_refusal_is_shown_once_and_changes_nothing(db: Database, window: QWidget, messages: MessageBoxes) -> None:
    runner = runner_for(window, db.sessions)
    seen = _reported(runner)
    assert runner.run(window, lambda: add_assessor(db.sessions, MISSING, "Anna", actor="a"), title="Lid") is None
    assert messages.titles["warning"] == ["Lid"] and f"Ronde {MISSING} bestaat niet" in messages["warning"][0]
    beside: list[str] = []
    assert not runner.perform(window, lambda: add_assessor(db.sessions, MISSING, "A", actor="a"),
                              refused=beside.append)  # fmt: skip
    assert len(messages["warning"]) == 1 and len(beside) == 1  # a form shows it beside its fields instead
    assert seen == []


def test_our_own_bug_is_passed_on_after_the_changes_were_reported(db: Database, window: QWidget) -> None:
    round_id = create_round(db.sessions, name="R", framework="ijsselland-2022", actor="a").id
    runner = runner_for(window, db.sessions)
    seen = _reported(runner)

    def half_done() -> None:
        add_assessor(db.sessions, round_id, "Anna", actor="a")
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        runner.run(window, half_done)
    assert seen == [Changes(commission=True, record=True)] and not runner.busy


def test_long_work_runs_off_the_ui_thread_and_can_be_cancelled(db: Database, window: QWidget, qtbot: QtBot) -> None:
    runner = runner_for(window, db.sessions)
    ui_thread = threading.get_ident()
    assert runner.run_long(window, "Rekenen…", lambda _progress: threading.get_ident()) != ui_thread

    pressed = threading.Event()
    watch = QTimer(window)

    def press_cancel_once_it_runs() -> None:  # on the UI thread, as a click on Annuleren
        dialog = window.findChild(QProgressDialog)
        if dialog is not None and dialog.maximum() == 10:
            watch.stop()
            dialog.findChild(QPushButton).click()
            pressed.set()

    def until_cancelled(progress: Progress) -> None:
        progress(0, 10)
        pressed.wait()
        progress(1, 10)  # the job stops at its next progress report
        raise AssertionError("not reached")

    watch.timeout.connect(press_cancel_once_it_runs)
    watch.start(5)
    assert runner.run_long(window, "Lang werk…", until_cancelled) is None
    assert not runner.busy


def test_one_action_at_a_time(db: Database, window: QWidget, messages: MessageBoxes) -> None:
    runner = runner_for(window, db.sessions)
    inner: list[object] = []
    assert runner.run(window, lambda: inner.append(runner.run(window, lambda: 1)) or "outer") == "outer"
    assert inner == [None] and messages.titles["warning"] == ["Beoordelaar"] and messages["warning"] == [BUSY_TEXT]
