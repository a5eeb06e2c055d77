"""One running app per user and database: a second start hands its file to the running window and exits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from beoordelaar.core.storage.database import Database
from beoordelaar.ui.app import SMOKE_QUIT_ENV, follow_later_starts
from beoordelaar.ui.main_window import MainWindow
from beoordelaar.ui.single_instance import InstanceServer, hand_over, server_name
from helpers import WindowOpener


@pytest.fixture
def listening(db: Database, open_window: WindowOpener, monkeypatch: pytest.MonkeyPatch) -> tuple[MainWindow, list]:
    """The running app: its window on the test's database, listening as run_gui does; the packages it was asked to
    open are collected instead of asking for their code."""
    window = open_window()
    asked: list[Path | None] = []
    monkeypatch.setattr(window, "open_work_package", lambda path=None: asked.append(path))
    server = InstanceServer(server_name(db.path), window)
    assert server.listen()
    follow_later_starts(server, [window])
    return window, asked


def test_nothing_listens_so_the_start_goes_on(tmp_path: Path) -> None:
    assert not hand_over(server_name(tmp_path / "elders.sqlite"), None, timeout_ms=500)


def _second_start(name: str, package: Path | None) -> subprocess.Popen[str]:
    """hand_over in a process of its own, as a second start runs it (it blocks on its socket meanwhile)."""
    given = f"Path({str(package)!r})" if package is not None else "None"
    script = (
        "import sys; from pathlib import Path; from PySide6.QtCore import QCoreApplication; "
        "from beoordelaar.ui.single_instance import hand_over; app = QCoreApplication([]); "
        f"sys.exit(0 if hand_over({name!r}, {given}) else 3)"
    )
    return subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE, text=True)


def test_a_second_start_hands_its_package_to_the_running_window(
    db: Database, listening: tuple[MainWindow, list], qtbot: QtBot, tmp_path: Path
) -> None:
    _window, asked = listening
    package = tmp_path / "Werkpakket Anna.bwp"
    second = _second_start(server_name(db.path), package)
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)  # this event loop answers meanwhile
    _out, err = second.communicate()
    assert second.returncode == 0, err  # the running app took it
    qtbot.waitUntil(lambda: asked == [package.resolve()])


def test_a_second_start_without_a_file_only_brings_the_window_forward(
    db: Database, listening: tuple[MainWindow, list], qtbot: QtBot
) -> None:
    _window, asked = listening
    second = _second_start(server_name(db.path), None)
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)
    _out, err = second.communicate()
    assert second.returncode == 0, err
    assert asked == []


def test_a_double_clicked_package_in_a_second_process_goes_to_the_running_app(
    db: Database, listening: tuple[MainWindow, list], qtbot: QtBot, tmp_path: Path
) -> None:
    """The installer's file association starts Beoordelaar.exe --open FILE: that process finds this one, hands the
    file over and ends with 0, without touching the database (this test holds its lock: it would be refused)."""
    _window, asked = listening
    package = tmp_path / "Werkpakket Bram.bwp"
    env = {key: value for key, value in os.environ.items() if key != SMOKE_QUIT_ENV}
    second = subprocess.Popen(
        [sys.executable, "-m", "beoordelaar", "--db", str(db.path), "--open", str(package)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=90_000)  # the app's event loop serves it meanwhile
    _out, err = second.communicate()
    assert second.returncode == 0, err
    assert asked == [package.resolve()]


def test_a_member_scoring_keeps_the_package_closed(
    db: Database, listening: tuple[MainWindow, list], qtbot: QtBot, tmp_path: Path
) -> None:
    window, asked = listening
    window._member = "Anna"  # what the scoring page's member mode sets
    window.take_later_start(tmp_path / "Werkpakket Anna.bwp")
    assert asked == []
    assert "stop eerst met beoordelen als Anna" in window.statusBar().currentMessage()
    window._member = None
