"""The public face of this phase for the GUI and the CLI: its user actions, the plain rows they return and
the rules a screen shows. Nothing else of core.registrations is imported from outside the core."""

from beoordelaar.core.registrations.answers import parse_decimal
from beoordelaar.core.registrations.column_mapping import ColumnMapping
from beoordelaar.core.registrations.findings_export import write_findings_xlsx
from beoordelaar.core.registrations.import_rows import Severity
from beoordelaar.core.registrations.importing import (
    Finding,
    ImportCancelled,
    ImportResult,
    LoadedExport,
    RowOutcome,
    apply_import,
    load_export,
    preview_import,
    save_mapping,
)
from beoordelaar.core.registrations.registration_details import (
    DeclaredAnswerRow,
    RegistrationDetails,
    assessor_names,
    registration_details,
    round_criteria,
)
from beoordelaar.core.registrations.registration_documents import (
    DocumentRow,
    document_file,
    document_for_viewing,
    document_to_show,
    list_documents,
)
from beoordelaar.core.registrations.registrations import RegistrationRow, list_registrations, resolve_registration
from beoordelaar.core.registrations.viewing_copies import remove_viewing_copies

__all__ = [
    "ColumnMapping",
    "DeclaredAnswerRow",
    "DocumentRow",
    "Finding",
    "ImportCancelled",
    "ImportResult",
    "LoadedExport",
    "RegistrationDetails",
    "RegistrationRow",
    "RowOutcome",
    "Severity",
    "apply_import",
    "assessor_names",
    "document_file",
    "document_for_viewing",
    "document_to_show",
    "list_documents",
    "list_registrations",
    "load_export",
    "parse_decimal",
    "preview_import",
    "registration_details",
    "remove_viewing_copies",
    "resolve_registration",
    "round_criteria",
    "save_mapping",
    "write_findings_xlsx",
]
