"""The app's remembered preferences (window geometry, last round): one QSettings store, never the database."""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANISATION = "Beoordelaar"
APPLICATION = "Beoordelaar"


def app_settings() -> QSettings:
    """The user's settings store; independent of the QApplication's names so tests and tools get the same one."""
    return QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


WORKER_KEY = "app/worker"  # who works at this computer: the name the history, the report and decisions show


def remembered_worker() -> str | None:
    """The name of who works here, as chosen at the first start (or later via Bestand › Wie werkt er…)."""
    value = app_settings().value(WORKER_KEY)
    return (value.strip() or None) if isinstance(value, str) else None


def remember_worker(name: str) -> None:
    settings = app_settings()
    settings.setValue(WORKER_KEY, name.strip())
    settings.sync()
