"""Letter templates: unknown placeholders and missing legal paragraphs are refused before printing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from beoordelaar.core.consolidation.ranking import Placing, competition_ranks
from beoordelaar.core.decisions.document_settings_rules import (
    DocumentSettings,
    kenmerk_problems,
    make_kenmerk,
    settings_problems,
)
from beoordelaar.core.decisions.letter_content import (
    LetterFacts,
    ReasonsList,
    Recipient,
    ScoreLine,
    ScoresTable,
    compose_letter,
    winners_summary,
)
from beoordelaar.core.decisions.letter_template_files import default_templates
from beoordelaar.core.decisions.letter_templates import (
    LetterTemplateError,
    PlaceholderBlock,
    TemplateKey,
    check_template,
    fill_template,
    template_key,
    template_problems,
)
from beoordelaar.core.rounds.procedure import Outcome, Procedure

SETTINGS = DocumentSettings(
    sender="Regio IJsselland",
    signatory="Marieke Jansen",
    signatory_function="Voorzitter",
    complaints_desk="Klachtenloket Jeugdhulp",
    letter_date=date(2026, 10, 1),
)
ASSESSMENT = {"beoordeeld_op": "de criteria", "scoremethode": "Door consensus.", "soort_score": "de score"}


def test_every_built_in_template_is_usable() -> None:
    templates = default_templates()
    assert set(templates) == set(TemplateKey)
    for key, template in templates.items():
        assert template_problems(key, template) == [], key


def test_procedure_chooses_the_template() -> None:
    assert template_key(Procedure.OPEN_HOUSE, Outcome.ADMIT) is TemplateKey.OPEN_HOUSE_ADMIT
    assert template_key(Procedure.SAS, Outcome.AWARD) is TemplateKey.TENDER_AWARD
    assert template_key(Procedure.TENDER, Outcome.REJECT) is TemplateKey.TENDER_REJECT


def test_unknown_placeholder_is_refused_not_printed() -> None:
    template = default_templates()[TemplateKey.OPEN_HOUSE_ADMIT]
    edited = replace(template, body=template.body + "\n\nMet dank, {aanbiedr}.")
    problems = template_problems(TemplateKey.OPEN_HOUSE_ADMIT, edited)
    assert any("onbekende plaatshouder {aanbiedr}" in p for p in problems)
    with pytest.raises(LetterTemplateError, match="aanbiedr"):
        fill_template(TemplateKey.OPEN_HOUSE_ADMIT, edited, {})


def test_tender_placeholder_does_not_belong_in_open_house() -> None:
    template = default_templates()[TemplateKey.OPEN_HOUSE_ADMIT]
    edited = replace(template, body=template.body + "\n\nDe termijn eindigt op {einde_opschortende_termijn}.")
    assert any("hoort niet in een brief" in p for p in template_problems(TemplateKey.OPEN_HOUSE_ADMIT, edited))


@pytest.mark.parametrize(
    ("key", "placeholder", "words"),
    [
        (TemplateKey.TENDER_REJECT, "einde_opschortende_termijn", "opschortende termijn"),
        (TemplateKey.TENDER_AWARD, "gekozen_aanbieders", "gekozen aanbieder"),
        (TemplateKey.TENDER_REJECT, "kenmerken_voordelen", "relatieve voordelen"),
        (TemplateKey.OPEN_HOUSE_REJECT, "redenen", "redenen"),
        (TemplateKey.TENDER_AWARD, "rechtsbescherming", "artikel uit de aanbestedingsstukken"),
        (TemplateKey.TENDER_REJECT, "rechtsbescherming", "rechtsbescherming"),
    ],
)
def test_missing_required_paragraph_is_refused(key: TemplateKey, placeholder: str, words: str) -> None:
    template = default_templates()[key]
    kept = [p for p in template.paragraphs() if "{" + placeholder + "}" not in p]
    edited = replace(template, body="\n\n".join(kept))
    problems = template_problems(key, edited)
    assert any("Verplichte alinea ontbreekt" in p and words in p for p in problems), problems


@pytest.mark.parametrize(
    ("added", "found", "why"),
    [
        ("De opdracht wordt gegund aan Zorggroep A.", "'wordt gegund'", "alleen een voornemen tot gunning"),
        ("Daarmee is de opdracht definitief gegund.", "'is de opdracht definitief gegund'", "voornemen"),
        ("Na deze termijn vervalt uw recht om te procederen.", "'vervalt'", "een vervaltermijn bindt alleen als"),
    ],
)
def test_a_tender_template_may_not_award_or_claim_a_vervaltermijn_of_its_own(added: str, found: str, why: str) -> None:
    for key in (TemplateKey.TENDER_AWARD, TemplateKey.TENDER_REJECT):
        template = default_templates()[key]
        problems = template_problems(key, replace(template, body=template.body + "\n\n" + added))
        assert len(problems) == 1 and problems[0].startswith("In alinea ") and f"{found}: " in problems[0], problems
        assert why in problems[0]
    # "Nog niet gegund" says what the law says; Open House admits, and its words are the region's own.
    template = default_templates()[TemplateKey.TENDER_AWARD]
    assert (
        template_problems(TemplateKey.TENDER_AWARD, replace(template, subject="De opdracht is nog niet gegund")) == []
    )
    template = default_templates()[TemplateKey.OPEN_HOUSE_ADMIT]
    assert template_problems(TemplateKey.OPEN_HOUSE_ADMIT, replace(template, body=template.body + "\n\n" + added)) == []


def test_open_house_rejection_needs_the_civil_route_and_optional_paragraphs_stand_alone() -> None:
    template = default_templates()[TemplateKey.OPEN_HOUSE_REJECT]
    kept = [p for p in template.paragraphs() if "kort geding" not in p]
    problems = template_problems(TemplateKey.OPEN_HOUSE_REJECT, replace(template, body="\n\n".join(kept)))
    assert any("Verplichte alinea ontbreekt: de weg naar de burgerlijke rechter" in p for p in problems), problems
    # The klachtenloket is good practice, not a legal duty: a template without it may be used.
    without = [p for p in template.paragraphs() if "{klachtenloket}" not in p]
    assert template_problems(TemplateKey.OPEN_HOUSE_REJECT, replace(template, body="\n\n".join(without))) == []
    inline = replace(template, body=template.body.replace("\n{klachtenloket}\n", "\nZie ook {klachtenloket}.\n"))
    problems = template_problems(TemplateKey.OPEN_HOUSE_REJECT, inline)
    assert any("{klachtenloket}" in p and "eigen alinea" in p for p in problems), problems


def test_block_placeholder_must_stand_alone_and_braces_must_match() -> None:
    template = default_templates()[TemplateKey.OPEN_HOUSE_ADMIT]
    inline = replace(template, body=template.body.replace("\n{scoretabel}\n", "\nZie {scoretabel} hieronder.\n"))
    assert any("eigen alinea" in p for p in template_problems(TemplateKey.OPEN_HOUSE_ADMIT, inline))
    broken = replace(template, subject="Besluit {ronde")
    assert any("losse accolade" in p for p in template_problems(TemplateKey.OPEN_HOUSE_ADMIT, broken))
    spec = replace(template, subject="Besluit {ronde!r}")
    assert any("ongeldige plaatshouder" in p for p in template_problems(TemplateKey.OPEN_HOUSE_ADMIT, spec))
    escaped = replace(template, subject="Besluit {{concept}} {ronde}")
    check_template(TemplateKey.OPEN_HOUSE_ADMIT, escaped)
    filled = fill_template(TemplateKey.OPEN_HOUSE_ADMIT, escaped, _values())
    assert filled.subject == "Besluit {concept} Ronde 2026"
    assert PlaceholderBlock("scoretabel") in filled.blocks


def _values() -> dict[str, str]:
    names = (
        "aanbieder inschrijvingsnummer kvk contactpersoon procedure besluit percelen datum verzenddatum kenmerk "
        "uitkomst_per_perceel toetredingsmoment"
    )
    return (
        {n: n for n in (*names.split(), "afzender", "ondertekenaar", "functie", "besluitnemer")}
        | ASSESSMENT
        | {"ronde": "Ronde 2026"}
    )


def test_kenmerk_pattern() -> None:
    assert kenmerk_problems("JH-2026-{nummer}-{versie}") == []
    assert any("onbekende plaatshouder" in p for p in kenmerk_problems("JH-{nummr}"))
    assert any("eigen kenmerk" in p for p in kenmerk_problems("JH-2026"))
    values = {"nummer": "0012", "versie": "1"}
    assert make_kenmerk("JH-2026-{nummer}-{versie}", values) == "JH-2026-0012-1"
    assert make_kenmerk("JH-2026-{nummer}", values) == "JH-2026-0012"
    assert make_kenmerk("JH-2026-{nummer}", values | {"versie": "2"}) == "JH-2026-0012-v2"


def test_settings_problems_per_procedure() -> None:
    assert settings_problems(SETTINGS, Procedure.OPEN_HOUSE) == []
    # The klachtenloket is good practice in Open House, not a legal duty: without one the letters can be made.
    assert settings_problems(replace(SETTINGS, complaints_desk=""), Procedure.OPEN_HOUSE) == []
    short = replace(SETTINGS, standstill_days=15)
    assert any("ten minste 20" in p for p in settings_problems(short, Procedure.TENDER))
    assert any("SAS-procedure ten minste 20" in p for p in settings_problems(short, Procedure.SAS))
    based = replace(short, standstill_basis="Leidraad § 6.2: opschortende termijn van 15 kalenderdagen")
    assert settings_problems(based, Procedure.SAS) == [] and settings_problems(based, Procedure.TENDER) == []
    assert any("1 kalenderdag" in p for p in settings_problems(replace(based, standstill_days=0), Procedure.SAS))
    kept = replace(SETTINGS, standstill_to_working_day=False)
    assert any("schuift niet door" in p for p in settings_problems(kept, Procedure.TENDER))
    assert settings_problems(replace(kept, standstill_end_basis="Leidraad § 6.3"), Procedure.TENDER) == []
    assert settings_problems(kept, Procedure.OPEN_HOUSE) == []  # Open House has no standstill
    clause = replace(SETTINGS, remedies_clause="Een kort geding wordt binnen de termijn aanhangig gemaakt.")
    assert any("waar het staat" in p for p in settings_problems(clause, Procedure.TENDER))
    assert any("ondertekenaar" in p for p in settings_problems(replace(SETTINGS, signatory=""), Procedure.SAS))


def test_settings_round_trip_through_json() -> None:
    template = default_templates()[TemplateKey.TENDER_AWARD]
    settings = SETTINGS.with_template(TemplateKey.TENDER_AWARD, replace(template, closing="Hoogachtend,"))
    again = DocumentSettings.from_json(settings.as_json())
    assert again == settings
    assert DocumentSettings.from_json({"standstill_days": "x", "letter_date": "gisteren"}).standstill_days == 20
    # A round saved before the end rule was recorded moves the end to a working day, whatever the old flag says.
    assert DocumentSettings.from_json({"standstill_to_working_day": False}).standstill_to_working_day
    kept = replace(SETTINGS, standstill_to_working_day=False, standstill_end_basis="Leidraad § 6.3")
    assert kept.as_json()["standstill_end_rule"] == "calendar-day"
    assert DocumentSettings.from_json(kept.as_json()) == kept


def _line(code: str, score: int, minimum: int = 3) -> ScoreLine:
    return ScoreLine(code, f"Criterium {code}", Decimal(score), "Label", Decimal(minimum), "Voldoende", "Motivering.")


def test_tender_rejection_letter_has_the_legal_paragraphs() -> None:
    facts = LetterFacts(
        recipient=Recipient("Stichting De Berk", "R-1", "01234567", lots=("1 (Ambulant)",)),
        procedure=Procedure.TENDER,
        outcome=Outcome.REJECT,
        round_name="Ronde 2026",
        kenmerk="JH-1",
        reasons=("Criterium P1: consensusscore 2, minimum 3.",),
        scores=(_line("P1", 2), _line("P2", 4)),
        total=Decimal(6),
        placings=(Placing("1", 3, 3),),
        winners=("Zorggroep A", "Praktijk B"),
        winners_summary=winners_summary(
            [(_line("P1", 3), _line("P2", 4)), (_line("P1", 5), _line("P2", 5))], (_line("P1", 2), _line("P2", 4))
        ),
    )
    content = compose_letter(facts, replace(SETTINGS, sending_date=date(2026, 10, 2)), default_templates()[
        TemplateKey.TENDER_REJECT], date(2026, 9, 1), ASSESSMENT)  # fmt: skip
    text = " ".join(b.text for b in content.blocks if hasattr(b, "text"))
    assert "eindigt op donderdag 22 oktober 2026 om 24.00 uur." in text  # 20 days from the day after 2 October
    assert "Algemene termijnenwet" not in text  # a working day: nothing to explain
    assert "kort geding aanhangig maken bij de voorzieningenrechter" in text and "vervalt" not in text
    assert "Zorggroep A; Praktijk B" in text
    assert "plaats 3 van 3 in perceel 1" in text
    assert "Criterium P1 3 tot 5 (uw inschrijving: 2)" in text
    assert content.date_text == "1 oktober 2026"
    assert any(isinstance(b, ReasonsList) and b.reasons == facts.reasons for b in content.blocks)
    assert any(isinstance(b, ScoresTable) and b.total == "6" for b in content.blocks)
    assert "{" not in text


def test_competition_ranks_share_equal_totals() -> None:
    ranks = competition_ranks({1: Decimal(10), 2: Decimal(12), 3: Decimal(10), 4: None, 5: Decimal(8)})
    assert ranks == {2: 1, 1: 2, 3: 2, 5: 4}


def _tender_letter(settings: DocumentSettings, outcome: Outcome = Outcome.AWARD) -> str:
    facts = LetterFacts(
        recipient=Recipient("Stichting De Berk", "R-1", "01234567"),
        procedure=Procedure.SAS,
        outcome=outcome,
        round_name="Ronde 2026",
        kenmerk="JH-1",
        reasons=("Criterium P1: consensusscore 2, minimum 3.",) if outcome is Outcome.REJECT else (),
        scores=(_line("P1", 4),),
        total=Decimal(4),
        placings=(Placing("", 1, 2),),
        winners=("Stichting De Berk",),
        winners_summary="samenvatting",
    )
    template = default_templates()[template_key(Procedure.SAS, outcome)]
    content = compose_letter(facts, settings, template, date(2026, 1, 1), ASSESSMENT)
    return "\n".join([content.subject, *(b.text for b in content.blocks if hasattr(b, "text"))])


def test_an_end_on_tweede_kerstdag_is_moved_explained_and_stated_with_the_hour() -> None:
    sent = replace(SETTINGS, sending_date=date(2026, 12, 6))  # day 20: Saturday 26 December, tweede Kerstdag
    for outcome in (Outcome.AWARD, Outcome.REJECT):
        text = " ".join(_tender_letter(sent, outcome).split())
        assert "eindigt op maandag 28 december 2026 om 24.00 uur." in text
        assert "valt op zaterdag 26 december 2026 (zaterdag en tweede Kerstdag)" in text
        assert text.startswith("Voornemen tot gunning Ronde 2026") and "wordt gegund" not in text
        assert "voornemen tot gunning, nog geen gunning" in text
    kept = replace(sent, standstill_to_working_day=False, standstill_end_basis="Leidraad § 6.3")
    text = " ".join(_tender_letter(kept).split())
    assert "eindigt op zaterdag 26 december 2026 om 24.00 uur." in text and "Algemene termijnenwet" not in text


def test_the_remedies_paragraph_quotes_the_procurement_documents() -> None:
    clause = "Een inschrijver die de gunningsbeslissing wil aanvechten,\n  doet dat binnen de opschortende termijn."
    settings = replace(SETTINGS, remedies_source="paragraaf 7.4 van de Aanbestedingsleidraad", remedies_clause=clause)
    text = _tender_letter(settings)
    assert (
        "Over rechtsbescherming bepaalt paragraaf 7.4 van de Aanbestedingsleidraad: “Een inschrijver die de "
        "gunningsbeslissing wil aanvechten, doet dat binnen de opschortende termijn.”"
    ) in text
    assert "voorzieningenrechter" not in text  # the clause replaces the neutral text, no text of its own
