"""The value a requirement's verdict rests on: what the commission verified (read from the jaarrekening, or the
answer it checked), kept beside the declared one. A number's verdict follows it against the threshold, exactly."""

from __future__ import annotations

from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.answers import read_answer, threshold_words, value_words
from beoordelaar.core.rounds.framework import AnswerKind, Criterion
from beoordelaar.core.rounds.procedure import SettledVerdict


def refuse_verdict_against_verified(criterion: Criterion, verdict: SettledVerdict, value: str) -> None:
    """A verified value decides: verificatie nodig no longer fits, and a number's verdict follows it exactly."""
    if verdict is SettledVerdict.VERIFY:
        raise UserError(
            f"Op {criterion.code} is een geverifieerde waarde opgegeven: stel dan akkoord of niet akkoord vast, niet "
            "'verificatie nodig'. Er is niets veranderd."
        )
    if criterion.answer is not AnswerKind.NUMBER or criterion.threshold is None:
        return
    reading = read_answer(criterion, value)
    if reading.value is None or reading.meets is None:
        problem = "is geen getal" if reading.value is None else "valt buiten het aannemelijke bereik (andere eenheid?)"
        raise UserError(
            f"De geverifieerde waarde '{value}' op {criterion.code} {problem}. Schrijf de waarde zoals de jaarrekening "
            "die geeft, bijvoorbeeld 0,25 of 25%. Er is niets veranderd."
        )
    follows = SettledVerdict.PASS if reading.meets else SettledVerdict.FAIL
    if verdict is not follows:
        meets = "voldoet aan" if reading.meets else "voldoet niet aan"
        raise UserError(
            f"De geverifieerde waarde {value_words(reading.value, criterion.threshold)} op {criterion.code} {meets} "
            f"de eis ({threshold_words(criterion.threshold)}, exact, zonder afronding): het oordeel is dan "
            f"'{follows.label}', niet '{verdict.label}'. Er is niets veranderd."
        )
