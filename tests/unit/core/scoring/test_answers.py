from __future__ import annotations

from decimal import Decimal

import pytest

from beoordelaar.core.registrations.answers import answer_meets, parse_decimal, parse_yes_no
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
    assert answer_meets(framework.criterion("G6"), "1,00") is True
    assert answer_meets(framework.criterion("G2"), "hkz") is True
    assert answer_meets(framework.criterion("G2"), "Geen") is False
    assert answer_meets(framework.criterion("G5"), "onbekend") is None
