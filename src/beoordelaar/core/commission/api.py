"""The public face of this phase for the GUI and the CLI: its user actions, the plain rows they return and
the rules a screen shows. Nothing else of core.commission is imported from outside the core."""

from beoordelaar.core.commission.assessor_minimum import assignment_warnings, registration_warnings
from beoordelaar.core.commission.assessors import (
    AssessorRow,
    add_assessor,
    declare_confidentiality,
    declare_conflict,
    list_assessors,
)
from beoordelaar.core.commission.assignments import (
    MINIMUM_ASSESSORS,
    AssignmentSummary,
    assign_defaults,
    framework_checkers,
)
from beoordelaar.core.commission.check_assignments import CheckChange, change_checks
from beoordelaar.core.commission.declarations import declare_conflict_statement
from beoordelaar.core.commission.member_edits import edit_assessor, remove_assessor
from beoordelaar.core.commission.member_pins import (
    MAX_WRONG_TRIES,
    MIN_PIN,
    MemberProof,
    PinStatus,
    WrongPin,
    clear_member_pin,
    pin_problem,
    pin_status,
    set_member_pin,
    unlock_member,
)
from beoordelaar.core.commission.server_users import (
    SERVER_ROLES,
    AddedUser,
    RemovedUser,
    ServerState,
    add_server_user,
    init_server,
    list_server_users,
    remove_server_user,
)

__all__ = [
    "MAX_WRONG_TRIES",
    "MINIMUM_ASSESSORS",
    "MIN_PIN",
    "SERVER_ROLES",
    "AddedUser",
    "AssessorRow",
    "AssignmentSummary",
    "CheckChange",
    "MemberProof",
    "PinStatus",
    "RemovedUser",
    "ServerState",
    "WrongPin",
    "add_assessor",
    "add_server_user",
    "assign_defaults",
    "assignment_warnings",
    "change_checks",
    "clear_member_pin",
    "declare_confidentiality",
    "declare_conflict",
    "declare_conflict_statement",
    "edit_assessor",
    "framework_checkers",
    "init_server",
    "list_assessors",
    "list_server_users",
    "pin_problem",
    "pin_status",
    "registration_warnings",
    "remove_assessor",
    "remove_server_user",
    "set_member_pin",
    "unlock_member",
]
