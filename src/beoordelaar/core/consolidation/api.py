"""The public face of this phase for the GUI and the CLI: its user actions, the plain rows they return and
the rules a screen shows. Nothing else of core.consolidation is imported from outside the core."""

from beoordelaar.core.consolidation.agreement import ALPHA_NOT_DEFINED, RELIABLE, alpha_reading, alpha_text
from beoordelaar.core.consolidation.consensus import (
    AgendaRow,
    ConsensusEntry,
    ConsensusSheet,
    CriterionSheet,
    apply_averaging,
    consensus_sheet,
    meeting_agenda,
    open_consensus,
    set_consensus_score,
)
from beoordelaar.core.consolidation.consensus_import import ConsensusImportResult, import_consensus_sheet
from beoordelaar.core.consolidation.consolidation import RegistrationTotals, RoundConsolidation, consolidate_round
from beoordelaar.core.consolidation.consolidation_export import export_consolidation
from beoordelaar.core.consolidation.consolidation_overview import PlanCriterion, RoundOverview, round_overview
from beoordelaar.core.consolidation.exclusion_grounds import ExclusionFinding, finding_text
from beoordelaar.core.consolidation.interview_answers import InterviewAnswer
from beoordelaar.core.consolidation.settlement import (
    RequirementRow,
    count_uncontested,
    requirement_sheet,
    settle_requirement,
    settle_uncontested,
)
from beoordelaar.core.consolidation.spread import (
    Cell,
    CriterionAgreement,
    Exact,
    Flag,
    deviation_reading,
    needs_discussion,
)
from beoordelaar.core.consolidation.unanimous import (
    BulkResult,
    Confirmation,
    UnanimousCell,
    UnanimousCells,
    confirm_unanimous,
    unanimous_cells,
)

__all__ = [
    "ALPHA_NOT_DEFINED",
    "RELIABLE",
    "AgendaRow",
    "BulkResult",
    "Cell",
    "Confirmation",
    "ConsensusEntry",
    "ConsensusImportResult",
    "ConsensusSheet",
    "CriterionAgreement",
    "CriterionSheet",
    "Exact",
    "ExclusionFinding",
    "Flag",
    "InterviewAnswer",
    "PlanCriterion",
    "RegistrationTotals",
    "RequirementRow",
    "RoundConsolidation",
    "RoundOverview",
    "UnanimousCell",
    "UnanimousCells",
    "alpha_reading",
    "alpha_text",
    "apply_averaging",
    "confirm_unanimous",
    "consensus_sheet",
    "consolidate_round",
    "count_uncontested",
    "deviation_reading",
    "export_consolidation",
    "finding_text",
    "import_consensus_sheet",
    "meeting_agenda",
    "needs_discussion",
    "open_consensus",
    "requirement_sheet",
    "round_overview",
    "set_consensus_score",
    "settle_requirement",
    "settle_uncontested",
    "unanimous_cells",
]
