"""The Help menu of the main window: the guide (F1, at the page of the screen shown), the demo round, the log and
About with the licences."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from beoordelaar.ui.common.error_report import open_log
from beoordelaar.ui.help.about_dialog import AboutDialog
from beoordelaar.ui.help.guide import GuideWindow, page_for

if TYPE_CHECKING:  # types only: the menu is made before the database layer is imported (attach gives the database)
    from beoordelaar.core.database import Database
    from beoordelaar.core.rounds.api import RoundSummary
    from beoordelaar.ui.common.background import ActionRunner

DEMO_LABEL = "De demoronde wordt gemaakt…"


@runtime_checkable
class HelpWindow(Protocol):
    """What the Help menu needs of the main window."""

    @property
    def actor(self) -> str: ...

    def current_phase(self) -> str: ...

    def show_demo_round(self, summary: RoundSummary) -> None: ...


class HelpMenu:
    """The Help menu's actions; the window's current_phase tells which screen F1 explains. It holds the window only
    weakly: the window holds it, and a cycle would keep a deleted window's wrapper alive."""

    def __init__(self, window: QMainWindow) -> None:
        assert isinstance(window, HelpWindow)
        self._window = weakref.ref(window)
        self._database: Database | None = None
        self._runner: ActionRunner | None = None
        self.guide: GuideWindow | None = None

        self.guide_action = QAction("&Handleiding", window)
        self.guide_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))  # F1
        self.guide_action.setStatusTip("De handleiding, bij het scherm waar u bent")
        self.guide_action.triggered.connect(lambda: self.show_guide())
        self.demo_action = QAction("&Demoronde toevoegen", window)
        self.demo_action.setStatusTip("Een ronde met verzonnen aanbieders, scores en besluiten, om rond te kijken")
        self.demo_action.triggered.connect(lambda: self.add_demo_round())
        self.log_action = QAction("&Logboek openen", window)
        self.log_action.setStatusTip("Het logboek van Beoordelaar, om mee te sturen bij een vraag aan de beheerder")
        self.log_action.triggered.connect(lambda: open_log(self._window()))
        self.about_action = QAction("&Over Beoordelaar", window)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(lambda: self.show_about())

    def attach(self, database: Database, runner: ActionRunner) -> None:
        """The window's database and runner, once open (before the window takes any event)."""
        self._database = database
        self._runner = runner

    def fill(self, menu: QMenu) -> None:
        menu.addAction(self.guide_action)
        menu.addAction(self.demo_action)
        menu.addSeparator()
        menu.addAction(self.log_action)
        menu.addSeparator()
        menu.addAction(self.about_action)

    def offer_demo(self, offered: bool) -> None:
        """The demo round is the chair's: not on an assessor's laptop, nor while a member scores."""
        self.demo_action.setVisible(offered)
        self.demo_action.setEnabled(offered)

    def _host(self) -> HelpWindow:
        window = self._window()
        assert window is not None, "the Help menu outlived its window"
        return window

    def show_guide(self, page: str | None = None) -> GuideWindow:
        window = self._host()
        if self.guide is None:
            assert isinstance(window, QWidget)
            self.guide = GuideWindow(window)
        self.guide.show_page(page or page_for(window.current_phase()))
        return self.guide

    def add_demo_round(self) -> RoundSummary | None:
        from beoordelaar.core.demo.api import build_demo  # the demo's builder only when asked for: not at every start

        window = self._host()
        database, actor = self._database, window.actor
        assert database is not None and self._runner is not None
        made = self._runner.run_long(
            self._window(),
            DEMO_LABEL,
            lambda _progress: build_demo(database.sessions, actor=actor, documents=database.documents),
            title="Demoronde",
            cancellable=False,
        )
        if made is not None:
            window.show_demo_round(made)
        return made

    def show_about(self) -> AboutDialog:
        assert self._database is not None
        dialog = AboutDialog(self._database.path, self._window())
        dialog.open()
        return dialog
