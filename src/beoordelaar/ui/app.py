"""Starting the desktop app: the QApplication, the database, the main window and the event loop."""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from beoordelaar import __version__
from beoordelaar.core.actor import default_actor
from beoordelaar.core.app_log import AppLog, log, start_log
from beoordelaar.core.errors import UserError
from beoordelaar.core.first_look import FirstLook, first_look
from beoordelaar.ui.common.error_report import install_exception_hook, show_bug_report
from beoordelaar.ui.common.plain_text import plain
from beoordelaar.ui.common.qt_dutch import install_qt_dutch
from beoordelaar.ui.common.qt_messages import route_qt_messages
from beoordelaar.ui.common.worker_dialog import ask_worker
from beoordelaar.ui.help.app_icon import app_icon
from beoordelaar.ui.opening_screen import OpeningScreen
from beoordelaar.ui.settings import APPLICATION, ORGANISATION, app_settings, remember_worker, remembered_worker
from beoordelaar.ui.single_instance import InstanceServer, hand_over, server_name

# The window is imported once "Bezig met openen…" shows, the database layer (SQLAlchemy, the models) once the window
# shows the round read by a first look (run_gui).
if TYPE_CHECKING:
    from beoordelaar.core.database import Database
    from beoordelaar.ui.main_window import MainWindow

START_FAILED_TITLE = "Beoordelaar kan niet starten"
# Hidden, for the smoke test of the frozen app (installer/smoke_test.py): close all windows and quit this many
# milliseconds after the event loop starts, so a headless run (QT_QPA_PLATFORM=offscreen) opens the main window and
# ends by itself with exit code 0. Not for users; unset or empty means: run normally.
SMOKE_QUIT_ENV = "BEOORDELAAR_SMOKE_QUIT_AFTER_MS"
# Hidden, for bench/bench_startup.py: once the main window is painted with its page filled, print "shown <epoch
# seconds> cpu <process seconds>" on stdout, once the event loop runs (the database open, the window taking input)
# "ready …" the same way, and quit, so the bench measures the wall and CPU time from process start to the window seen
# and to the window usable.
SHOWN_QUIT_ENV = "BEOORDELAAR_QUIT_WHEN_SHOWN"
# How long a start waits for the window system to show the main window before it goes on with the database layer (on
# a desktop a few milliseconds; offscreen at once).
EXPOSE_WAIT_MS = 500


def application() -> QApplication:
    """The one QApplication, created if needed, with the names QSettings and dialogs use."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    install_qt_dutch(app)
    return app


def _quit_after_smoke_delay(app: QApplication) -> None:
    delay = os.environ.get(SMOKE_QUIT_ENV, "").strip()
    if not delay:
        return

    def close_and_quit() -> None:
        app.closeAllWindows()  # the main window's closeEvent runs, as when a user closes it
        app.quit()

    QTimer.singleShot(int(delay), close_and_quit)


def _report(what: str) -> None:
    if os.environ.get(SHOWN_QUIT_ENV, "").strip():
        print(f"{what} {time.time():.6f} cpu {time.process_time():.6f}", flush=True)


def _painted(window: MainWindow) -> None:
    """The window shown is painted now, before the work that follows on this thread (the database layer's import): the
    window system's exposure awaited (EXPOSE_WAIT_MS at most), the paint done. What the user types or clicks meanwhile
    waits for the event loop, when the window is attached."""
    no_input = QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
    handle = window.windowHandle()
    if handle is not None and not handle.isExposed():
        waiting = QEventLoop()
        started = time.monotonic()
        poll = QTimer(waiting)
        poll.setInterval(10)
        poll.timeout.connect(
            lambda: waiting.quit() if handle.isExposed() or time.monotonic() - started > EXPOSE_WAIT_MS / 1000 else None
        )
        poll.start()
        waiting.exec(no_input)
        poll.stop()
    window.repaint()
    QApplication.processEvents(no_input)
    _report("shown")


def _quit_when_shown(app: QApplication) -> None:
    """Once the event loop runs with the window open: report the time and quit."""
    if not os.environ.get(SHOWN_QUIT_ENV, "").strip():
        return

    def report_and_quit() -> None:
        _report("ready")
        app.closeAllWindows()
        app.quit()

    QTimer.singleShot(0, report_and_quit)


def known_worker(actor: str | None) -> str | None:
    """Who acts, when nobody has to be asked: the name given (--als), the one this computer remembers, the login in a
    smoke or bench run."""
    if actor:
        return actor
    remembered = remembered_worker()
    if remembered:
        return remembered
    if os.environ.get(SMOKE_QUIT_ENV, "").strip() or os.environ.get(SHOWN_QUIT_ENV, "").strip():
        return default_actor()
    return None


def worker(actor: str | None, before_asking: Callable[[], object] = lambda: None) -> str | None:
    """Who acts in the window: the name given (--als), else the one this computer remembers, else asked once (Wie
    werkt er?, after before_asking); None when the question was cancelled. The smoke run asks nobody: it takes the
    login."""
    known = known_worker(actor)
    if known:
        return known
    before_asking()
    name = ask_worker(None)
    if name is not None:
        remember_worker(name)
    return name


def show_window(
    database: Database | None, actor: str, shown: list[MainWindow] | None = None, *, look: FirstLook | None = None
) -> MainWindow:
    """The main window, shown (and kept in shown); when its worker changes (Bestand › Wie werkt er…) a new window
    under that name takes its place, on the same round. Without a database, the window of a first look (look), which
    is to be attached (MainWindow.attach) before the event loop runs."""
    from beoordelaar.ui.main_window import MainWindow

    shown = [] if shown is None else shown
    window = MainWindow(database, actor, first_look=look)

    def replace(name: str) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.setQuitOnLastWindowClosed(False)  # between the two windows the app goes on
        try:
            window.close()  # remembers the round and the geometry, which the new window takes up
            shown.remove(window)
            window.deleteLater()
            show_window(window.database, name, shown=shown)
        finally:
            app.setQuitOnLastWindowClosed(True)

    window.actor_changed.connect(replace)
    shown.append(window)
    window.show()
    return window


def _first_look(db_path: Path | str, actor: str | None) -> FirstLook | None:
    """The first look at a database file (core/first_look.py) for a window that asks nothing before it shows: the
    worker known, no member scoring here (member mode comes back locked, on the Beoordelen page) and the round to show
    the chair's own (a laptop's round shows the Beoordelen page). None otherwise: the full opening then."""
    from beoordelaar.ui.main_window import LAST_ROUND_KEY, MEMBER_MODE_KEY

    settings = app_settings()
    if known_worker(actor) is None or settings.value(MEMBER_MODE_KEY) is not None:
        return None
    last = settings.value(LAST_ROUND_KEY)
    look = first_look(db_path, int(last) if last is not None and str(last).isdigit() else None)
    if look is not None and (look.shown is None or look.shown.laptop_owner is not None):
        look.release()
        return None
    return look


def _close(opening: OpeningScreen, windows: list[MainWindow]) -> None:
    """Before a refusal: the opening screen, or the window of a first look, goes."""
    opening.close()
    for window in windows:
        window.close()
        window.deleteLater()
    windows.clear()


def follow_later_starts(server: InstanceServer, windows: list[MainWindow]) -> None:
    """A later start of the app hands its file to the window shown now (the newest, after Wie werkt er…)."""
    server.started.connect(lambda path: windows[-1].take_later_start(path) if windows else None)


def run_gui(db_path: Path | str, actor: str | None = None, open_file: Path | None = None) -> int:
    """Open the database at db_path (a file, or a team server's URL: its password is asked when the server wants one)
    and show the main window; 1 if the database cannot be used (nothing changed), 0 if its password was not given.
    actor: who acts (--als); without it the remembered worker, or the one asked at the first start.
    open_file: a work package to open once the window shows (a double-clicked .bwp).
    When this user's app already runs on that database, the start (and open_file) goes to its window: 0 at once."""
    app = application()
    name = server_name(db_path)
    if hand_over(name, open_file):
        return 0
    try:
        app_log: AppLog | None = start_log()
    except OSError:  # a data folder that cannot be written: the database will say so in Dutch; no log then
        app_log = None
    restore_qt_messages = route_qt_messages()
    server = InstanceServer(name)
    restore_hook = install_exception_hook()
    opening = OpeningScreen.shown(report=bool(os.environ.get(SHOWN_QUIT_ENV, "").strip()))
    windows: list[MainWindow] = []  # the window shown, kept alive while the app runs
    look = _first_look(db_path, actor)
    if look is not None:  # the window with the round at once; the database layer while it is seen
        show_window(None, known_worker(actor) or "", windows, look=look)
        opening.close()
        _painted(windows[-1])
    from beoordelaar.core.registrations.api import remove_viewing_copies
    from beoordelaar.ui.server_password import open_asking_password

    remove_viewing_copies()  # what a run that crashed left behind
    try:
        try:
            if look is not None:
                from beoordelaar.core.database import open_database

                opened: Database | None = open_database(look.path, locked=look.lock)
            else:
                opened = open_asking_password(db_path, before_asking=opening.close)
        except UserError as exc:
            log.warning("Start geweigerd: %s", exc)
            _close(opening, windows)
            QMessageBox.critical(None, START_FAILED_TITLE, plain(str(exc)))
            return 1
        except Exception as exc:  # our bug, not the user's file: report it with details
            _close(opening, windows)
            show_bug_report(type(exc), exc, exc.__traceback__)
            return 1
        if opened is None:
            return 0  # the server's password was not given: nothing was opened
        database = opened
        try:
            if look is not None:
                windows[-1].attach(database)
            else:
                # On a team server the login is who works; on a laptop the app asks.
                acting = database.login or worker(actor, before_asking=opening.close)
                if acting is None:
                    return 0  # Wie werkt er? was cancelled: nothing was opened
                show_window(database, acting, windows)
                opening.close()
                _painted(windows[-1])
            follow_later_starts(server, windows)
            _quit_when_shown(app)
            if not gc.isenabled():  # paused for the start (cli.main): what the start made stays, out of its way
                gc.freeze()
                gc.enable()
            server.listen()  # from now on a later start finds this window (before, the database lock refuses it)
            # In the event loop, after every event handled before it (the window's paint): the file opens (its
            # dialogs come then), and the smoke run's timer fires.
            if open_file is not None:
                QTimer.singleShot(0, lambda: windows[-1].open_work_package(open_file))
            _quit_after_smoke_delay(app)
            return app.exec()
        finally:
            database.close()
    finally:
        opening.close()
        server.close()
        remove_viewing_copies()  # the documents opened in their own window; one a viewer still holds, next start
        restore_hook()
        log.info("Beoordelaar gestopt")
        restore_qt_messages()
        if app_log is not None:
            app_log.stop()
