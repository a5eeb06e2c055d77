"""The assessor's choices on the scoring screens, remembered on this computer: the way through the work (by
registration, or one criterion across all registrations) and the order of the cards (the checks, that is exclusion
grounds and requirements, first as the framework lists them, or the plan of approach first)."""

from __future__ import annotations

from collections.abc import Sequence

from beoordelaar.core.rounds.api import Part
from beoordelaar.core.scoring.api import WorkItem
from beoordelaar.ui.settings import app_settings

PLAN_FIRST_KEY = "scoring_screen/plan_first"
BY_CRITERION_KEY = "scoring_screen/by_criterion"


def plan_first() -> bool:
    return str(app_settings().value(PLAN_FIRST_KEY, "false")).lower() == "true"


def remember_plan_first(on: bool) -> None:
    app_settings().setValue(PLAN_FIRST_KEY, "true" if on else "false")


def by_criterion() -> bool:
    return str(app_settings().value(BY_CRITERION_KEY, "false")).lower() == "true"


def remember_by_criterion(on: bool) -> None:
    app_settings().setValue(BY_CRITERION_KEY, "true" if on else "false")


def in_card_order(items: Sequence[WorkItem], plan_before_checks: bool) -> list[WorkItem]:
    """The items in framework order, the plan criteria moved before the checks when asked (a stable sort)."""
    if not plan_before_checks:
        return list(items)
    return sorted(items, key=lambda item: item.part is not Part.PLAN)
