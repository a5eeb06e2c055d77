"""What a page of the main window gets and offers: its context (the database, who acts, the window's actions) and the
protocols the main window calls on it.

A page that shows the current round implements set_round(summary); the main window calls it whenever another round is
chosen, or a new round or new registrations came in. A page that follows actions implements apply_changes(changes):
after every action the runner reports (ui/common/background.py), the main window hands it what changed, at once when
the page is shown, else once it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from PySide6.QtGui import QAction

from beoordelaar.core.changes import Changes
from beoordelaar.core.database import Database
from beoordelaar.core.rounds.api import RoundSummary


@dataclass(frozen=True)
class WindowActions:
    """The main window's actions that pages may offer as buttons (e.g. on an empty page)."""

    new_round: QAction
    import_registrations: QAction


@dataclass(frozen=True)
class PageContext:
    database: Database
    actor: str
    actions: WindowActions


@runtime_checkable
class RoundPage(Protocol):
    def set_round(self, summary: RoundSummary | None) -> None: ...


@runtime_checkable
class ChangesPage(Protocol):
    def apply_changes(self, changes: Changes) -> None: ...
