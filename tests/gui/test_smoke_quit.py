"""The hidden BEOORDELAAR_SMOKE_QUIT_AFTER_MS (for installer/smoke_test.py): the real event loop runs, the main window
opens, and the app closes it and quits by itself with exit code 0."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from beoordelaar.storage.database import open_database
from beoordelaar.ui.app import SMOKE_QUIT_ENV, run_gui
from beoordelaar.ui.main_window import MainWindow


def test_the_smoke_option_opens_the_window_and_quits(
    qapp: QApplication, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SMOKE_QUIT_ENV, "200")
    seen: list[bool] = []
    QTimer.singleShot(50, lambda: seen.extend(isinstance(w, MainWindow) for w in QApplication.topLevelWidgets()))
    watchdog = QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(lambda: qapp.exit(99))  # never hang the test run if the option does nothing
    watchdog.start(15_000)
    try:
        assert run_gui(db_path, actor="tester") == 0
    finally:
        watchdog.stop()
    assert any(seen)  # the main window was there while the loop ran
    assert not any(w.isVisible() for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    open_database(db_path).close()  # the lock was released
