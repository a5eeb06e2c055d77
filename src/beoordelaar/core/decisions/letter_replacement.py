"""The paragraph of a letter that replaces one already sent: which letter (its date and kenmerk), and why.

A letter recorded as sent reached the provider; when the decision changes afterwards, the new letter says that it
replaces that one and why, and that its own standstill (in a tender or SAS) replaces the earlier period. A letter
that was made but never sent needs no such paragraph: the provider never had it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from beoordelaar.core.rounds.procedure import Outcome
from beoordelaar.core.text import long_date

_OUTCOME_WORDS = {Outcome.ADMIT: "toelating", Outcome.AWARD: "voornemen tot gunning", Outcome.REJECT: "afwijzing"}


@dataclass(frozen=True)
class SentLetter:
    """The newest letter to a registration that was recorded as sent, as the new letter refers to it."""

    kenmerk: str
    sent_on: date
    outcome: Outcome
    same_decision: bool  # the decision it states is still the current one


def replacement_text(sent: SentLetter, outcome: Outcome, *, standstill: bool, reason: str = "") -> str:
    """'Deze brief vervangt onze brief van 2 oktober 2026 (kenmerk …). Het besluit is gewijzigd: …'."""
    parts = [f"Deze brief vervangt onze brief van {long_date(sent.sent_on)} met kenmerk {sent.kenmerk}."]
    if sent.outcome is not outcome:
        parts.append(
            f"Het besluit over uw inschrijving is gewijzigd: in plaats van {_OUTCOME_WORDS[sent.outcome]} luidt het "
            f"nu {_OUTCOME_WORDS[outcome]}."
        )
    elif not sent.same_decision:
        parts.append(
            f"Het besluit over uw inschrijving is herzien; de uitkomst ({_OUTCOME_WORDS[outcome]}) is gelijk "
            "gebleven, de motivering is gewijzigd."
        )
    else:
        parts.append("Het besluit over uw inschrijving is niet gewijzigd; de brief zelf is aangepast.")
    reason = " ".join(reason.split())
    if reason:
        parts.append(f"De reden: {reason}" + ("" if reason[-1] in ".!?" else "."))
    parts.append("De eerdere brief is hiermee ingetrokken.")
    if standstill:
        parts.append(
            "De opschortende termijn van die brief geldt niet meer: voor dit besluit geldt de termijn in deze brief."
        )
    return " ".join(parts)
