"""The phases of a round as the main window shows them: one list of (title, page factory).

A page that shows the current round implements set_round(summary); the main window calls it whenever the round
changes or its data was refreshed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

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


@dataclass(frozen=True)
class Phase:
    title: str
    factory: Callable[[PageContext], QWidget]


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
