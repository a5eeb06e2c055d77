from __future__ import annotations

import pytest

from beoordelaar.core.registrations.identifiers import (
    check_agb,
    check_email,
    check_kvk,
    check_postcode,
    check_vestigingsnummer,
)


def test_kvk_of_eight_digits_is_kept() -> None:
    assert check_kvk("01234567").value == "01234567"
    assert check_kvk(" 0123 4567 ").value == "01234567"


@pytest.mark.parametrize("text", ["4422671", "4422671.0"])
def test_kvk_that_lost_its_leading_zero_is_padded_with_a_warning(text: str) -> None:
    checked = check_kvk(text)
    assert checked.value == "04422671"
    assert checked.warning and "04422671" in checked.warning
    assert checked.ok


@pytest.mark.parametrize("text", ["123456789", "1234567a", "KvK 1234", "5,0081935E+7", "5.0081935E7"])
def test_kvk_that_cannot_be_a_number_is_an_error(text: str) -> None:
    checked = check_kvk(text)
    assert checked.value is None and checked.error


def test_scientific_notation_names_the_cause() -> None:
    assert "wetenschappelijke notatie" in (check_vestigingsnummer("3,46321E+11").error or "")


def test_empty_is_neither_value_nor_error() -> None:
    assert check_kvk("  ") == check_kvk("")
    assert check_kvk("").value is None and check_kvk("").ok


def test_vestigingsnummer_and_agb_lengths() -> None:
    assert check_vestigingsnummer("062632597598").value == "062632597598"
    assert check_vestigingsnummer("62632597598").warning
    assert check_vestigingsnummer("1234567890123").error
    assert check_agb("75039317").value == "75039317"
    assert check_agb("750393170").error


@pytest.mark.parametrize(("text", "value", "warned"), [("8349 SW", "8349 SW", False), ("8349sw", "8349 SW", True),
                                                       ("8349  sw", "8349 SW", True)])  # fmt: skip
def test_postcode_is_normalised(text: str, value: str, warned: bool) -> None:
    checked = check_postcode(text)
    assert checked.value == value
    assert bool(checked.warning) is warned


@pytest.mark.parametrize("text", ["0349 SW", "834 SW", "8349 S", "83490", "B-2000"])
def test_postcode_that_is_not_dutch_is_an_error(text: str) -> None:
    assert check_postcode(text).error


def test_email() -> None:
    assert check_email(" inkoop@de.nl ").value == "inkoop@de.nl"
    assert check_email("mailto:a@b.nl").value == "a@b.nl"
    for bad in ("inkoop.de.nl", "a b@c.nl", "a@b", "a@@b.nl"):
        assert check_email(bad).error, bad
