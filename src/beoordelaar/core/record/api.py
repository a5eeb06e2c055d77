"""The public face of this phase for the GUI and the CLI: its user actions, the plain rows they return and
the rules a screen shows. Nothing else of core.record is imported from outside the core."""

from beoordelaar.core.record.assessment_report import write_report
from beoordelaar.core.record.audit_check import HistoryCheck, checkpoint_text, verify_history
from beoordelaar.core.record.consensus_meetings import record_consensus_meeting
from beoordelaar.core.record.dossier import build_dossier
from beoordelaar.core.record.dossier_check import verify_dossier
from beoordelaar.core.record.history import registration_history, round_timeline
from beoordelaar.core.record.history_consistency import consistency_text
from beoordelaar.core.record.history_text import (
    HistoryEvent,
    HistoryNames,
    event_changes,
    event_lines,
    event_moment,
)
from beoordelaar.core.record.procedure_facts import (
    ProcedureFacts,
    facts_as_typed,
    procedure_facts,
    set_procedure_facts,
    typed_facts,
)
from beoordelaar.core.record.report_approval import approve_report
from beoordelaar.core.record.round_dossier import build_round_dossier
from beoordelaar.core.record.round_export import export_round
from beoordelaar.core.record.signed_returns import ReturnsCheck, verify_database

__all__ = [
    "HistoryCheck",
    "HistoryEvent",
    "HistoryNames",
    "ProcedureFacts",
    "ReturnsCheck",
    "approve_report",
    "build_dossier",
    "build_round_dossier",
    "checkpoint_text",
    "consistency_text",
    "event_changes",
    "event_lines",
    "event_moment",
    "export_round",
    "facts_as_typed",
    "procedure_facts",
    "record_consensus_meeting",
    "registration_history",
    "round_timeline",
    "set_procedure_facts",
    "typed_facts",
    "verify_database",
    "verify_dossier",
    "verify_history",
    "write_report",
]
