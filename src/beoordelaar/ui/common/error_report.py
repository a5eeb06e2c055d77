"""Our own bugs: an unexpected exception goes into the log and shows a dialog with the details to copy and the log's
place, instead of a silent crash."""

from __future__ import annotations

import platform
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from beoordelaar import __version__
from beoordelaar.core.app_log import active_log, log

BUG_TITLE = "Onverwachte fout"
BUG_TEXT = (
    "Er ging iets mis in Beoordelaar. Dit is een fout in het programma, niet in uw werk.\n\n"
    "Wat al was opgeslagen, blijft bewaard; de laatste handeling is mogelijk niet uitgevoerd. "
    "Kopieer de details en stuur ze naar de beheerder of de makers van Beoordelaar."
)
LOG_TEXT = "De fout staat ook in het logboek:\n{path}"
NO_LOG_TITLE = "Logboek"
NO_LOG_TEXT = "Er is nog geen logboek: Beoordelaar schrijft het pas wanneer het venster gestart is."

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def bug_details(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    lines = traceback.format_exception(exc_type, exc, tb)
    versions = (
        f"Beoordelaar {__version__} · Python {platform.python_version()} · Qt {qVersion()} · {platform.platform()}"
    )
    return versions + "\n\n" + "".join(lines)


def show_bug_report(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    parent: QWidget | None = None,
) -> None:
    """Print the traceback to stderr and, when a QApplication runs, show it in a dialog with a copy button."""
    details = bug_details(exc_type, exc, tb)
    log.error("Onverwachte fout\n%s", details)
    if sys.stderr is not None:  # the windowed exe on Windows has none: there the log is all that stays
        print(details, file=sys.stderr)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    text = BUG_TEXT
    log_file = active_log()
    if log_file is not None:
        text += "\n\n" + LOG_TEXT.format(path=log_file)
    box = QMessageBox(QMessageBox.Icon.Critical, BUG_TITLE, text, QMessageBox.StandardButton.NoButton, parent)
    box.setDetailedText(details)
    copy = box.addButton("Details &kopiëren", QMessageBox.ButtonRole.ActionRole)
    open_log_button = (
        box.addButton("&Logboek openen", QMessageBox.ButtonRole.ActionRole) if log_file is not None else None
    )
    close = box.addButton("&Sluiten", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(close)
    box.exec()
    if box.clickedButton() is copy:
        QApplication.clipboard().setText(details)
    elif open_log_button is not None and box.clickedButton() is open_log_button:
        open_log(parent)


def open_log(parent: QWidget | None = None) -> bool:
    """Open this run's log file in the system's text viewer; a message when there is none yet."""
    log_file = active_log()
    if log_file is None or not log_file.is_file():
        QMessageBox.information(parent, NO_LOG_TITLE, NO_LOG_TEXT)
        return False
    for handler in log.handlers:
        handler.flush()
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_file)))


class _BugHook:
    """The installed sys.excepthook; it owns whether a report is already showing."""

    def __init__(self) -> None:
        self.reporting = False

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt) or self.reporting:
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.reporting = True  # a failure while reporting must not open dialogs without end
        try:
            show_bug_report(exc_type, exc, tb, QApplication.activeWindow())
        finally:
            self.reporting = False


def install_exception_hook() -> Callable[[], None]:
    """Route uncaught exceptions (also those raised in slots) to the bug dialog; returns a function to undo it."""
    previous: ExceptHook = sys.excepthook
    sys.excepthook = _BugHook()

    def restore() -> None:
        sys.excepthook = previous

    return restore
