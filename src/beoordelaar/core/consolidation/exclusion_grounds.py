"""A declared exclusion ground, judged by a person: which ground applies, on what evidence, and whether the provider's
self-cleaning measures (zelfreiniging, art. 2.87a Aw 2012) suffice. A ground whose self-cleaning suffices passes.

A "Ja" on an exclusion ground is never decided automatically: it waits for this finding in the settlement.
"""

from __future__ import annotations

from dataclasses import dataclass

from beoordelaar.core.rounds.framework import Criterion, Part
from beoordelaar.core.rounds.procedure import SettledVerdict

GROUND_DECLARED = "uitsluitingsgrond gemeld: beoordelen"


@dataclass(frozen=True)
class ExclusionFinding:
    """What the commission records when it settles a declared exclusion ground."""

    ground: str = ""  # the ground that applies, as the framework names it ("" where none applies after all)
    evidence: str = ""  # what the finding rests on (a judgement, the UEA, a GVA refused by Justis, ...)
    self_cleaning: str = ""  # the measures the provider showed
    self_cleaning_sufficient: bool | None = None  # the commission's judgement of those measures

    @property
    def is_empty(self) -> bool:
        return not (self.ground or self.evidence or self.self_cleaning) and self.self_cleaning_sufficient is None

    @property
    def cleansed(self) -> bool:
        """A ground applies, but the commission judged the self-cleaning measures sufficient: the ground passes."""
        return bool(self.ground and self.self_cleaning and self.self_cleaning_sufficient)


NO_FINDING = ExclusionFinding()


def stored_finding(
    ground: str | None, evidence: str | None, self_cleaning: str | None, sufficient: bool | None
) -> ExclusionFinding:
    """A finding from its stored columns (empty where none was recorded)."""
    return ExclusionFinding(ground or "", evidence or "", self_cleaning or "", sufficient)


def named_ground(criterion: Criterion, text: str) -> str | None:
    """The framework's spelling of a ground the user typed (case and spaces do not matter); None if it is not one."""
    wanted = " ".join(text.lower().split())
    return next((g for g in criterion.grounds if " ".join(g.lower().split()) == wanted), None)


def finding_problem(
    criterion: Criterion, verdict: SettledVerdict, finding: ExclusionFinding, *, ground_declared: bool
) -> str | None:
    """Why this settlement cannot be recorded (a Dutch sentence for the chair), or None when it can.

    ground_declared: the provider's answer reports a ground (it differs from the expected "Nee")."""
    code = criterion.code
    if criterion.part is not Part.EXCLUSION:
        if finding.is_empty:
            return None
        return f"{code} is geen uitsluitingsgrond: een grond of zelfreiniging hoort er niet bij."
    known = ", ".join(criterion.grounds)
    if finding.ground and criterion.grounds and finding.ground not in criterion.grounds:
        return f"'{finding.ground}' is geen grond van {code}; kies uit: {known}."
    if finding.self_cleaning_sufficient is not None and not finding.self_cleaning:
        return f"Beschrijf bij {code} de zelfreinigende maatregelen waarover de commissie oordeelt."
    if verdict is SettledVerdict.VERIFY:
        return None
    if finding.self_cleaning and finding.self_cleaning_sufficient is None:
        return f"Geef bij {code} het oordeel van de commissie over de zelfreinigende maatregelen: toereikend of niet."
    if (finding.self_cleaning or finding.evidence) and not finding.ground:
        return f"Noem bij {code} de grond waarop het bewijs of de zelfreiniging betrekking heeft."
    if verdict is SettledVerdict.FAIL:
        if ground_declared and not finding.ground and criterion.grounds:
            return f"Noem bij {code} de grond die van toepassing is; kies uit: {known}."
        if finding.cleansed:
            return (
                f"Bij {code} zijn de zelfreinigende maatregelen toereikend geoordeeld: de grond leidt dan niet tot "
                "uitsluiting. Stel akkoord vast, of oordeel dat de maatregelen niet toereikend zijn."
            )
    if finding.ground and not finding.evidence:
        return f"Noem bij {code} het bewijs waarop de vaststelling van '{finding.ground}' rust."
    if verdict is SettledVerdict.PASS and finding.ground and not finding.cleansed:
        return (
            f"Bij {code} is '{finding.ground}' van toepassing: akkoord kan alleen met zelfreinigende maatregelen die "
            "de commissie toereikend oordeelt. Anders: niet akkoord."
        )
    return None


def finding_text(finding: ExclusionFinding) -> str:
    """The finding in one Dutch sentence or a few, for the settlement screen, the CLI, the report and the reasons."""
    if finding.is_empty:
        return ""
    parts = [f"Van toepassing: {finding.ground}." if finding.ground else "Geen grond van toepassing."]
    if finding.evidence:
        parts.append(f"Bewijs: {finding.evidence.rstrip('.')}.")
    if finding.self_cleaning:
        judged = {True: "toereikend", False: "niet toereikend", None: "nog niet beoordeeld"}
        parts.append(
            f"Zelfreinigende maatregelen: {finding.self_cleaning.rstrip('.')} "
            f"({judged[finding.self_cleaning_sufficient]} volgens de commissie)."
        )
    elif finding.ground:
        parts.append("Geen zelfreinigende maatregelen aangetoond.")
    return " ".join(parts)
