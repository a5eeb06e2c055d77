"""The window a start shows from its first look (core/first_look.py): the round and its registrations before the
database is open, the same as the window on the database shows; once attached, the window works as always."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from beoordelaar.core.first_look import first_look
from beoordelaar.core.registrations.api import list_registrations
from beoordelaar.core.storage.database import Database, open_database
from beoordelaar.ui import app as app_module
from beoordelaar.ui.app import run_gui
from beoordelaar.ui.consolidation.consolidation_page import ConsolidationPage
from beoordelaar.ui.main_window import MainWindow
from beoordelaar.ui.registrations.registrations_page import RegistrationsPage
from beoordelaar.ui.settings import remember_worker
from engines import RAW_FILE
from templates import DemoCopies

pytestmark = pytest.mark.sqlite_only(reason=RAW_FILE)


def _seen(window: MainWindow) -> tuple[object, ...]:
    """What the window shows of the round: title, selector, toolbar line, status bar, the first page's table."""
    page = window.stack.currentWidget()
    assert isinstance(page, RegistrationsPage) and page.stack.currentWidget() is page.table
    model = page.table.view.model()
    cells = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    combo = [window.round_combo.itemText(i) for i in range(window.round_combo.count())]
    return (window.windowTitle(), combo, window.round_info.text(), window.counts_label.text(), cells)


@pytest.fixture
def demo_file(db: Database, db_path: Path, cached_demo: DemoCopies) -> Path:
    cached_demo(db, providers=6, actor="Voorzitter")
    db.close()
    return db_path


def test_the_first_look_shows_what_the_window_on_the_database_shows_and_then_works(
    qtbot: QtBot, demo_file: Path
) -> None:
    database = open_database(demo_file)
    on_database = MainWindow(database, "Voorzitter")
    qtbot.addWidget(on_database)
    on_database.show()
    expected = _seen(on_database)
    on_database.close()
    database.close()

    look = first_look(demo_file, None)
    assert look is not None
    window = MainWindow(None, "Voorzitter", first_look=look)
    qtbot.addWidget(window)
    window.show()
    assert _seen(window) == expected

    database = open_database(look.path, locked=look.lock)
    try:
        window.attach(database)
        assert _seen(window) == expected
        window.phase_actions[2].trigger()  # Ctrl+3: another page loads now
        assert isinstance(window.stack.currentWidget(), ConsolidationPage)
        assert window.current_phase() == "Consolideren"
        window.reload_rounds()  # read through the database from here on
        window.phase_actions[0].trigger()
        assert _seen(window) == expected
        registrations = window.stack.currentWidget()
        assert isinstance(registrations, RegistrationsPage)
        assert registrations.current_round is not None
        rows = list_registrations(database.sessions, registrations.current_round.id)
        assert registrations.table.model.rowCount() == len(rows) == 6
        window.close()
    finally:
        database.close()


def test_a_start_on_a_file_shows_the_round_from_its_first_look(
    qapp: QApplication, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    remember_worker("Voorzitter")
    looked: list[object] = []
    real_first_look = app_module.first_look

    def counted(where: str | Path, keep: int | None) -> object:
        looked.append(found := real_first_look(where, keep))
        return found

    seen: list[tuple[object, ...]] = []

    def fake_exec() -> int:
        [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        seen.append(_seen(window))
        assert window.database.sessions is not None  # attached before the event loop runs
        window.close()
        return 0

    monkeypatch.setattr(app_module, "first_look", counted)
    monkeypatch.setattr(app_module.QApplication, "exec", staticmethod(fake_exec))
    assert run_gui(demo_file) == 0
    assert len(looked) == 1 and looked[0] is not None
    [(title, _rounds, _info, counts, cells)] = seen
    assert title.startswith("Beoordelaar – Demo") and counts.startswith("6 inschrijvingen") and len(cells) == 6
    open_database(demo_file).close()  # the lock was let go of


def test_the_opening_screen_gives_way_to_the_first_look_before_the_database_opens(
    qapp: QApplication, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from beoordelaar.core import database as core_database

    remember_worker("Voorzitter")
    moments: list[tuple[list[str], list[str]]] = []
    real_open = core_database.open_database

    def open_and_note(*args: object, **kwargs: object) -> object:
        shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        moments.append((
            [w.objectName() for w in shown if w.objectName() == "opening-screen"],
            [w.windowTitle()[:15] for w in shown if isinstance(w, MainWindow)],
        ))  # fmt: skip
        return real_open(*args, **kwargs)

    def fake_exec() -> int:
        for window in [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]:
            window.close()
        return 0

    monkeypatch.setattr(core_database, "open_database", open_and_note)
    monkeypatch.setattr(app_module.QApplication, "exec", staticmethod(fake_exec))
    assert run_gui(demo_file) == 0
    assert moments == [([], ["Beoordelaar – D"])]  # the first look's window is seen, the opening screen gone
