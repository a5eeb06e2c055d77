"""What a letter states follows the record: the placing among valid bids or why there is none, the winners per lot
the addressee bid for, an override's motivation, and never a claim its own table contradicts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from beoordelaar.core.consolidation.ranking import Placing
from beoordelaar.core.decisions.document_settings_rules import DocumentSettings
from beoordelaar.core.decisions.letter_content import (
    LetterContent,
    LetterFacts,
    LetterFactsError,
    LotWinners,
    Recipient,
    ScoreLine,
    ScoresTable,
    TextBlock,
    compose_letter,
    lot_outcomes_text,
    winners_summary,
)
from beoordelaar.core.decisions.letter_template_files import default_templates
from beoordelaar.core.decisions.letter_templates import template_key
from beoordelaar.core.decisions.letter_values import assessment_values
from beoordelaar.core.rounds.framework_files import load_framework
from beoordelaar.core.rounds.procedure import Outcome, Procedure

SETTINGS = DocumentSettings(
    sender="Regio IJsselland", signatory="Marieke Jansen", signatory_function="Voorzitter",
    complaints_desk="Klachtenloket Jeugdhulp", letter_date=date(2026, 10, 1), sending_date=date(2026, 10, 2),
)  # fmt: skip


def _line(code: str, score: int, minimum: int = 3) -> ScoreLine:
    return ScoreLine(code, f"Criterium {code}", Decimal(score), "Label", Decimal(minimum), "Voldoende", "Motivering.")


def _facts(outcome: Outcome, procedure: Procedure = Procedure.TENDER, **changes: object) -> LetterFacts:
    values: dict[str, object] = {
        "recipient": Recipient("Stichting De Berk", "R-1", "01234567", lots=("B (Verblijf)",)),
        "procedure": procedure,
        "outcome": outcome,
        "round_name": "Ronde 2026",
        "kenmerk": "JH-1",
        "reasons": (),
        "scores": (_line("P1", 4), _line("P2", 3)),
        "total": Decimal(7),
    }
    values.update(changes)
    return LetterFacts(**values)  # type: ignore[arg-type]


def _compose(facts: LetterFacts) -> LetterContent:
    template = default_templates()[template_key(facts.procedure, facts.outcome)]
    framework, _ = load_framework("ijsselland-2022")
    return compose_letter(facts, SETTINGS, template, date(2026, 9, 1), assessment_values(framework))


def _text(content: LetterContent) -> str:
    return " ".join(block.text for block in content.blocks if isinstance(block, TextBlock))


def test_an_invalid_bid_is_told_it_is_not_ranked_and_why() -> None:
    facts = _facts(
        Outcome.REJECT, reasons=("Geschiktheidseis G2 (Keurmerk): niet voldaan.",),
        not_ranked="de inschrijving voldoet niet aan G2",
        lot_winners=(LotWinners("B (Verblijf)", ("Zorggroep A",)),),
    )  # fmt: skip
    text = _text(_compose(facts))
    assert "Plaats in de rangorde: geen, want alleen geldige inschrijvingen worden gerangschikt" in text
    assert "het minimum halen), en de inschrijving voldoet niet aan G2." in text and "plaats 1" not in text


def test_winners_per_lot_of_the_addressee_and_a_lot_not_awarded() -> None:
    facts = _facts(
        Outcome.AWARD, placings=(Placing("A", 1, 2),),
        recipient=Recipient("Stichting De Berk", "R-1", "01234567", lots=("A (Ambulant)", "B (Verblijf)")),
        lot_winners=(LotWinners("A (Ambulant)", ("Stichting De Berk", "Praktijk B")), LotWinners("B (Verblijf)", ())),
    )  # fmt: skip
    text = _text(_compose(facts))
    assert (
        "perceel A (Ambulant): Stichting De Berk; Praktijk B — perceel B (Verblijf): niet gegund (geen inschrijving "
        "gekozen)"
    ) in text
    assert "plaats 1 van 2 in perceel A" in text


def test_an_overridden_positive_decision_carries_its_motivation_below_the_table() -> None:
    motivation = "De commissie heeft de herziene consensusscore op P2 vastgesteld na het verificatiegesprek."
    content = _compose(_facts(Outcome.ADMIT, Procedure.OPEN_HOUSE, override_motivation=motivation))
    kinds = [type(block) for block in content.blocks]
    after_table = content.blocks[kinds.index(ScoresTable) + 1]
    assert isinstance(after_table, TextBlock) and after_table.text.endswith(motivation)
    assert "wijkt af van het voorstel" in after_table.text


@pytest.mark.parametrize("procedure", [Procedure.OPEN_HOUSE, Procedure.TENDER])
def test_a_positive_letter_above_a_score_below_the_minimum_is_refused(procedure: Procedure) -> None:
    facts = _facts(procedure.positive_outcome, procedure, scores=(_line("P1", 4), _line("P3", 2)))
    with pytest.raises(LetterFactsError, match="P3 onder het minimum"):
        _compose(facts)
    _compose(_facts(Outcome.REJECT, procedure, scores=facts.scores, reasons=("P3 onder het minimum.",)))


def test_a_positive_letter_over_a_failed_requirement_is_refused() -> None:
    with pytest.raises(LetterFactsError, match="niet voldaan aan G6"):
        _compose(_facts(Outcome.ADMIT, Procedure.OPEN_HOUSE, failed=("G6",)))


def test_the_outcome_per_lot_names_only_the_lots_bid_for() -> None:
    lots = ("A (Ambulant)", "B (Verblijf)")
    recipient = Recipient("Stichting De Berk", "R-1", "01234567", lots=lots)
    tender = _facts(
        Outcome.REJECT, recipient=recipient, reasons=("G2",),
        lot_winners=(LotWinners("A (Ambulant)", ("Zorggroep A",)), LotWinners("B (Verblijf)", ())),
    )  # fmt: skip
    assert lot_outcomes_text(tender) == (
        "perceel A (Ambulant): afgewezen — perceel B (Verblijf): afgewezen; dit perceel wordt niet gegund"
    )
    open_house = _facts(Outcome.ADMIT, Procedure.OPEN_HOUSE, recipient=recipient)
    assert lot_outcomes_text(open_house) == "perceel A (Ambulant): toegelaten — perceel B (Verblijf): toegelaten"
    assert lot_outcomes_text(_facts(Outcome.AWARD, recipient=Recipient("X", "R-2", "1"))) == "voornemen tot gunning"


def test_open_house_letters_carry_the_outcome_per_lot_and_the_configured_paragraphs() -> None:
    recipient = Recipient("Stichting De Berk", "R-1", "01234567", lots=("A (Ambulant)", "B (Verblijf)"))
    reject = _facts(Outcome.REJECT, Procedure.OPEN_HOUSE, recipient=recipient, reasons=("G2: niet voldaan.",))
    bare = _text(_compose(reject))
    assert (
        "Het besluit voor elk perceel waarop u heeft ingeschreven: perceel A (Ambulant): niet toegelaten — perceel B "
        "(Verblijf): niet toegelaten."
    ) in bare
    assert "toetredingsmoment" not in bare and "afrondingsafspraken" not in bare  # not configured: left out
    assert bare.endswith(
        "in kort geding. Bent u het niet eens met dit besluit, dan kunt u zich ook wenden tot het klachtenloket van "
        "de regio: Klachtenloket Jeugdhulp. Het klachtenloket is een voorziening van de regio, geen wettelijke "
        "procedure. Heeft u vragen over deze brief, stel ze dan via het inkoopplatform en vermeld het kenmerk JH-1."
    )
    configured = replace(
        SETTINGS, entry_moment="1 juli 2027", continuity_text="Heeft u jeugdigen in zorg, dan maakt u "
        "afrondingsafspraken met de gemeente.",
    )  # fmt: skip
    framework, _ = load_framework("ijsselland-2022")
    template = default_templates()[template_key(Procedure.OPEN_HOUSE, Outcome.REJECT)]
    text = _text(compose_letter(reject, configured, template, date(2026, 9, 1), assessment_values(framework)))
    assert "Heeft u jeugdigen in zorg, dan maakt u afrondingsafspraken met de gemeente. Het volgende " in text
    assert "Het volgende toetredingsmoment is 1 juli 2027. U kunt zich dan opnieuw aanmelden." in text
    without_desk = replace(configured, complaints_desk="")
    text = _text(compose_letter(reject, without_desk, template, date(2026, 9, 1), assessment_values(framework)))
    assert "klachtenloket" not in text and "in kort geding." in text
    admit = _facts(Outcome.ADMIT, Procedure.OPEN_HOUSE, recipient=recipient)
    admit_template = default_templates()[template_key(Procedure.OPEN_HOUSE, Outcome.ADMIT)]
    text = _text(compose_letter(admit, configured, admit_template, date(2026, 9, 1), assessment_values(framework)))
    assert "perceel A (Ambulant): toegelaten — perceel B (Verblijf): toegelaten." in text
    assert "1 juli 2027. U kunt zich dan ook aanmelden voor andere percelen." in text
    assert "afrondingsafspraken" not in text  # continuity is for providers that are not admitted


def test_the_summary_of_the_chosen_bids_uses_the_frameworks_score_name() -> None:
    lines = [(_line("P1", 4), _line("P2", 3))]
    assert "Consensusscores van de gekozen inschrijving per criterium: Criterium P1 4" in winners_summary(lines)
    averaged = winners_summary(lines, None, "gemiddelde scores van de commissie")
    assert "Gemiddelde scores van de commissie van de gekozen inschrijving per criterium" in averaged
    assert "onsensus" not in averaged
