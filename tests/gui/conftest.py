"""GUI tests: QSettings of every test live in its own tmp folder, never in the real user's settings; the shared
fixtures over helpers.py: the main window on a database, and QMessageBox and QFileDialog faked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from beoordelaar.core.storage.database import Database
from beoordelaar.ui.main_window import MainWindow
from exchange_round import make_round
from helpers import FileDialogs, MessageBoxes, SecretAnswers, WindowOpener, show_main_window
from templates import DatabaseTemplates


@pytest.fixture(autouse=True)
def _isolated_qsettings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(tmp_path / "qsettings" / scope.name))


@pytest.fixture
def chair(tmp_path: Path, templates: DatabaseTemplates) -> Iterator[Database]:
    """The chair's database with the exchange round (exchange_round.make_round)."""
    database = templates.open_copy(tmp_path / "voorzitter" / "commissie.sqlite", templates.built(make_round))
    yield database
    database.close()


@pytest.fixture
def laptop(tmp_path: Path, templates: DatabaseTemplates) -> Iterator[Database]:
    """An empty database in a folder of its own, for an assessor's laptop to open a work package into."""
    database = templates.open_copy(tmp_path / "laptop" / "laptop.sqlite")
    yield database
    database.close()


@pytest.fixture
def open_window(qtbot: QtBot, request: pytest.FixtureRequest) -> WindowOpener:
    """open_window(database=None, actor="tester"): the main window, shown and active; on this test's db fixture
    unless another database is given."""

    def make(database: Database | None = None, actor: str = "tester") -> MainWindow:
        return show_main_window(qtbot, request.getfixturevalue("db") if database is None else database, actor)

    return make


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> MessageBoxes:
    """QMessageBox faked: messages["warning"] and the other kinds collect the texts; questions answered Yes."""
    return MessageBoxes(monkeypatch)


@pytest.fixture
def file_dialogs(monkeypatch: pytest.MonkeyPatch) -> FileDialogs:
    """QFileDialog faked: file_dialogs.save_to(path), .open_file(path), ... set what the next dialog answers."""
    return FileDialogs(monkeypatch)


@pytest.fixture
def secrets(qtbot: QtBot) -> SecretAnswers:
    """Answers typed into the secrets dialogs as they open (package code, passphrase, fingerprint)."""
    return SecretAnswers(qtbot)
