"""What a page of the main window gets and offers: its context (the database, who acts, the window's actions) and the
protocols the main window calls on it.

A page that shows the current round implements set_round(summary); the main window calls it whenever the round
changes or its data was refreshed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from PySide6.QtGui import QAction

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
