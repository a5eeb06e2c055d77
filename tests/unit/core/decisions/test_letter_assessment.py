"""Letters describe the assessment the framework actually used, and who decided under which mandate: no fixed plan
title, consensus or averaging with its rounding rule, the region deciding on the commission's advice."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from beoordelaar.core.decisions.document_settings import get_document_settings, save_document_settings
from beoordelaar.core.decisions.document_settings_rules import DocumentSettings
from beoordelaar.core.decisions.letter_values import assessment_values
from beoordelaar.core.decisions.letters import letter_blockers, make_letters
from beoordelaar.core.decisions.mandate import signatory_problems
from beoordelaar.core.rounds.framework import parse_framework
from beoordelaar.core.rounds.framework_files import read_framework_text
from beoordelaar.core.storage.database import Database
from letters_round import make_tender, pdf_text
from templates import DemoRound

TODAY = date(2026, 10, 1)
MANDATE = "namens het dagelijks bestuur van de BVO Jeugdhulp IJsselland (demo), op advies van de beoordelingscommissie,"


def _framework(name: str, **replacements: str):
    text, _source = read_framework_text(name)
    for old, new in replacements.items():
        text = text.replace(old, new)
    return parse_framework(text, name)


def test_the_framework_names_its_own_criteria_and_method() -> None:
    values = assessment_values(_framework("noordoost-brabant-selectie"))
    assert values["beoordeeld_op"].startswith("de uitsluitingsgronden, de geschiktheidseisen en de criteria ")
    assert (
        "“Visie op kwaliteit van zware jeugdhulp”, “Samenwerking in de keten” en “Resultaatmeting"
        in (values["beoordeeld_op"])
    )
    assert "normaliseren" not in " ".join(values.values())
    # Noordoost-Brabant averages and does not round.
    assert values["scoremethode"] == (
        "Elk lid van de commissie heeft elk criterium zelfstandig beoordeeld. De score per criterium is het "
        "gemiddelde van hun scores, niet afgerond: met het exacte gemiddelde is gerekend, scores en totaal staan hier "
        "op twee decimalen. De schaal loopt van 0 (ontbreekt) tot 10 (uitstekend). Beoordeeld volgens het "
        "beoordelingskader Noordoost-Brabant – Zware jeugdhulp (selectie), versie 2024.1."
    )
    assert values["soort_score"] == "de score van de commissie (het exacte gemiddelde, op twee decimalen weergegeven)"
    consensus = assessment_values(_framework("ijsselland-2022"))
    assert "consensusbespreking per criterium één score met een eigen motivering" in consensus["scoremethode"]
    assert consensus["soort_score"] == "de consensusscore van de commissie"


def test_averaging_framework_says_it_averaged_and_how_it_rounded() -> None:
    down = _framework(
        "ijsselland-2022",
        **{'scoring_model = "consensus"': 'scoring_model = "averaging"', '"nearest-step"': '"down-to-step"'},
    )
    values = assessment_values(down)
    assert (
        "het gemiddelde van hun scores, afgerond naar de hoogste stap van de schaal die niet boven"
        in (values["scoremethode"])
    )
    assert "consensus" not in " ".join(values.values())
    assert values["soort_score"].startswith("de score van de commissie (het gemiddelde")
    nearest = assessment_values(
        _framework("ijsselland-2022", **{'scoring_model = "consensus"': 'scoring_model = "averaging"'})
    )
    assert "dichtstbijzijnde stap van de schaal (precies ertussen: de hogere stap)" in nearest["scoremethode"]


def test_a_commission_member_signs_only_under_a_recorded_mandate() -> None:
    chair = DocumentSettings(
        sender="Regio IJsselland", signatory="drs. Marieke  Jansen", signatory_function="Voorzitter"
    )
    problems = signatory_problems(chair, ["Erik Bosch", "Marieke Jansen"])
    assert len(problems) == 1 and problems[0].startswith("De ondertekenaar drs. Marieke  Jansen is lid van de ")
    assert "het besluit is van Regio IJsselland" in problems[0]
    assert signatory_problems(replace(chair, mandate=MANDATE), ["Marieke Jansen"]) == []
    assert signatory_problems(replace(chair, signatory="J. van Dijk"), ["Marieke Jansen"]) == []


def test_letters_say_who_decided_and_are_signed_under_the_mandate(
    db: Database, demo_round: DemoRound, tmp_path: Path
) -> None:
    round_id = demo_round(db, providers=4)
    make_tender(db, round_id)
    result = make_letters(db.sessions, db.documents, round_id, tmp_path / "a", actor="test", today=TODAY)
    for letter in result.letters:
        flat = " ".join(pdf_text(letter.file).split())
        assert "Op advies van de commissie is het dagelijks bestuur van de BVO Jeugdhulp IJsselland (demo) " in flat
        assert "“Visie op normaliseren”, “Eigen kracht en netwerk”" in flat and 'aanpak "normaliseren"' not in flat
        assert "consensusbespreking" in flat
        signature = flat.split("Met vriendelijke groet,")[1]
        assert signature.startswith(f" {MANDATE} J. (Jeroen) van Dijk Manager Inkoop Jeugdhulp"), signature[:200]
        assert "Marieke Jansen" not in signature

    settings, _ = get_document_settings(db.sessions, round_id)
    save_document_settings(db.sessions, round_id, replace(settings, signatory="Marieke Jansen", mandate=""), actor="t")
    texts = [b.text for b in letter_blockers(db.sessions, round_id) if b.kind == "settings"]
    assert [t for t in texts if "Marieke Jansen is lid van de beoordelingscommissie" in t and "mandaat" in t]
