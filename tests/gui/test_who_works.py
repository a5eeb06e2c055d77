"""Wie werkt er?: asked once at the first start, remembered on this computer, changed via Bestand › Wie werkt er…;
the history records that name, never the computer's login."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from beoordelaar.cli import main
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database, open_database
from beoordelaar.ui import app as app_module
from beoordelaar.ui import main_window as main_window_module
from beoordelaar.ui.common.worker_dialog import WorkerDialog
from beoordelaar.ui.main_window import MainWindow
from beoordelaar.ui.settings import remember_worker, remembered_worker
from helpers import WindowOpener


def test_the_dialog_needs_a_name(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = WorkerDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.name_edit, "  Marieke   Jansen ")
    assert ok.isEnabled() and ok.text() == "&Verder"
    assert dialog.name() == "Marieke Jansen"
    dialog.grab().save(str(tmp_path / "wie-werkt-er.png"))


def test_asked_once_then_remembered_and_als_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[object] = []
    monkeypatch.setattr(app_module, "ask_worker", lambda parent: asked.append(parent) or "Marieke Jansen")
    assert app_module.worker(None) == "Marieke Jansen"
    assert remembered_worker() == "Marieke Jansen"
    assert app_module.worker(None) == "Marieke Jansen"
    assert len(asked) == 1
    assert app_module.worker("Anna") == "Anna"
    monkeypatch.setattr(app_module, "ask_worker", lambda parent: None)
    remember_worker("")
    assert app_module.worker(None) is None  # cancelled: the app opens nothing


def test_the_window_acts_under_the_chosen_name_and_the_history_shows_it(
    qapp: QApplication, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "ask_worker", lambda parent: "Marieke Jansen")
    monkeypatch.setattr(main_window_module, "ask_worker", lambda parent, current: "Anna de Vries")
    seen: list[tuple[str, str]] = []
    earlier = set(QApplication.topLevelWidgets())  # windows of earlier tests not yet deleted are not this app's

    def shown_window() -> MainWindow:
        [window] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, MainWindow) and w.isVisible() and w not in earlier]  # fmt: skip
        return window

    def fake_exec() -> int:
        first = shown_window()
        seen.append((first.actor, first.actor_label.text()))
        menu = first.menuBar().actions()[0].menu()
        assert "&Wie werkt er…" in [a.text() for a in menu.actions()]
        first.worker_action.trigger()
        second = shown_window()
        seen.append((second.actor, second.actor_label.text()))
        dialog = second.open_new_round_dialog()
        dialog.name_edit.setText("Jeugdhulp 2028")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        second.close()
        return 0

    monkeypatch.setattr(app_module.QApplication, "exec", staticmethod(fake_exec))
    assert main(["--db", str(db_path)]) == 0  # no --als: the window asks
    assert seen == [("Marieke Jansen", "Werkt als Marieke Jansen"), ("Anna de Vries", "Werkt als Anna de Vries")]
    assert remembered_worker() == "Anna de Vries"
    database = open_database(db_path)
    try:
        with database.sessions() as session:
            actor = session.execute(
                select(m.AuditEvent.actor).where(m.AuditEvent.action == "round-created")
            ).scalar_one()
    finally:
        database.close()
    assert actor == "Anna de Vries"


def test_the_status_bar_and_the_bestand_menu_show_who_works(open_window: WindowOpener, chair: Database) -> None:
    window = open_window(chair, actor="Marieke Jansen")
    assert window.actor_label.text() == "Werkt als Marieke Jansen"
    assert window.worker_action.isVisible() and window.worker_action.isEnabled()
    window.grab().save(str(Path(chair.path).parent / "venster.png"))
