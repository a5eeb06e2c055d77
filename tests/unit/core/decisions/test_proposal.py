from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from beoordelaar.core.consolidation.exclusion_grounds import ExclusionFinding
from beoordelaar.core.consolidation.spread import exact
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
    assert "0,96" in reason.text and "vereist meer dan 1,00" in reason.text and "zonder afronding" in reason.text


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


def test_weighted_total_of_decimals_is_the_exact_fraction_in_its_shortest_form() -> None:
    """The Decimal path gives what the Fraction path gives, digit for digit: 36 (not 36.00 or 3.6E+1), 5.9, 0."""
    codes = [c.code for c in FRAMEWORK.plan_criteria]
    for values in (
        ["3", "4", "2.50", "1.0", "5"],
        ["0"] * 5,
        ["10", "10", "10", "10", "10"],
        ["0.1", "0.2", "0", "0", "0"],
    ):
        scores = {code: Decimal(value) for code, value in zip(codes, values, strict=False)}
        expected = exact(
            sum((Fraction(scores[c.code]) * Fraction(c.weight) for c in FRAMEWORK.plan_criteria), Fraction(0))
        )
        found = weighted_total(FRAMEWORK, scores)
        assert isinstance(found, Decimal) and str(found) == str(expected)
    thirds = dict.fromkeys(codes, Fraction(20, 3))
    assert weighted_total(FRAMEWORK, thirds) == Fraction(20, 3) * sum(
        Fraction(c.weight) for c in FRAMEWORK.plan_criteria
    )


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


def test_a_rejection_names_the_declared_and_the_verified_value_with_its_source() -> None:
    verified = Settled(
        "De jaarrekening wijkt af van de opgave.", verdict=SettledVerdict.FAIL, verified="0,95",
        verified_source="Jaarrekening 2025, p. 12",
    )  # fmt: skip
    (reason,) = propose(FRAMEWORK, Procedure.OPEN_HOUSE, GOOD_ANSWERS, _plan(4) | {"G6": verified}).reasons
    assert reason.text == (
        "Geschiktheidseis G6 (Current ratio): niet voldaan, opgegeven waarde 1,20; door de commissie geverifieerd 0,95 "
        "(bron: Jaarrekening 2025, p. 12); vereist meer dan 1,00; de eis wordt zonder afronding toegepast. "
        "De jaarrekening wijkt af van de opgave."
    )
    answer = Settled("Geen keurmerk.", verdict=SettledVerdict.FAIL, verified="Geen", verified_source="KvK-uittreksel")
    (reason,) = propose(FRAMEWORK, Procedure.OPEN_HOUSE, GOOD_ANSWERS, _plan(4) | {"G2": answer}).reasons
    assert "opgegeven antwoord 'HKZ'; door de commissie geverifieerd Geen (bron: KvK-uittreksel)." in reason.text


def test_a_declared_exclusion_ground_is_never_decided_by_the_rules() -> None:
    proposal = propose(FRAMEWORK, Procedure.OPEN_HOUSE, GOOD_ANSWERS | {"U1": "Ja"}, _plan(4))
    assert proposal.outcome is None and proposal.blockers == ("U1: uitsluitingsgrond gemeld: beoordelen",)
    # A niet akkoord without the ground named (as an interview outcome may record it) still waits for a person.
    unnamed = _plan(4) | {"U1": Settled("Na het gesprek.", verdict=SettledVerdict.FAIL)}
    proposal = propose(FRAMEWORK, Procedure.OPEN_HOUSE, GOOD_ANSWERS | {"U1": "Ja"}, unnamed)
    assert proposal.blockers == ("U1: uitsluitingsgrond gemeld: beoordelen (welke grond is van toepassing?)",)


def test_a_rejection_on_an_exclusion_ground_names_the_ground_and_sufficient_self_cleaning_passes() -> None:
    answers = GOOD_ANSWERS | {"U1": "Ja"}
    finding = ExclusionFinding("Fraude", "Vonnis van 3 maart 2024", "Een gedragscode", False)
    settled = _plan(4) | {"U1": Settled("Veroordeeld in 2024.", verdict=SettledVerdict.FAIL, finding=finding)}
    proposal = propose(FRAMEWORK, Procedure.OPEN_HOUSE, answers, settled)
    assert proposal.outcome is Outcome.REJECT
    (reason,) = proposal.reasons
    assert reason.text == (
        "Uitsluitingsgrond U1 (Geen verplichte uitsluitingsgrond van toepassing): niet voldaan. Van toepassing: "
        "Fraude. Bewijs: Vonnis van 3 maart 2024. Zelfreinigende maatregelen: Een gedragscode (niet toereikend "
        "volgens de commissie). Veroordeeld in 2024."
    )
    cleansed = ExclusionFinding("Fraude", "Vonnis", "Nieuw bestuur, schade vergoed", True)
    settled = _plan(4) | {"U1": Settled("Zelfreiniging.", verdict=SettledVerdict.PASS, finding=cleansed)}
    assert propose(FRAMEWORK, Procedure.OPEN_HOUSE, answers, settled).outcome is Outcome.ADMIT


def test_a_document_asked_only_of_the_intended_contractor_rejects_no_one_in_the_assessment() -> None:
    for answers in (GOOD_ANSWERS | {"U2": "Nee"}, {k: v for k, v in GOOD_ANSWERS.items() if k != "U2"}):
        proposal = propose(FRAMEWORK, Procedure.TENDER, answers, _plan(4))
        assert proposal.outcome is Outcome.AWARD and not proposal.blockers
    # Should the intended contractor not hand it in before the decision, the commission settles it: not as a ground.
    settled = _plan(4) | {"U2": Settled("Niet overgelegd voor de gunning.", verdict=SettledVerdict.FAIL)}
    (reason,) = propose(FRAMEWORK, Procedure.TENDER, GOOD_ANSWERS, settled).reasons
    assert reason.text.startswith("Bewijsstuk van de beoogde opdrachtnemer U2 (Gedragsverklaring Aanbesteden)")


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
