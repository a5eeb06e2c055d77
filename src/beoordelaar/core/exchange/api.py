"""The public face of this phase for the GUI and the CLI: its user actions, the plain rows they return and
the rules a screen shows. Nothing else of core.exchange is imported from outside the core."""

from beoordelaar.core.exchange.commission_work import (
    MemberProgress,
    OwnConflict,
    OwnDeclaration,
    ScoringContext,
    commission_progress,
    declared_answers,
    laptop_assessor,
    laptop_declaration,
    scoring_context,
)
from beoordelaar.core.exchange.packages import OpenedPackage, export_package, open_package, write_return
from beoordelaar.core.exchange.returns import import_return_file

__all__ = [
    "MemberProgress",
    "OpenedPackage",
    "OwnConflict",
    "OwnDeclaration",
    "ScoringContext",
    "commission_progress",
    "declared_answers",
    "export_package",
    "import_return_file",
    "laptop_assessor",
    "laptop_declaration",
    "open_package",
    "scoring_context",
    "write_return",
]
