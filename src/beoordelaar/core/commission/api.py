"""The public face of this phase for the GUI and the CLI: its user actions, the plain rows they return and
the rules a screen shows. Nothing else of core.commission is imported from outside the core."""

from beoordelaar.core.commission.assessors import (
    AssessorRow,
    add_assessor,
    declare_confidentiality,
    declare_conflict,
    list_assessors,
)
from beoordelaar.core.commission.assignments import MINIMUM_ASSESSORS, AssignmentSummary, assign_defaults
from beoordelaar.core.commission.declarations import declare_conflict_statement

__all__ = [
    "MINIMUM_ASSESSORS",
    "AssessorRow",
    "AssignmentSummary",
    "add_assessor",
    "assign_defaults",
    "declare_confidentiality",
    "declare_conflict",
    "declare_conflict_statement",
    "list_assessors",
]
