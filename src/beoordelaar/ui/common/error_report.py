"""Our own bugs: an unexpected exception shows a dialog with the details to copy, instead of a silent crash."""

from __future__ import annotations

import platform
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from beoordelaar import __version__

BUG_TITLE = "Onverwachte fout"
BUG_TEXT = (
    "Er ging iets mis in Beoordelaar. Dit is een fout in het programma, niet in uw werk.\n\n"
    "Wat al was opgeslagen, blijft bewaard; de laatste handeling is mogelijk niet uitgevoerd. "
    "Kopieer de details en stuur ze naar de beheerder of de makers van Beoordelaar."
)

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
    print(details, file=sys.stderr)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    box = QMessageBox(QMessageBox.Icon.Critical, BUG_TITLE, BUG_TEXT, QMessageBox.StandardButton.NoButton, parent)
    box.setDetailedText(details)
    copy = box.addButton("Details &kopiëren", QMessageBox.ButtonRole.ActionRole)
    close = box.addButton("&Sluiten", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(close)
    box.exec()
    if box.clickedButton() is copy:
        QApplication.clipboard().setText(details)


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
