"""The app's log: a rotating file in the user's data folder, and faulthandler's report of a native crash.

The windowed app on Windows has no stderr, so without a file a traceback vanishes when its dialog closes and a native
abort (a crash inside Qt) leaves nothing. faulthandler writes into a file of its own (it cannot follow a rotation);
the next start moves what it wrote into the log, so the log is the one file to send.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
from dataclasses import dataclass
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TextIO

from beoordelaar import __version__
from beoordelaar.core.paths import log_dir

LOG_FILE = "beoordelaar.log"
CRASH_FILE = "vastgelopen.txt"  # faulthandler's output; read into the log at the next start
MAX_BYTES = 1_000_000
BACKUPS = 4  # beoordelaar.log.1 … .4 beside the log: five files of at most 1 MB
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger("beoordelaar")
log.addHandler(logging.NullHandler())  # without a started log (the CLI, tests) nothing is printed twice


@dataclass
class AppLog:
    """A started log; stop() closes it and hands faulthandler back to what it did before."""

    path: Path
    handler: RotatingFileHandler
    crash_file: TextIO
    faulthandler_was_enabled: bool

    def stop(self) -> None:
        log.removeHandler(self.handler)
        self.handler.close()
        faulthandler.disable()
        self.crash_file.close()
        if self.faulthandler_was_enabled and sys.__stderr__ is not None:
            faulthandler.enable(sys.__stderr__)


class _AppLogHandler(RotatingFileHandler):
    """The app's own file handler: how active_log finds the log among the logger's handlers (the logger, not this
    module, holds the state)."""


def active_log() -> Path | None:
    """The log file of this run, once start_log ran; None otherwise (the command line)."""
    for handler in log.handlers:
        if isinstance(handler, _AppLogHandler):
            return Path(handler.baseFilename)
    return None


def start_log(folder: Path | None = None) -> AppLog:
    """Log to folder/beoordelaar.log (default: the data folder's logboek/), rotating at 1 MB, and let faulthandler
    write a native crash to folder/vastgelopen.txt; what a crash of the previous run left there goes into the log."""
    folder = folder or log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    handler = _AppLogHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    crash_path = folder / CRASH_FILE
    _take_previous_crash(crash_path)
    was_enabled = faulthandler.is_enabled()
    crash_file = crash_path.open("w", encoding="utf-8")
    faulthandler.enable(crash_file, all_threads=True)
    log.info("Beoordelaar %s gestart (Python %s, %s)", __version__, sys.version.split()[0], sys.platform)
    return AppLog(path, handler, crash_file, was_enabled)


def _take_previous_crash(crash_path: Path) -> None:
    try:
        left = crash_path.read_text(encoding="utf-8", errors="replace").strip()
    except FileNotFoundError:
        return
    if left:
        log.error("De vorige keer stopte Beoordelaar abrupt (faulthandler):\n%s", left)
