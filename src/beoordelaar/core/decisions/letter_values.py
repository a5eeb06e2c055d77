"""Placeholder values a letter takes from the round's settings rather than from the decision: the standstill
period as the letter states it, and the paragraph on legal protection."""

from __future__ import annotations

from datetime import date

from beoordelaar.core.decisions.document_settings_rules import DocumentSettings
from beoordelaar.core.decisions.standstill import standstill_period

# Without a clause of the procurement documents the letter claims no vervaltermijn: it says only what is true in
# any case, that the contract can be concluded once the period is over.
NO_CLAUSE = (
    "Wilt u deze beslissing aanvechten, dan kunt u een kort geding aanhangig maken bij de voorzieningenrechter. "
    "Doe dat binnen de opschortende termijn: na afloop daarvan kan de overeenkomst worden gesloten."
)


def remedies_text(settings: DocumentSettings) -> str:
    """The paragraph on legal protection: the procurement documents' clause, quoted, where the round has it."""
    clause = " ".join(settings.remedies_clause.split())
    if not clause:
        return NO_CLAUSE
    source = settings.remedies_source.strip() or "de aanbestedingsstukken"
    return f"Over rechtsbescherming bepaalt {source}: “{clause}”"


def standstill_values(settings: DocumentSettings, sent: date) -> dict[str, str]:
    period = standstill_period(sent, settings.standstill_days, extend_to_working_day=settings.standstill_to_working_day)
    return {
        "opschortende_termijn_dagen": str(period.days),
        "einde_opschortende_termijn": period.end_text,
        "toelichting_termijn": period.explanation,
        "rechtsbescherming": remedies_text(settings),
    }
