"""The phases of a round as the main window shows them: one list of (title, page factory).

To replace a placeholder with a real page, change its factory here. A page that shows the current round implements
set_round(summary); the main window calls it whenever the round changes or its data was refreshed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from beoordelaar.services.rounds import RoundSummary
from beoordelaar.storage.database import Database
from beoordelaar.ui.placeholder import PhasePlaceholder


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


def _placeholder(title: str, text: str) -> Phase:
    return Phase(title, lambda _context: PhasePlaceholder(title, text))


def _registrations_page(context: PageContext) -> QWidget:
    from beoordelaar.ui.registrations_page import RegistrationsPage

    return RegistrationsPage(context)


PHASES: tuple[Phase, ...] = (
    Phase("Inschrijvingen", _registrations_page),
    _placeholder(
        "Beoordelen",
        "Hier verdeelt u het werk over de beoordelaars, met werkpakketten voor wie offline werkt, en leest u hun "
        "retourbestanden in. Elke beoordelaar scoort eerst alleen, met een motivering bij elke score.",
    ),
    _placeholder(
        "Consolideren",
        "Hier ziet u per criterium de spreiding van de individuele scores en de overeenstemming tussen de "
        "beoordelaars, en legt u in de consensusbespreking per criterium één score met motivering vast.",
    ),
    _placeholder(
        "Verificatie",
        "Hier plant en verslaat u verificatiegesprekken met aanbieders over wie twijfel bestaat: per twijfelpunt de "
        "vraag, het antwoord en de uitkomst, ter goedkeuring door de commissie.",
    ),
    _placeholder(
        "Besluiten",
        "Hier stelt Beoordelaar per inschrijving een besluit voor (toelaten, gunnen of afwijzen) met de redenen, "
        "en bevestigt de voorzitter elk besluit.",
    ),
    _placeholder(
        "Documenten",
        "Hier maakt u de besluitbrieven, het beoordelingsrapport (proces-verbaal) en per inschrijving een dossier.",
    ),
)
