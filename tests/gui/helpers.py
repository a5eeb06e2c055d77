"""What the GUI tests share: the main window opened on a database, a phase's page, keys to the focused widget, a
page on its own, and QMessageBox and QFileDialog faked. The fixtures built on these live in conftest.py beside this."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from beoordelaar.core.commission.api import MemberProof, pin_status, set_member_pin, unlock_member
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.common.page import PageContext, WindowActions
from beoordelaar.ui.common.secrets_dialog import SecretsDialog
from beoordelaar.ui.consolidation.consensus_meeting import ConsensusMeeting
from beoordelaar.ui.consolidation.consolidation_page import ConsolidationPage, ConsolidationView
from beoordelaar.ui.main_window import MainWindow
from beoordelaar.ui.phases import PHASES

T = TypeVar("T", bound=QWidget)
WindowOpener = Callable[..., MainWindow]
"""The open_window fixture: open_window(database=None, actor="tester") -> MainWindow."""


def show_main_window(qtbot: QtBot, database: Database, actor: str) -> MainWindow:
    """The main window on database, shown and active, as after a start."""
    window = MainWindow(database, actor)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def phase_page(window: MainWindow, title: str, kind: type[T]) -> T:
    """The page of the phase with this title ("Beoordelen", "Verificatie", ...)."""
    page = window.pages[[p.title for p in PHASES].index(title)]
    assert isinstance(page, kind)
    return page


def consolidation_view(window: MainWindow, qtbot: QtBot) -> ConsolidationView:
    """Consolideren reached with Ctrl+3, once its table is loaded."""
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = phase_page(window, "Consolideren", ConsolidationPage)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.content)
    return page.content


def open_meeting(view: ConsolidationView, qtbot: QtBot) -> ConsensusMeeting:
    """The consensus meeting window opened from the table with F5, once it is active."""
    view.view.setFocus()
    qtbot.keyClick(view.view, Qt.Key.Key_F5)
    meeting = view._meeting
    assert isinstance(meeting, ConsensusMeeting)
    qtbot.waitExposed(meeting)
    meeting.activateWindow()
    qtbot.waitUntil(meeting.isActiveWindow)
    return meeting


def standalone_page(qtbot: QtBot, kind: type[T], database: Database, actor: str) -> T:
    """A phase's page on its own, without the main window (its window actions kept alive with it)."""
    actions = WindowActions(QAction("Nieuwe ronde"), QAction("Importeren"))
    page = kind(PageContext(database, actor, actions))
    page._test_actions = actions  # type: ignore[attr-defined]
    qtbot.addWidget(page)
    return page


def screen_texts(root: QWidget) -> str:
    """Every text a user can read on the screen: labels, text fields, line edits."""
    parts = [w.text() for w in root.findChildren(QLabel)]
    parts += [w.toPlainText() for w in root.findChildren(QPlainTextEdit)]
    parts += [w.toPlainText() for w in root.findChildren(QTextEdit)]
    parts += [w.text() for w in root.findChildren(QLineEdit)]
    return "\n".join(parts)


def member_proof(database: Database, name: str, pin: str = "eigen pin 1") -> MemberProof:
    """What the chair's computer holds once name typed their own PIN for Beoordelen als… (set first if none)."""
    with database.sessions() as session:
        round_id = (
            session.execute(
                select(m.Assessor.round_id).where(m.Assessor.name == name).order_by(m.Assessor.round_id.desc())
            )
            .scalars()
            .first()
        )
    assert round_id is not None
    if not pin_status(database.sessions, round_id, name).has_pin:
        set_member_pin(database.sessions, round_id, name, pin, actor=name)
    return unlock_member(database.sessions, round_id, name, pin, actor="tester")


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot: QtBot, key: Qt.Key | str, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key to whatever has the focus, as a user at the keyboard would."""
    qtbot.keyClick(focused(), key, modifier)


def wait_for_child(qtbot: QtBot, parent: QWidget, kind: type[T]) -> T:
    """The dialog a mnemonic opens (a mnemonic clicks its button after a short animation), once it is active."""
    qtbot.waitUntil(lambda: parent.findChild(kind) is not None)
    found = parent.findChild(kind)
    assert found is not None
    qtbot.waitUntil(found.isActiveWindow)
    return found


class MessageBoxes(dict[str, list[str]]):
    """QMessageBox's static about, critical, information, question and warning, faked: the texts shown, by kind
    (self["warning"], ...), their titles in self.titles; a question is answered with self.answer."""

    KINDS = ("about", "critical", "information", "question", "warning")

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        super().__init__({kind: [] for kind in self.KINDS})
        self.titles: dict[str, list[str]] = {kind: [] for kind in self.KINDS}
        self.answer = QMessageBox.StandardButton.Yes
        for kind in self.KINDS:
            monkeypatch.setattr(QMessageBox, kind, self._fake(kind))

    def _fake(self, kind: str) -> Callable[..., object]:
        def show(_parent: QWidget | None, title: str, text: str, *_args: object, **_kwargs: object) -> object:
            self[kind].append(text)
            self.titles[kind].append(title)
            if kind == "about":
                return None
            return self.answer if kind == "question" else QMessageBox.StandardButton.Ok

        return show


class FileDialogs:
    """QFileDialog's static getters, faked: each gives the answer a test set (an empty one: cancelled) and keeps
    what the application proposed as the file name (self.proposed) and which dialogs it opened (self.asked)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.proposed: list[str] = []
        self.asked: list[str] = []
        self._answers: dict[str, object] = {}
        for name in ("getSaveFileName", "getOpenFileName", "getOpenFileNames", "getExistingDirectory"):
            monkeypatch.setattr(QFileDialog, name, self._fake(name))

    def save_to(self, path: Path | None, chosen_filter: str = "") -> None:
        """The save dialog answers path, with the file type the user chose (path None: the user cancels)."""
        self._answers["getSaveFileName"] = ("", "") if path is None else (str(path), chosen_filter)

    def open_file(self, path: Path) -> None:
        self._answers["getOpenFileName"] = (str(path), "")

    def open_files(self, paths: Sequence[Path]) -> None:
        self._answers["getOpenFileNames"] = ([str(p) for p in paths], "")

    def choose_folder(self, path: Path) -> None:
        self._answers["getExistingDirectory"] = str(path)

    def _fake(self, name: str) -> Callable[..., object]:
        def ask(
            _parent: QWidget | None = None, _caption: str = "", directory: str = "", *_a: object, **k: object
        ) -> object:
            self.asked.append(name)
            self.proposed.append(str(k.get("dir", directory)))
            if name not in self._answers:
                pytest.fail(f"QFileDialog.{name} was opened, but the test gave it no answer")
            return self._answers[name]

        return ask


class SecretAnswers:
    """Answers for the secrets dialogs (codes, passphrases, fingerprints), typed into the real dialog as it opens:
    answer(values) fills the next dialog's fields by key and presses Enter; answer(None) presses Escape. What each
    dialog said (its intro) is kept in self.intros; a dialog that opens without an answer waiting fails the test."""

    def __init__(self, qtbot: QtBot) -> None:
        self._qtbot = qtbot
        self._queue: list[dict[str, str] | None] = []
        self.intros: list[str] = []
        self.problems: list[str] = []
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._look)

    def answer(self, values: dict[str, str] | None) -> None:
        self._queue.append(values)
        self._timer.start()

    def _look(self) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SecretsDialog) or not dialog.isVisible():
            return
        if not self._queue:
            self._timer.stop()
            dialog.reject()
            pytest.fail("A secrets dialog opened, but the test gave it no answer")
        values = self._queue.pop(0)
        self.intros.append(dialog.intro.text())
        if values is None:
            self._qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        else:
            for key, text in values.items():
                edit = dialog.edits[key]
                edit.setFocus()
                self._qtbot.keyClicks(edit, text)
            self._qtbot.keyClick(dialog.edits[next(iter(values))], Qt.Key.Key_Return)
            if dialog.isVisible():  # refused: the dialog says why and stays; the test's next answer tries again
                self.problems.append(dialog.problem.text())
                for edit in dialog.edits.values():
                    edit.clear()
        if not self._queue:
            self._timer.stop()


def keyboard_back(window: QWidget, qtbot: QtBot) -> None:
    """After a modal dialog, or a progress dialog (an action of more than 400 ms, as on a loaded machine), the window
    is active again: a window manager gives the activation back, the offscreen platform does so late or not at all,
    and the window's shortcuts and mnemonics need it. A test that types next waits for it."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
