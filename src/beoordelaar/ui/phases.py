"""The phases of a round as the main window shows them, in workflow order: one list of (title, page factory).

On an assessor's laptop (a round opened from her work package) only the phases marked on_laptop are shown; the
others are the chair's, and the core refuses their actions there anyway."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from beoordelaar.ui.common.page import PageContext


@dataclass(frozen=True)
class Phase:
    title: str
    page: str  # "module:class" of its page, imported when the page is first shown: a start imports one page only
    on_laptop: bool = False

    def factory(self) -> Callable[[PageContext], QWidget]:
        module, name = self.page.split(":")
        return getattr(importlib.import_module(module), name)


PHASES: tuple[Phase, ...] = (
    Phase("Inschrijvingen", "beoordelaar.ui.registrations.registrations_page:RegistrationsPage"),
    Phase("Beoordelen", "beoordelaar.ui.scoring.scoring_page:ScoringPage", on_laptop=True),
    Phase("Consolideren", "beoordelaar.ui.consolidation.consolidation_page:ConsolidationPage"),
    Phase("Verificatie", "beoordelaar.ui.verification.verification_page:VerificationPage"),
    Phase("Besluiten", "beoordelaar.ui.decisions.decisions_page:DecisionsPage"),
    Phase("Documenten", "beoordelaar.ui.record.record_page:RecordPage"),
)
