"""The public face of this phase for the GUI and the CLI: the procurement across its entry moments (the register
of admitted providers, a re-applicant's history for the chair, dialogue tables)."""

from beoordelaar.core.procurement.dialogue import (
    Candidate,
    DialogueTableRow,
    create_dialogue_table,
    dialogue_tables,
    make_dialogue_invitations,
    record_dialogue_choice,
)
from beoordelaar.core.procurement.provider_history import (
    EarlierLetter,
    EarlierRegistration,
    earlier_applicants,
    provider_history,
)
from beoordelaar.core.procurement.register import WHOLE_REGION, RegisterRow, admitted_register, export_register

__all__ = [
    "WHOLE_REGION",
    "Candidate",
    "DialogueTableRow",
    "EarlierLetter",
    "EarlierRegistration",
    "RegisterRow",
    "admitted_register",
    "create_dialogue_table",
    "dialogue_tables",
    "earlier_applicants",
    "export_register",
    "make_dialogue_invitations",
    "provider_history",
    "record_dialogue_choice",
]
