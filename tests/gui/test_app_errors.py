"""Starting the app: the user's world gets a Dutch message and nothing changes; our own bugs get a report."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from beoordelaar.core.paths import viewing_copies_dir
from beoordelaar.core.registrations.viewing_copies import write_viewing_copy
from beoordelaar.core.storage.database import open_database
from beoordelaar.ui import app as app_module
from beoordelaar.ui.app import run_gui
from beoordelaar.ui.common import error_report
from beoordelaar.ui.main_window import MainWindow
from engines import FILE_LOCK
from helpers import MessageBoxes


def test_a_file_that_is_no_database_is_refused_in_dutch(
    qapp: QApplication, tmp_path: Path, messages: MessageBoxes
) -> None:
    path = tmp_path / "notities.sqlite"
    content = b"Dit is een tekstbestand, geen database.\n" * 20
    path.write_bytes(content)
    hook = sys.excepthook

    assert run_gui(path) == 1

    [(title, text)] = zip(messages.titles["critical"], messages["critical"], strict=True)
    assert title == "Beoordelaar kan niet starten"
    assert "geen database van Beoordelaar" in text
    assert str(path) in text
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "notities.sqlite"]  # no lock, no backup left
    assert sys.excepthook is hook  # the bug hook is removed again


@pytest.mark.sqlite_only(reason=FILE_LOCK)
def test_a_database_in_use_is_refused(qapp: QApplication, db_path: Path, messages: MessageBoxes) -> None:
    database = open_database(db_path)
    try:
        assert run_gui(db_path) == 1
    finally:
        database.close()
    [text] = messages["critical"]
    assert "al geopend" in text


def _run_gui_doing(user: Callable[[], object], db_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """run_gui with its event loop replaced by what the user does in it, after which the main window is closed."""

    def fake_exec() -> int:
        user()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow):
                widget.close()
        return 0

    monkeypatch.setattr(app_module.QApplication, "exec", staticmethod(fake_exec))
    return run_gui(db_path, actor="tester")


def test_a_good_database_opens_the_window_and_is_closed_after(
    qapp: QApplication, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def look() -> None:
        seen.extend(
            w.windowTitle() for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )

    assert _run_gui_doing(look, db_path, monkeypatch) == 0
    assert seen == ["Beoordelaar"]
    assert qapp.applicationName() == "Beoordelaar"
    open_database(db_path).close()  # the lock was released


def test_documents_opened_during_the_run_are_removed_when_the_app_closes(
    qapp: QApplication, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(b"%PDF-1.4 a plan")
    copies: list[Path] = []

    def open_a_plan_in_its_own_window() -> None:
        copies.append(write_viewing_copy(plan, "plan (kopie ter inzage 0a1b2c3d).pdf"))

    assert _run_gui_doing(open_a_plan_in_its_own_window, db_path, monkeypatch) == 0
    [copy] = copies
    assert copy.parent == viewing_copies_dir() and not copy.exists()
    assert plan.is_file()


def test_our_own_bug_shows_the_traceback_to_copy(
    qapp: QApplication, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        boxes.append(box)
        copy = next(b for b in box.buttons() if "kopiëren" in b.text())
        copy.click()  # closes the box, as the user's click would
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(error_report.QMessageBox, "exec", fake_exec)
    try:
        raise RuntimeError("kapot")
    except RuntimeError as exc:
        error_report.show_bug_report(type(exc), exc, exc.__traceback__)

    [box] = boxes
    assert box.windowTitle() == "Onverwachte fout"
    assert "fout in het programma" in box.text()
    assert "RuntimeError: kapot" in box.detailedText()
    assert "Beoordelaar" in box.detailedText()
    assert "RuntimeError: kapot" in QApplication.clipboard().text()


def test_exception_hook_is_installed_and_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    before = sys.excepthook
    restore = error_report.install_exception_hook()
    try:
        assert sys.excepthook is not before
        reported: list[BaseException] = []
        monkeypatch.setattr(error_report, "show_bug_report", lambda _t, exc, _tb, _parent=None: reported.append(exc))
        error = ValueError("onverwacht")
        sys.excepthook(ValueError, error, None)
        assert reported == [error]
    finally:
        restore()
    assert sys.excepthook is before


def test_bezig_met_openen_shows_while_the_database_opens_and_gives_way_to_the_window(
    qapp: QApplication, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database without a round to show at once (so no first look, tests/gui/test_first_look_window.py): the
    opening screen stays until the database is open, then the window takes its place."""
    from beoordelaar.core.storage import database as storage_database
    from beoordelaar.ui.opening_screen import OPENING_TEXT

    def seen() -> tuple[list[str], list[str]]:
        shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        return (
            [w.accessibleName() for w in shown if w.objectName() == "opening-screen"],
            [w.windowTitle() for w in shown if isinstance(w, MainWindow)],
        )

    moments: list[tuple[str, tuple[list[str], list[str]]]] = []
    real_open = storage_database.open_database

    def open_and_note(*args: object, **kwargs: object) -> object:
        moments.append(("database", seen()))
        return real_open(*args, **kwargs)

    monkeypatch.setattr(storage_database, "open_database", open_and_note)
    assert _run_gui_doing(lambda: moments.append(("window", seen())), db_path, monkeypatch) == 0
    assert moments == [("database", ([OPENING_TEXT], [])), ("window", ([], ["Beoordelaar"]))]


def test_a_refusal_takes_the_place_of_bezig_met_openen(
    qapp: QApplication, tmp_path: Path, messages: MessageBoxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "notities.sqlite"
    path.write_bytes(b"geen database\n" * 20)
    shown_with: list[list[QWidget]] = []
    critical = QMessageBox.critical

    def look_then_show(*arguments: object) -> object:
        shown_with.append(
            [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.objectName() == "opening-screen"]
        )
        return critical(*arguments)

    monkeypatch.setattr(QMessageBox, "critical", look_then_show)
    assert run_gui(path) == 1
    assert shown_with == [[]] and "geen database van Beoordelaar" in messages["critical"][0]
