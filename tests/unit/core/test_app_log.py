"""The app's log: a rotating file in the data folder, and faulthandler's crash report carried into it at the next
start."""

from __future__ import annotations

import faulthandler
import logging
import subprocess
import sys
from pathlib import Path

from beoordelaar.core.app_log import BACKUPS, CRASH_FILE, LOG_FILE, MAX_BYTES, active_log, log, start_log
from beoordelaar.core.paths import data_dir, log_dir


def test_the_log_is_in_the_data_folder_and_rotates(tmp_path: Path) -> None:
    assert log_dir().parent == data_dir()
    app_log = start_log()
    try:
        assert app_log.path == log_dir() / LOG_FILE
        assert active_log() == app_log.path
        assert faulthandler.is_enabled()
        for n in range(25):  # 2.5 MB: the log has rotated twice
            log.info("regel %d %s", n, "x" * 100_000)
    finally:
        app_log.stop()
    assert active_log() is None
    text = app_log.path.read_text(encoding="utf-8")
    assert "INFO beoordelaar: regel" in text
    kept = sorted(p.name for p in log_dir().glob(f"{LOG_FILE}*"))
    assert kept == [LOG_FILE, *(f"{LOG_FILE}.{n}" for n in range(1, 3))]
    assert all(p.stat().st_size <= MAX_BYTES + 1000 for p in log_dir().glob(f"{LOG_FILE}*"))
    assert BACKUPS >= 2
    assert not logging.getLogger("beoordelaar").handlers[1:]  # only the NullHandler stays


def test_a_native_crash_reaches_the_log_at_the_next_start(tmp_path: Path) -> None:
    folder = tmp_path / "logboek"
    crash = (
        "import ctypes, sys; from pathlib import Path; from beoordelaar.core.app_log import start_log; "
        f"start_log(Path({str(folder)!r})); ctypes.string_at(0)"  # a segmentation fault, as inside Qt
    )
    result = subprocess.run([sys.executable, "-c", crash], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode != 0
    assert "Fatal Python error" in (folder / CRASH_FILE).read_text(encoding="utf-8")

    app_log = start_log(folder)
    app_log.stop()
    text = app_log.path.read_text(encoding="utf-8")
    assert "De vorige keer stopte Beoordelaar abrupt" in text
    assert "Fatal Python error: Segmentation fault" in text
    assert (folder / CRASH_FILE).read_text(encoding="utf-8") == ""  # taken once, not again at every start
