"""The public face of this phase for the GUI and the CLI: its user actions, the plain rows they return and
the rules a screen shows. Nothing else of core.rounds is imported from outside the core."""

from beoordelaar.core.rounds.framework import Framework, Part
from beoordelaar.core.rounds.framework_files import builtin_frameworks
from beoordelaar.core.rounds.laptop import is_laptop_database
from beoordelaar.core.rounds.procedure import CheckVerdict, Outcome, Procedure, Role, SettledVerdict
from beoordelaar.core.rounds.round_edits import RemovedRound, remove_round, rename_round
from beoordelaar.core.rounds.rounds import RoundSummary, create_round, list_rounds, resolve_round

__all__ = [
    "CheckVerdict",
    "Framework",
    "Outcome",
    "Part",
    "Procedure",
    "RemovedRound",
    "Role",
    "RoundSummary",
    "SettledVerdict",
    "builtin_frameworks",
    "create_round",
    "is_laptop_database",
    "list_rounds",
    "remove_round",
    "rename_round",
    "resolve_round",
]
