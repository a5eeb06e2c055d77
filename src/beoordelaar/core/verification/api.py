"""The public face of this phase for the GUI and the CLI: its user actions, the plain rows they return and
the rules a screen shows. Nothing else of core.verification is imported from outside the core."""

from beoordelaar.core.verification.interview_documents import invitation_pdf, report_pdf
from beoordelaar.core.verification.interview_files import STATEMENT as DOCUMENT_STATEMENT
from beoordelaar.core.verification.interview_files import add_interview_document, list_interview_documents
from beoordelaar.core.verification.interview_rules import (
    InterviewStatus,
    PointOutcome,
    approval_problems,
    approval_refusal,
    outcomes_for,
    point_problems,
    suggested_interview_moment,
)
from beoordelaar.core.verification.open_items import OpenItem, mark_consolidated, open_items
from beoordelaar.core.verification.verification import (
    Attendee,
    Doubt,
    EqualTreatment,
    InterviewRecord,
    PointInput,
    PointRow,
    approve_interview,
    correct_interview,
    equal_treatment,
    get_interview,
    list_interviews,
    mark_for_verification,
    open_doubts,
    plan_interview,
    record_interview,
)
from beoordelaar.core.verification.verification_context import VerificationContext, verification_context

__all__ = [
    "DOCUMENT_STATEMENT",
    "Attendee",
    "Doubt",
    "EqualTreatment",
    "InterviewRecord",
    "InterviewStatus",
    "OpenItem",
    "PointInput",
    "PointOutcome",
    "PointRow",
    "VerificationContext",
    "add_interview_document",
    "approval_problems",
    "approval_refusal",
    "approve_interview",
    "correct_interview",
    "equal_treatment",
    "get_interview",
    "invitation_pdf",
    "list_interview_documents",
    "list_interviews",
    "mark_consolidated",
    "mark_for_verification",
    "open_doubts",
    "open_items",
    "outcomes_for",
    "plan_interview",
    "point_problems",
    "record_interview",
    "report_pdf",
    "suggested_interview_moment",
    "verification_context",
]
