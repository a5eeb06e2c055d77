"""The hidden BEOORDELAAR_SMOKE_QUIT_AFTER_MS (for installer/smoke_test.py): the app starts as a user starts it,
opens the main window, closes it and quits by itself with exit code 0.

It runs in its own process: a real event loop that quits must not share a QApplication with the other tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from beoordelaar.storage.database import open_database
from beoordelaar.ui.app import SMOKE_QUIT_ENV


def test_the_smoke_option_opens_the_window_and_quits(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SMOKE_QUIT_ENV, "300")
    result = subprocess.run(
        [sys.executable, "-m", "beoordelaar", "--db", str(db_path), "--als", "tester"],
        capture_output=True, text=True, timeout=60, env=dict(os.environ), check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert db_path.exists()  # the app made its database
    open_database(db_path).close()  # and released its lock
