"""The app's remembered preferences (window geometry, last round): one QSettings store, never the database."""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANISATION = "Beoordelaar"
APPLICATION = "Beoordelaar"


def app_settings() -> QSettings:
    """The user's settings store; independent of the QApplication's names so tests and tools get the same one."""
    return QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANISATION, APPLICATION)
