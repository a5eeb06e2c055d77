"""The phases of a round as the main window shows them: one list of (title, page factory).

To replace a placeholder with a real page, change its factory here. A page that shows the current round implements
set_round(summary); the main window calls it whenever another round is chosen, or a new round or new registrations
came in. A page that follows actions implements apply_changes(changes): after every action the runner reports
(ui/common/background.py), the main window hands it what changed, at once when the page is shown, else once it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from beoordelaar.core.changes import Changes
from beoordelaar.core.rounds.rounds import RoundSummary
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.common.placeholder import PhasePlaceholder


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


@dataclass(frozen=True)
class Phase:
    title: str
    factory: Callable[[PageContext], QWidget]


def _placeholder(title: str, text: str) -> Phase:
    return Phase(title, lambda _context: PhasePlaceholder(title, text))


def _registrations_page(context: PageContext) -> QWidget:
    from beoordelaar.ui.registrations.registrations_page import RegistrationsPage

    return RegistrationsPage(context)


def _scoring_page(context: PageContext) -> QWidget:
    from beoordelaar.ui.scoring.scoring_page import ScoringPage

    return ScoringPage(context)


def _consolidation_page(context: PageContext) -> QWidget:
    from beoordelaar.ui.consolidation.consolidation_page import ConsolidationPage

    return ConsolidationPage(context)


def _decisions_page(context: PageContext) -> QWidget:
    from beoordelaar.ui.decisions.decisions_page import DecisionsPage

    return DecisionsPage(context)


def _verification_page(context: PageContext) -> QWidget:
    from beoordelaar.ui.verification.verification_page import VerificationPage

    return VerificationPage(context)


def _record_page(context: PageContext) -> QWidget:
    from beoordelaar.ui.record.record_page import RecordPage

    return RecordPage(context)


PHASES: tuple[Phase, ...] = (
    Phase("Inschrijvingen", _registrations_page),
    Phase("Beoordelen", _scoring_page),
    Phase("Consolideren", _consolidation_page),
    Phase("Verificatie", _verification_page),
    Phase("Besluiten", _decisions_page),
    Phase("Documenten", _record_page),
)
