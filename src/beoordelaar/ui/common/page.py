"""What a page of the main window gets and offers: its context (the database, who acts, the window's actions) and the
protocols the main window calls on it.

A page that shows the current round implements set_round(summary); the main window calls it whenever another round is
chosen, or a new round or new registrations came in. A page that follows actions implements apply_changes(changes):
after every action the runner reports (ui/common/background.py), the main window hands it what changed, at once when
the page is shown, else once it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtGui import QAction

# Types only: a start builds the window and its first page before the database layer is imported (ui/app.py).
if TYPE_CHECKING:
    from beoordelaar.core.changes import Changes
    from beoordelaar.core.database import Database
    from beoordelaar.core.registrations.api import RegistrationRow
    from beoordelaar.core.rounds.api import RoundSummary


@dataclass(frozen=True)
class WindowActions:
    """The main window's actions that pages may offer as buttons (e.g. on an empty page)."""

    new_round: QAction
    import_registrations: QAction


class PageContext:
    """The database, who acts and the window's actions. A window started from a first look (core/first_look.py) makes
    its first page before the database is open, and attaches it right after: the pages reach it only once asked to
    act or to read."""

    def __init__(self, database: Database | None, actor: str, actions: WindowActions) -> None:
        self._database = database
        self.actor = actor
        self.actions = actions

    @property
    def database(self) -> Database:
        assert self._database is not None, "the database is attached before the window takes any event"
        return self._database

    def attach(self, database: Database) -> None:
        self._database = database


@runtime_checkable
class RoundPage(Protocol):
    def set_round(self, summary: RoundSummary | None) -> None: ...


@runtime_checkable
class FirstLookPage(Protocol):
    """A page that can show a round from the rows a start read before the database opened (the first page)."""

    def show_first_look(self, summary: RoundSummary, registrations: list[RegistrationRow]) -> None: ...


@runtime_checkable
class ChangesPage(Protocol):
    def apply_changes(self, changes: Changes) -> None: ...
