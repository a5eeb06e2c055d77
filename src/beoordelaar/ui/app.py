"""Starting the desktop app: the QApplication, the database, the main window and the event loop."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from beoordelaar import __version__
from beoordelaar.errors import UserError
from beoordelaar.services.actor import default_actor
from beoordelaar.storage.database import open_database
from beoordelaar.ui.error_report import install_exception_hook, show_bug_report
from beoordelaar.ui.main_window import MainWindow
from beoordelaar.ui.settings import APPLICATION, ORGANISATION

START_FAILED_TITLE = "Beoordelaar kan niet starten"


def application() -> QApplication:
    """The one QApplication, created if needed, with the names QSettings and dialogs use."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    return app


def run_gui(db_path: Path, actor: str | None = None) -> int:
    """Open the database at db_path and show the main window; 1 if the database cannot be used (nothing changed)."""
    app = application()
    restore_hook = install_exception_hook()
    try:
        try:
            database = open_database(db_path)
        except UserError as exc:
            QMessageBox.critical(None, START_FAILED_TITLE, str(exc))
            return 1
        except Exception as exc:  # our bug, not the user's file: report it with details
            show_bug_report(type(exc), exc, exc.__traceback__)
            return 1
        try:
            window = MainWindow(database, actor or default_actor())
            window.show()
            return app.exec()
        finally:
            database.close()
    finally:
        restore_hook()
