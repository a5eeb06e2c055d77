"""Which actions are the chair's: on an assessor's laptop (a database opened from a work package) they are refused.

A laptop holds one assessor's copy of a round, so whatever it would decide for the commission (members, assignments,
consensus, verification, decisions, the record) is made in the chair's database only.
"""

from __future__ import annotations

from enum import Enum


class ChairAction(Enum):
    """An action only the chair's database takes; the value is how a refusal names it."""

    NEW_ROUND = "een nieuwe ronde aanmaken"
    IMPORT_REGISTRATIONS = "inschrijvingen importeren"
    COMMISSION = "de commissie samenstellen (leden, geheimhouding, belangenverstrengeling)"
    MEMBER_PIN = "de PIN van een lid voor Beoordelen als… instellen, gebruiken of wissen"
    ASSIGN = "taken toewijzen"
    REOPEN = "ingeleverd werk heropenen"
    EXPORT_PACKAGE = "werkpakketten maken"
    CONSOLIDATE = "consolideren (consensus, middelen, eisen vaststellen)"
    VERIFY = "verificatie (twijfels en verificatiegesprekken)"
    DECIDE = "besluiten en brieven"
    DOCUMENT_SETTINGS = "de instellingen van de brieven wijzigen"
    RECORD = "het proces-verbaal, het dossier en de export van de ronde maken"
    MANAGE_ROUND = "een ronde hernoemen of verwijderen"
    PROVIDER_HISTORY = "eerdere inschrijvingen, besluiten en brieven van een aanbieder inzien"
    PROCUREMENT = "de inkoopprocedure beheren (gemeenten, register, dialoogtafels)"


def laptop_refusal(action: ChairAction, assessor: str, round_name: str | None) -> str:
    """The Dutch message that refuses a chair's action on an assessor's laptop."""
    where = f"de laptop van {assessor} voor ronde '{round_name}'" if round_name else f"de laptop van {assessor}"
    return (
        f"Dit is {where} (geopend uit een werkpakket). Hier kunt u niet {action.value}: dat doet de voorzitter "
        "in de eigen database. Er is niets veranderd."
    )
