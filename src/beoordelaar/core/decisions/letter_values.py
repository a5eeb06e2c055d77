"""Placeholder values a letter takes from the round's settings and framework rather than from the decision: the
standstill period as the letter states it, the paragraph on legal protection, the Open House paragraphs configured
for the round (klachtenloket, next entry moment, continuity of care), and what was assessed and how."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from beoordelaar.core.decisions.document_settings_rules import DocumentSettings
from beoordelaar.core.decisions.standstill import standstill_period
from beoordelaar.core.rounds.framework import Framework, Part, Rounding, ScoringModel
from beoordelaar.core.rounds.procedure import Outcome
from beoordelaar.core.text import number_text

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


def open_house_values(settings: DocumentSettings, outcome: Outcome) -> dict[str, str]:
    """The Open House paragraphs, each empty (and so left out) where the round has not configured it. The
    continuity paragraph is for providers that are not admitted: their clients already in care must not fall
    between two stools."""
    desk = " ".join(settings.complaints_desk.split()).rstrip(".")
    moment = " ".join(settings.entry_moment.split()).rstrip(".")
    complaints = (
        f"Bent u het niet eens met dit besluit, dan kunt u zich ook wenden tot het klachtenloket van de regio: "
        f"{desk}. Het klachtenloket is een voorziening van de regio, geen wettelijke procedure."
        if desk
        else ""
    )
    if not moment:
        entry = ""
    elif outcome is Outcome.REJECT:
        entry = f"Het volgende toetredingsmoment is {moment}. U kunt zich dan opnieuw aanmelden."
    else:
        entry = f"Het volgende toetredingsmoment is {moment}. U kunt zich dan ook aanmelden voor andere percelen."
    continuity = " ".join(settings.continuity_text.split()) if outcome is Outcome.REJECT else ""
    return {"klachtenloket": complaints, "toetredingsmoment": entry, "continuiteit": continuity}


_ROUNDING = {
    Rounding.NEAREST_STEP: (
        "afgerond naar de dichtstbijzijnde stap van de schaal (precies ertussen: de hogere stap); het minimum is "
        "getoetst op het onafgeronde gemiddelde"
    ),
    Rounding.DOWN_TO_STEP: (
        "afgerond naar de hoogste stap van de schaal die niet boven het gemiddelde ligt; het minimum is getoetst op "
        "het onafgeronde gemiddelde"
    ),
    Rounding.NONE: (
        "niet afgerond: met het exacte gemiddelde is gerekend, scores en totaal staan hier op twee decimalen"
    ),
}
_PARTS = {Part.EXCLUSION: "de uitsluitingsgronden", Part.REQUIREMENT: "de geschiktheidseisen"}


def _listing(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def _scale_text(framework: Framework) -> str:
    scales = {c.scale for c in framework.plan_criteria if c.scale is not None}
    if len(scales) != 1:
        return ""
    steps = next(iter(scales)).steps
    low, high = steps[0], steps[-1]
    return (
        f" De schaal loopt van {number_text(low.value)} ({low.label.lower()}) tot {number_text(high.value)} "
        f"({high.label.lower()})."
    )


def _version_text(framework: Framework) -> str:
    """Which framework version the assessment applied: a procedure runs for years and its framework can be amended."""
    return f" Beoordeeld volgens het beoordelingskader {framework.name}, versie {framework.version}."


def assessment_values(framework: Framework) -> dict[str, str]:
    """What the letter says about the assessment, from the framework the round used: what was assessed (its parts
    and the titles of its plan criteria), how the commission came to its scores, and what the score is called."""
    assessed = [text for part, text in _PARTS.items() if framework.by_part(part)]
    titles = [c.title for c in framework.plan_criteria]
    if titles:
        quoted = _listing([f"“{t}”" for t in titles])
        assessed.append(("het criterium " if len(titles) == 1 else "de criteria ") + quoted)
    if framework.scoring_model is ScoringModel.AVERAGING:
        method = (
            "Elk lid van de commissie heeft elk criterium zelfstandig beoordeeld. De score per criterium is het "
            f"gemiddelde van hun scores, {_ROUNDING[framework.rounding]}."
        )
        kind = (
            "de score van de commissie (het exacte gemiddelde, op twee decimalen weergegeven)"
            if framework.rounding is Rounding.NONE
            else "de score van de commissie (het gemiddelde, afgerond volgens het beoordelingskader)"
        )
    else:
        method = (
            "Elk lid van de commissie heeft eerst zelfstandig beoordeeld. Daarna heeft de commissie in een "
            "consensusbespreking per criterium één score met een eigen motivering vastgesteld."
        )
        kind = "de consensusscore van de commissie"
    return {
        "beoordeeld_op": _listing(assessed) if assessed else "de criteria van het beoordelingskader",
        "scoremethode": method + _scale_text(framework) + _version_text(framework),
        "soort_score": kind,
    }
