"""Who decides and who signs: the commission advises, the decision is the region's (a mandate), which the letter
says. A commission member (the chair, usually) signs only under a mandate recorded in the round's settings."""

from __future__ import annotations

from collections.abc import Iterable

from beoordelaar.core.decisions.document_settings_rules import DocumentSettings
from beoordelaar.core.decisions.letter_privacy import name_pattern


def signatory_problems(settings: DocumentSettings, member_names: Iterable[str]) -> list[str]:
    """A commission member signing without a recorded mandate would sign as if she decided (Dutch)."""
    signatory = settings.signatory.strip()
    if not signatory or settings.mandate.strip():
        return []
    for name in member_names:
        pattern = name_pattern(name)
        if pattern is not None and pattern.search(signatory):
            return [
                f"De ondertekenaar {signatory} is lid van de beoordelingscommissie. De commissie adviseert; het "
                f"besluit is van {settings.deciding or 'de besluitnemer'}. Leg het mandaat vast waarmee "
                f"{signatory} namens de besluitnemer tekent (documentinstellingen › Afzender › Mandaat), of laat "
                "tekenen door wie het besluit neemt."
            ]
    return []
