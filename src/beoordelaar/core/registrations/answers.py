"""Reading a provider's declared answers and judging them against a requirement, exactly."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from beoordelaar.core.rounds.framework import AnswerKind, Criterion

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


def answer_meets(criterion: Criterion, text: str | None) -> bool | None:
    """Whether a declared answer meets the criterion on its face; None where a person must judge (text,
    document, an answer that cannot be read). Thresholds are applied without rounding."""
    if text is None or not text.strip():
        return None
    if criterion.answer is AnswerKind.YES_NO:
        answer = parse_yes_no(text)
        if answer is None or criterion.expected is None:
            return None
        return answer == (parse_yes_no(criterion.expected) is True)
    if criterion.answer is AnswerKind.NUMBER and criterion.threshold is not None:
        number = parse_decimal(text)
        return None if number is None else criterion.threshold.passes(number)
    if criterion.answer is AnswerKind.CHOICE:
        wanted = {a.strip().lower() for a in criterion.accepted}
        return text.strip().lower() in wanted
    return None
