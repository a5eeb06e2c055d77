"""The public face of this phase for the GUI and the CLI: its user actions, the plain rows they return and
the rules a screen shows. Nothing else of core.rounds is imported from outside the core."""

from beoordelaar.core.rounds.framework import Framework, Part
from beoordelaar.core.rounds.framework_files import builtin_frameworks
from beoordelaar.core.rounds.municipalities import Closure, close_product_group, list_closures, set_municipality
from beoordelaar.core.rounds.procedure import CheckVerdict, Outcome, Procedure, Role, SettledVerdict
from beoordelaar.core.rounds.procurement import (
    EntryMoment,
    MunicipalityRow,
    ProcurementSummary,
    add_entry_moment,
    amend_framework,
    create_procurement,
    list_procurements,
    procurement_of_round,
    resolve_procurement,
)
from beoordelaar.core.rounds.round_edits import RemovedRound, remove_round, rename_round
from beoordelaar.core.rounds.rounds import RoundSummary, create_round, list_rounds, resolve_round

__all__ = [
    "CheckVerdict",
    "Closure",
    "EntryMoment",
    "Framework",
    "MunicipalityRow",
    "Outcome",
    "Part",
    "Procedure",
    "ProcurementSummary",
    "RemovedRound",
    "Role",
    "RoundSummary",
    "SettledVerdict",
    "add_entry_moment",
    "amend_framework",
    "builtin_frameworks",
    "close_product_group",
    "create_procurement",
    "create_round",
    "list_closures",
    "list_procurements",
    "list_rounds",
    "procurement_of_round",
    "remove_round",
    "rename_round",
    "resolve_procurement",
    "resolve_round",
    "set_municipality",
]
