"""Reading a provider's declared answers and judging them against a requirement, exactly."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from beoordelaar.core.rounds.framework import AnswerKind, Criterion, Quantity, Threshold
from beoordelaar.core.text import number_text

_YES = {"ja", "j", "yes", "y", "true", "waar", "1", "akkoord"}
_NO = {"nee", "n", "no", "false", "onwaar", "0"}


def parse_yes_no(text: str) -> bool | None:
    """True for Ja, False for Nee, None for anything else (such as "Deels")."""
    word = text.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    return None


_NUMBER = re.compile(r"^[+-]?(\d{1,3}([.\s]\d{3})+|\d+)([.,]\d+)?$|^[+-]?(\d{1,3}(,\d{3})+)(\.\d+)?$")


def parse_decimal(text: str) -> Decimal | None:
    """A number as Dutch or English spreadsheets write it: "0,34", "0.34", "1.234,5", "1,234.5". None if not one.

    A single comma or dot is always the decimal sign: "0,96" is 0.96, never 96.
    """
    value = text.strip().replace("\u00a0", " ")
    if not value or not _NUMBER.match(value):
        return None
    if "," in value and "." in value:
        decimal_sign = "," if value.rfind(",") > value.rfind(".") else "."
    elif value.count(",") == 1 or value.count(".") == 1:
        decimal_sign = "," if "," in value else "."
    else:
        decimal_sign = ""
    thousands = {",", ".", " "} - {decimal_sign}
    digits = "".join(ch for ch in value if ch not in thousands)
    try:
        return Decimal(digits.replace(",", "."))
    except InvalidOperation:
        return None


@dataclass(frozen=True)
class Reading:
    """A declared answer read against its requirement: meets is None where a person must judge, and reason says why
    (in Dutch); value is the number read (as a ratio), if any."""

    meets: bool | None
    value: Decimal | None = None
    reason: str = ""


_PERCENT = re.compile(r"^(.*?)\s*%$")


def read_number(criterion: Criterion, text: str) -> Reading:
    """A number answer: "25%", "25 %", "0,25" and "0.25" are the same ratio; one outside the plausible range, or
    not a number, goes to a person. Compared exactly, never rounded."""
    threshold = criterion.threshold
    assert threshold is not None
    written = text.strip()
    percent = _PERCENT.match(written)
    number = parse_decimal(percent.group(1) if percent else written)
    if number is None:
        return Reading(None, None, f"'{written}' is geen getal: een persoon beoordeelt het antwoord")
    value = number / 100 if percent else number
    if threshold.plausible is not None:
        low, high = threshold.plausible
        if not low <= value <= high:
            return Reading(
                None, value,
                f"'{written}' valt buiten het aannemelijke bereik ({_shown(low, threshold)} tot "
                f"{_shown(high, threshold)}); misschien een andere eenheid: een persoon beoordeelt het antwoord",
            )  # fmt: skip
    return Reading(threshold.passes(value), value)


def _shown(value: Decimal, threshold: Threshold) -> str:
    if threshold.quantity is Quantity.PERCENTAGE:
        return f"{number_text(value * 100)} %"
    return number_text(value, as_written=True)  # 0,20 as the framework writes it


_NOTHING = {"geen", "nee", "niet", "nvt", "n.v.t.", "-", "none", "no"}  # an answer that names nothing at all


def _words(text: str) -> str:
    return " ".join(text.lower().split())


def read_answer(criterion: Criterion, text: str | None) -> Reading:
    """Whether a declared answer meets the criterion on its face; meets None where a person must judge (text,
    document, an unreadable or implausible answer, a closed answer that is not on the list: equivalence is the
    commission's to judge), with the reason."""
    if text is None or not text.strip():
        return Reading(None, None, "geen antwoord opgegeven")
    if criterion.answer is AnswerKind.YES_NO:
        answer = parse_yes_no(text)
        if answer is None or criterion.expected is None:
            return Reading(None, None, f"'{text.strip()}' is geen ja of nee: een persoon beoordeelt het antwoord")
        return Reading(answer == (parse_yes_no(criterion.expected) is True))
    if criterion.answer is AnswerKind.NUMBER and criterion.threshold is not None:
        return read_number(criterion, text)
    if criterion.answer is AnswerKind.CHOICE:
        if _words(text) in {_words(a) for a in (*criterion.accepted, *criterion.equivalents)}:
            return Reading(True)
        if _words(text) in _NOTHING:
            return Reading(False)
        return Reading(
            None, None,
            f"'{text.strip()}' staat niet in de lijst ({', '.join(criterion.accepted)}): gelijkwaardigheid beoordelen",
        )  # fmt: skip
    return Reading(None, None, "een persoon beoordeelt het antwoord")


def answer_meets(criterion: Criterion, text: str | None) -> bool | None:
    """read_answer's verdict alone: True, False, or None where a person must judge."""
    return read_answer(criterion, text).meets


OPERATOR_WORDS = {">=": "ten minste", ">": "meer dan", "<=": "ten hoogste", "<": "minder dan", "==": "precies"}


def threshold_words(threshold: Threshold) -> str:
    """ "ten minste 25 %", "meer dan 1,00": the operator as announced and the value in the framework's unit."""
    return f"{OPERATOR_WORDS[threshold.operator]} {_shown(threshold.value, threshold)}"


def value_words(value: Decimal, threshold: Threshold) -> str:
    """A value read against this threshold, in its unit: "18 %" for a percentage, "1,04" for a ratio."""
    return _shown(value, threshold) if threshold.quantity is Quantity.PERCENTAGE else number_text(value)


INTENDED_ONLY = (
    "alleen gevraagd van de beoogde opdrachtnemer, vóór het besluit tot gunning of toelating; ontbreekt het nu, dan is "
    "dat in de beoordeling geen reden tot afwijzing"
)

INTENDED_ONLY_SHORT = "alleen gevraagd van de beoogde opdrachtnemer, vóór het besluit"


def norm_text(criterion: Criterion) -> str:
    """The norm an answer is held to, in words, as the check card shows it beside the provider's answer."""
    if criterion.asked_of_intended_only:
        return f"Bewijsstuk, {INTENDED_ONLY}."
    if criterion.answer is AnswerKind.YES_NO and criterion.expected is not None:
        yes = parse_yes_no(criterion.expected) is True
        if criterion.part.value == "exclusion" and not yes:
            grounds = f" ({', '.join(criterion.grounds)})" if criterion.grounds else ""
            return (
                f"Voldoet bij 'Nee': er is geen uitsluitingsgrond van toepassing. 'Ja' betekent dat er een grond"
                f"{grounds} is: de commissie stelt vast welke, op welk bewijs, en of zelfreiniging volstaat."
            )
        return f"Voldoet bij '{'Ja' if yes else 'Nee'}'."
    if criterion.answer is AnswerKind.NUMBER and criterion.threshold is not None:
        threshold = criterion.threshold
        words = threshold_words(threshold)
        about = "; ".join(t for t in (threshold.definition, threshold.source) if t)
        return f"Voldoet bij {words}{f' ({about})' if about else ''}, exact: zonder afronding."
    if criterion.answer is AnswerKind.CHOICE:
        same = f"; gelijkwaardig: {', '.join(criterion.equivalents)}" if criterion.equivalents else ""
        return (
            f"Voldoet bij: {', '.join(criterion.accepted)}{same}. Een ander antwoord beoordeelt de commissie op "
            "gelijkwaardigheid."
        )
    return ""


def evidence_text(criterion: Criterion) -> str:
    """The evidence asked, and of whom when that is only the intended contractor, as the check card and report say."""
    if not criterion.evidence or not criterion.asked_of_intended_only:
        return criterion.evidence
    return f"{criterion.evidence} ({INTENDED_ONLY_SHORT})"


def answer_warning(criterion: Criterion, text: str | None) -> str | None:
    """What the check card warns about the declared answer: it misses the norm, or a person must judge it (why).
    A document asked only of the intended contractor is never missing here."""
    if criterion.asked_of_intended_only:
        return None
    reading = read_answer(criterion, text)
    if reading.meets is True:
        return None
    if reading.meets is False and criterion.part.value == "exclusion":
        return "Er is een uitsluitingsgrond gemeld: de commissie beoordeelt welke, het bewijs en de zelfreiniging."
    if reading.meets is False:
        return "Het antwoord voldoet niet aan de norm."
    return reading.reason[:1].upper() + reading.reason[1:] + "." if reading.reason else None
