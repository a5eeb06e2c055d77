"""The public face of this phase for the GUI and the CLI: its user actions, the plain rows they return and
the rules a screen shows. Nothing else of core.scoring is imported from outside the core."""

from beoordelaar.core.scoring.by_criterion import CriterionEntry, CriterionWork, work_by_criterion
from beoordelaar.core.scoring.check_sheet import import_check_sheet
from beoordelaar.core.scoring.entry_rules import motivation_length, motivation_problem, motivation_shortfall
from beoordelaar.core.scoring.score_sheet import import_score_sheet
from beoordelaar.core.scoring.scoring import (
    WorkItem,
    Worklist,
    WorkRow,
    hand_in,
    reopen,
    save_check,
    save_draft,
    save_score,
    visible_scores,
    work_items,
    worklist,
)

__all__ = [
    "CriterionEntry",
    "CriterionWork",
    "WorkItem",
    "WorkRow",
    "Worklist",
    "hand_in",
    "import_check_sheet",
    "import_score_sheet",
    "motivation_length",
    "motivation_problem",
    "motivation_shortfall",
    "reopen",
    "save_check",
    "save_draft",
    "save_score",
    "visible_scores",
    "work_by_criterion",
    "work_items",
    "worklist",
]
