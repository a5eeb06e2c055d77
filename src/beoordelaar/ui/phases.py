"""The phases of a round as the main window shows them, in workflow order: one list of (title, page factory).

On an assessor's laptop (a round opened from her work package) only the phases marked on_laptop are shown; the
others are the chair's, and the core refuses their actions there anyway."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from beoordelaar.ui.common.page import PageContext
from beoordelaar.ui.consolidation.consolidation_page import ConsolidationPage
from beoordelaar.ui.decisions.decisions_page import DecisionsPage
from beoordelaar.ui.record.record_page import RecordPage
from beoordelaar.ui.registrations.registrations_page import RegistrationsPage
from beoordelaar.ui.scoring.scoring_page import ScoringPage
from beoordelaar.ui.verification.verification_page import VerificationPage


@dataclass(frozen=True)
class Phase:
    title: str
    factory: Callable[[PageContext], QWidget]
    on_laptop: bool = False


PHASES: tuple[Phase, ...] = (
    Phase("Inschrijvingen", RegistrationsPage),
    Phase("Beoordelen", ScoringPage, on_laptop=True),
    Phase("Consolideren", ConsolidationPage),
    Phase("Verificatie", VerificationPage),
    Phase("Besluiten", DecisionsPage),
    Phase("Documenten", RecordPage),
)
