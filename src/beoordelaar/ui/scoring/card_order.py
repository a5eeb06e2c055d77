"""The order of the cards on the scoring screen, the assessor's choice remembered on this computer: the checks
(exclusion grounds and requirements) first, as the framework lists them, or the plan of approach first."""

from __future__ import annotations

from collections.abc import Sequence

from beoordelaar.core.rounds.api import Part
from beoordelaar.core.scoring.api import WorkItem
from beoordelaar.ui.settings import app_settings

PLAN_FIRST_KEY = "scoring_screen/plan_first"


def plan_first() -> bool:
    return str(app_settings().value(PLAN_FIRST_KEY, "false")).lower() == "true"


def remember_plan_first(on: bool) -> None:
    app_settings().setValue(PLAN_FIRST_KEY, "true" if on else "false")


def in_card_order(items: Sequence[WorkItem], plan_before_checks: bool) -> list[WorkItem]:
    """The items in framework order, the plan criteria moved before the checks when asked (a stable sort)."""
    if not plan_before_checks:
        return list(items)
    return sorted(items, key=lambda item: item.part is not Part.PLAN)
