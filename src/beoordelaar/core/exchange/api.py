"""The public face of this phase for the GUI and the CLI: its user actions, the plain rows they return and
the rules a screen shows. Nothing else of core.exchange is imported from outside the core."""

from beoordelaar.core.exchange.commission_work import (
    MemberProgress,
    OwnConflict,
    OwnDeclaration,
    ScoringContext,
    answer_warnings,
    commission_progress,
    declared_answers,
    laptop_assessor,
    laptop_declaration,
    scoring_context,
)
from beoordelaar.core.exchange.laptop_keys import forget_laptop_key
from beoordelaar.core.exchange.package_export import PackageSummary, export_package
from beoordelaar.core.exchange.package_open import (
    OpenedPackage,
    check_package_code,
    needs_new_passphrase,
    open_package,
)
from beoordelaar.core.exchange.return_writing import ReturnSummary, write_return
from beoordelaar.core.exchange.returns import KeyConfirmationNeeded, import_return_file
from beoordelaar.core.files.keys import MIN_PASSPHRASE, WrongSecret

__all__ = [
    "MIN_PASSPHRASE",
    "KeyConfirmationNeeded",
    "MemberProgress",
    "OpenedPackage",
    "OwnConflict",
    "OwnDeclaration",
    "PackageSummary",
    "ReturnSummary",
    "ScoringContext",
    "WrongSecret",
    "answer_warnings",
    "check_package_code",
    "commission_progress",
    "declared_answers",
    "export_package",
    "forget_laptop_key",
    "import_return_file",
    "laptop_assessor",
    "laptop_declaration",
    "needs_new_passphrase",
    "open_package",
    "scoring_context",
    "write_return",
]
