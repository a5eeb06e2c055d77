from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from beoordelaar.core.decisions.proposal import Settled, propose, weighted_total
from beoordelaar.core.rounds.framework import Rounding, ScoringModel
from beoordelaar.core.rounds.framework_files import load_framework
from beoordelaar.core.rounds.procedure import Outcome, Procedure, SettledVerdict

FRAMEWORK, _ = load_framework("ijsselland-2022")
GOOD_ANSWERS = {"U1": "Nee", "U2": "Ja", "G1": "Ja", "G2": "HKZ", "G3": "Ja", "G4": "Ja", "G5": "0,30", "G6": "1,20"}


def _plan(score: int) -> dict[str, Settled]:
    return {c.code: Settled(f"Motivering {c.code}", score=Decimal(score)) for c in FRAMEWORK.plan_criteria}


def test_everything_met_admits_in_open_house_and_awards_in_a_tender() -> None:
    assert propose(FRAMEWORK, Procedure.OPEN_HOUSE, GOOD_ANSWERS, _plan(4)).outcome is Outcome.ADMIT
    assert propose(FRAMEWORK, Procedure.TENDER, GOOD_ANSWERS, _plan(4)).outcome is Outcome.AWARD


def test_threshold_missed_by_a_little_rejects_with_value_and_threshold() -> None:
    answers = GOOD_ANSWERS | {"G6": "0,96"}
    proposal = propose(FRAMEWORK, Procedure.OPEN_HOUSE, answers, _plan(4))
    assert proposal.outcome is Outcome.REJECT
    (reason,) = proposal.reasons
    assert reason.code == "G6"
    assert "0,96" in reason.text and "vereist ten minste 1,00" in reason.text and "zonder afronding" in reason.text


def test_plan_below_minimum_rejects_with_score_minimum_and_motivation() -> None:
    settled = _plan(4) | {"P2": Settled("Het netwerk wordt niet benut.", score=Decimal(2))}
    proposal = propose(FRAMEWORK, Procedure.OPEN_HOUSE, GOOD_ANSWERS, settled)
    assert proposal.outcome is Outcome.REJECT
    (reason,) = proposal.reasons
    assert "consensusscore 2 (Onvoldoende)" in reason.text
    assert "minimum 3 (Voldoende)" in reason.text
    assert "Het netwerk wordt niet benut." in reason.text


def test_open_doubt_and_missing_scores_block_the_proposal() -> None:
    settled = {"G3": Settled("", verdict=SettledVerdict.VERIFY)}
    proposal = propose(FRAMEWORK, Procedure.OPEN_HOUSE, GOOD_ANSWERS, settled)
    assert proposal.outcome is None
    assert any(b.startswith("G3: verificatie nodig") for b in proposal.blockers)
    assert any(b.startswith("P1: geen consensusscore") for b in proposal.blockers)


def test_settled_verdict_overrules_the_declared_answer() -> None:
    settled = _plan(4) | {"G3": Settled("Verduidelijkt in het gesprek.", verdict=SettledVerdict.PASS)}
    answers = GOOD_ANSWERS | {"G3": "Deels"}
    assert propose(FRAMEWORK, Procedure.OPEN_HOUSE, answers, settled).outcome is Outcome.ADMIT


def test_weighted_total() -> None:
    scores = {c.code: Decimal(3) for c in FRAMEWORK.plan_criteria}
    weights = sum(c.weight for c in FRAMEWORK.plan_criteria)
    assert weighted_total(FRAMEWORK, scores) == 3 * weights
    scores.pop("P1")
    assert weighted_total(FRAMEWORK, scores) is None


def test_an_averaging_framework_names_its_score_in_the_reasons() -> None:
    averaging = replace(FRAMEWORK, scoring_model=ScoringModel.AVERAGING, rounding=Rounding.NONE)
    settled = _plan(4) | {"P2": Settled("Het netwerk wordt niet benut.", score=Decimal(2))}
    (reason,) = propose(averaging, Procedure.TENDER, GOOD_ANSWERS, settled).reasons
    assert "P2 (" in reason.text and "): gemiddelde score van de commissie 2 (Onvoldoende)" in reason.text
    assert "consensus" not in reason.text
    rounded = replace(averaging, rounding=Rounding.NEAREST_STEP)
    assert "afgeronde gemiddelde score van de commissie 2" in propose(rounded, Procedure.TENDER, GOOD_ANSWERS,
                                                                      settled).reasons[0].text  # fmt: skip
    blocked = propose(averaging, Procedure.TENDER, GOOD_ANSWERS, {})
    assert "P1: geen gemiddelde score van de commissie" in blocked.blockers


def test_a_rounded_average_fails_the_minimum_on_its_unrounded_mean() -> None:
    averaging = replace(FRAMEWORK, scoring_model=ScoringModel.AVERAGING, rounding=Rounding.NEAREST_STEP)
    settled = _plan(4) | {"P2": Settled("Gemiddelde van 3 beoordelaars.", score=Decimal(3), mean=Decimal("2.9"))}
    proposal = propose(averaging, Procedure.OPEN_HOUSE, GOOD_ANSWERS, settled)
    assert proposal.outcome is Outcome.REJECT
    (reason,) = proposal.reasons
    assert reason.code == "P2" and "het onafgeronde gemiddelde 2,9 is aan het minimum getoetst" in reason.text
    assert "minimum 3" in reason.text


def test_the_total_is_summed_from_the_exact_means() -> None:
    from fractions import Fraction

    from beoordelaar.core.text import number_text

    selection, _ = load_framework("noordoost-brabant-selectie")  # weights 3, 2 and 1
    means = {"S1": Fraction(20, 3), "S2": Fraction(20, 3), "S3": Fraction(10, 3)}
    total = weighted_total(selection, dict(means))
    assert total == Fraction(110, 3) and number_text(total) == "36,67"
    shown = [Decimal(number_text(v).replace(",", ".")) for v in means.values()]
    rounded_first = sum(value * weight for value, weight in zip(shown, (3, 2, 1), strict=True))
    assert rounded_first == Decimal("36.68")  # what summing the shown means would give: never used
