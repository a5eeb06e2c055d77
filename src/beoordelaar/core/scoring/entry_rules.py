"""The rules an individual score or requirement check must meet, whoever enters it (screen, sheet, return file)."""

from __future__ import annotations

from decimal import Decimal

from beoordelaar.core.registrations.answers import parse_decimal
from beoordelaar.core.rounds.framework import Criterion, Part
from beoordelaar.core.rounds.procedure import CheckVerdict

CHECK_PARTS = (Part.EXCLUSION, Part.REQUIREMENT)


def read_score(text: str | Decimal | int) -> Decimal | None:
    """A score as typed ("3", "3,5", "3.5") or given; None if it is not a number."""
    if isinstance(text, Decimal):
        return text
    if isinstance(text, int):
        return Decimal(text)
    return parse_decimal(text)


def score_problem(criterion: Criterion, value: Decimal | None, motivation: str, min_length: int) -> str | None:
    """Why this score cannot be saved (Dutch), or None when it can."""
    if criterion.part is not Part.PLAN or criterion.scale is None:
        return f"criterium {criterion.code} is geen criterium van het plan van aanpak en krijgt geen score"
    if value is None:
        return "de score is geen getal"
    if value not in criterion.scale.values:
        steps = ", ".join(str(v) for v in criterion.scale.values)
        return f"score {value} staat niet op de schaal van {criterion.code} ({steps})"
    return motivation_problem(motivation, min_length)


def motivation_length(motivation: str) -> int:
    """A motivation's length as every minimum counts it (scores, consensus, an override): without the white space
    around it."""
    return len(motivation.strip())


def motivation_shortfall(motivation: str, min_length: int) -> int:
    """How many characters a motivation still lacks to reach min_length; 0 when it is long enough."""
    return max(0, min_length - motivation_length(motivation))


def motivation_problem(motivation: str, min_length: int) -> str | None:
    length = motivation_length(motivation)
    if not length:
        return "de motivering ontbreekt; elke score heeft een motivering nodig"
    if motivation_shortfall(motivation, min_length):
        return f"de motivering is te kort ({length} tekens; minstens {min_length})"
    return None


def read_verdict(text: str | CheckVerdict) -> CheckVerdict | None:
    """akkoord / niet-akkoord / twijfel, also as 'Niet akkoord'; None for anything else."""
    if isinstance(text, CheckVerdict):
        return text
    word = "-".join(text.strip().lower().split())
    try:
        return CheckVerdict(word)
    except ValueError:
        return None


def check_problem(criterion: Criterion, verdict: CheckVerdict | None, note: str) -> str | None:
    """Why this check cannot be saved (Dutch), or None when it can."""
    if criterion.part not in CHECK_PARTS:
        return f"criterium {criterion.code} is geen eis of uitsluitingsgrond en wordt niet getoetst"
    if verdict is None:
        return "het oordeel moet akkoord, niet-akkoord of twijfel zijn"
    if verdict is not CheckVerdict.PASS and not note.strip():
        return f"bij '{verdict.label.lower()}' hoort een toelichting"
    return None
