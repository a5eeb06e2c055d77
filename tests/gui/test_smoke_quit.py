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

from beoordelaar.core.paths import viewing_copies_dir
from beoordelaar.core.storage.database import open_database
from beoordelaar.ui.app import SMOKE_QUIT_ENV
from engines import ON_POSTGRESQL
from templates import DatabaseTemplates


def test_the_smoke_option_opens_the_window_and_quits(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SMOKE_QUIT_ENV, "300")
    viewing_copies_dir().mkdir(parents=True)
    left_by_a_crash = viewing_copies_dir() / "plan-1 (kopie ter inzage 0a1b2c3d).pdf"
    left_by_a_crash.write_bytes(b"%PDF-1.4 a plan opened before the app crashed")
    result = subprocess.run(
        [sys.executable, "-m", "beoordelaar", "--db", str(db_path), "--als", "tester"],
        capture_output=True, text=True, timeout=60, env=dict(os.environ), check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert ON_POSTGRESQL or db_path.exists()  # the app made its database file (a server database exists already)
    open_database(db_path).close()  # and released its lock
    assert not left_by_a_crash.exists()  # the start removed the copy a crashed run left


def test_a_double_clicked_work_package_asks_for_its_code_and_opens_nothing_without_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, templates: DatabaseTemplates
) -> None:
    """The app starts on the package (the installer's file association) and asks for the package's code; it quits
    here without an answer, cleanly, and without the code nothing of the package is in the laptop's database. The
    dialog itself is driven in test_scoring_page.py (a dropped package; the menu)."""
    from beoordelaar.core.rounds.rounds import list_rounds
    from exchange_round import ANNA, export_for, make_round

    chair = templates.open_copy(tmp_path / "voorzitter.sqlite", templates.built(make_round))
    package = export_for(chair, ANNA, tmp_path / f"Werkpakket {ANNA}.bwp").file
    chair.close()
    laptop = tmp_path / "laptop.sqlite"
    monkeypatch.setenv(SMOKE_QUIT_ENV, "4000")
    result = subprocess.run(
        [sys.executable, "-m", "beoordelaar", "--db", str(laptop), "--open", str(package)],
        capture_output=True, text=True, timeout=90, env=dict(os.environ), check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    opened = open_database(laptop)
    try:
        assert list_rounds(opened.sessions) == []
    finally:
        opened.close()
