from __future__ import annotations

from decimal import Decimal

import pytest

from beoordelaar.core.paths import resources_dir
from beoordelaar.core.registrations.answers import answer_meets, parse_decimal, parse_yes_no, read_answer
from beoordelaar.core.rounds.framework import FrameworkError, parse_framework
from beoordelaar.core.rounds.framework_files import load_framework


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0,34", Decimal("0.34")),
        ("0.34", Decimal("0.34")),
        ("0,96", Decimal("0.96")),
        ("1.234,5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("1 234,5", Decimal("1234.5")),
        ("12", Decimal(12)),
        ("-0,5", Decimal("-0.5")),
        ("", None),
        ("n.v.t.", None),
        ("1,2,3", None),
    ],
)
def test_parse_decimal_never_mistakes_a_decimal_comma(text: str, expected: Decimal | None) -> None:
    assert parse_decimal(text) == expected


def test_parse_yes_no() -> None:
    assert parse_yes_no(" Ja ") is True
    assert parse_yes_no("NEE") is False
    assert parse_yes_no("Deels") is None


def test_answer_meets_applies_the_rules_of_the_framework() -> None:
    framework, _ = load_framework("ijsselland-2022")
    assert answer_meets(framework.criterion("U1"), "Nee") is True
    assert answer_meets(framework.criterion("U1"), "Ja") is False
    assert answer_meets(framework.criterion("G1"), "Ja") is True
    assert answer_meets(framework.criterion("G3"), "Deels") is None
    assert answer_meets(framework.criterion("G6"), "0,96") is False
    assert answer_meets(framework.criterion("G6"), "1,00") is False  # the Jeugdautoriteit's "> 1": strictly greater
    assert answer_meets(framework.criterion("G6"), "1,01") is True
    assert answer_meets(framework.criterion("G2"), "hkz") is True
    assert answer_meets(framework.criterion("G2"), "Geen") is False
    assert answer_meets(framework.criterion("G5"), "onbekend") is None


def test_a_ratio_reads_the_same_written_any_way_and_an_implausible_one_goes_to_a_person() -> None:
    framework, _ = load_framework("ijsselland-2022")
    solvency = framework.criterion("G5")  # > 0,20, a ratio between -1 and 1
    readings = [read_answer(solvency, text) for text in ("25%", "25 %", "0,25", "0.25")]
    assert {r.value for r in readings} == {Decimal("0.25")} and all(r.meets is True for r in readings)
    assert read_answer(solvency, "19,99 %").meets is False  # exact: no rounding up to 20 %
    assert read_answer(solvency, "20 %").meets is False and read_answer(solvency, "20,01 %").meets is True
    meant_as_percent = read_answer(solvency, "18")
    assert meant_as_percent.meets is None and "buiten het aannemelijke bereik (−1 tot 1)" in meant_as_percent.reason
    assert "geen getal" in read_answer(solvency, "achttien").reason


def test_a_closed_answer_off_the_list_is_for_the_commission_unless_the_framework_knows_it() -> None:
    framework, _ = load_framework("ijsselland-2022")
    marks = framework.criterion("G2")
    assert read_answer(marks, "ZKN").meets is True  # listed as equivalent
    assert read_answer(marks, "  iso   9001 ").meets is True
    other = read_answer(marks, "ISO 9001:2008")
    assert other.meets is None and "gelijkwaardigheid beoordelen" in other.reason
    assert read_answer(marks, "Geen").meets is False


def test_a_percentage_framework_is_read_in_percent() -> None:
    source = (resources_dir() / "frameworks" / "ijsselland-2022.toml").read_text(encoding="utf-8")
    solvency = next(
        line for line in source.splitlines() if line.startswith('threshold = { operator = ">", value = "0.20"')
    )
    text = source.replace(
        solvency, 'threshold = { operator = ">", value = "25", quantity = "percentage", plausible = ["-100", "100"] }'
    )
    criterion = parse_framework(text, "test").criterion("G5")
    assert criterion.threshold is not None and criterion.threshold.value == Decimal("0.25")
    assert read_answer(criterion, "25%").meets is False and read_answer(criterion, "0,2501").meets is True


def test_a_criterion_says_what_each_step_means_or_is_refused_with_a_count() -> None:
    source = (resources_dir() / "frameworks" / "ijsselland-2022.toml").read_text(encoding="utf-8")
    meanings = 'descriptors = ["Ontbreekt.", "Algemeen.", "Concreet.", "Onderbouwd.", "Overtuigend."]\n'
    with_meanings = source.replace('[[plan]]\ncode = "P2"\n', '[[plan]]\ncode = "P2"\n' + meanings, 1)
    criterion = parse_framework(with_meanings, "test").criterion("P2")
    assert criterion.step_meanings[2] == "Concreet."
    scale_words = parse_framework(source, "test").criterion("P2").step_meanings  # the scale's own meaning per step
    assert len(scale_words) == 5 and scale_words[2].startswith("de aanpak is herkenbaar")
    assert parse_framework(source, "test").criterion("P1").step_meanings[0].startswith("geen visie op normaliseren")
    too_few = source.replace('[[plan]]\ncode = "P2"\n', '[[plan]]\ncode = "P2"\ndescriptors = ["Een."]\n', 1)
    with pytest.raises(FrameworkError, match="5 stappen, er zijn 1 omschrijvingen"):
        parse_framework(too_few, "test")
