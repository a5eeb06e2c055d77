"""Dutch text in one place: numbers, dates, local time from stored UTC, plurals and the words for code words."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

import pytest

from beoordelaar.core import text
from beoordelaar.core.consolidation.spread import Flag
from beoordelaar.core.decisions import decisions
from beoordelaar.core.exchange import returns
from beoordelaar.core.registrations.import_rows import Severity
from beoordelaar.core.registrations.importing import RowOutcome
from beoordelaar.core.rounds.framework import AnswerKind, Part, Rounding, ScoringModel
from beoordelaar.core.rounds.procedure import CheckVerdict, Outcome, Procedure, Role, RoundStatus, SettledVerdict
from beoordelaar.core.storage.models import AUDITED_TABLES
from beoordelaar.core.text import (
    count_text,
    date_text,
    decimal_text,
    field_value_word,
    local_from_utc,
    local_moment_text,
    long_date,
    long_date_with_weekday,
    long_moment_text,
    moment_text,
    number_text,
    shown_count_text,
    typed_day,
    typed_moment,
    typed_utc_moment,
    word,
)
from beoordelaar.core.verification.interview_rules import InterviewStatus, PointOutcome

SRC = Path(__file__).resolve().parents[3] / "src" / "beoordelaar"


def test_decimal_comma_with_a_given_number_of_decimals() -> None:
    assert decimal_text(Decimal("3.25"), 2) == "3,25"
    assert decimal_text(Decimal("3"), 2) == "3,00"
    assert decimal_text(0, 1) == "0,0"
    assert decimal_text(0.8123, 3) == "0,812"
    assert decimal_text(12, 0) == "12"


def test_rounding_is_half_up_for_decimals_and_floats_as_they_read() -> None:
    assert decimal_text(Decimal("2.345"), 2) == "2,35"
    assert decimal_text(Decimal("2.5"), 0) == "3"
    assert decimal_text(0.125, 2) == "0,13"  # binary 0.125 is exact; f"{0.125:.2f}" would say 0,12
    assert decimal_text(2.675, 2) == "2,68"  # binary 2.67499..., read as 2.675
    assert decimal_text(Decimal("-2.345"), 2) == "−2,35"  # half away from zero on both sides


def test_signs_none_and_whole_numbers() -> None:
    assert decimal_text(None, 2) == ""
    assert decimal_text(None, 3, empty="n.v.t.") == "n.v.t."
    assert decimal_text(Decimal("-0.5"), 2) == "−0,50"
    assert decimal_text(Decimal("0.25"), 2, signed=True) == "+0,25"
    assert decimal_text(Decimal("-0.25"), 2, signed=True) == "−0,25"
    assert decimal_text(Decimal("-0.001"), 2, signed=True) == "0,00"  # rounded to nothing: no sign
    assert decimal_text(Decimal(0), 2, signed=True) == "0,00"
    assert decimal_text(Decimal("4.00"), 1, whole_bare=True) == "4"
    assert decimal_text(Decimal("-4"), 1, whole_bare=True) == "−4"
    assert decimal_text(Decimal("4.25"), 1, whole_bare=True) == "4,3"


def test_numbers_as_written() -> None:
    assert number_text(Decimal("3.50")) == "3,5"
    assert number_text(Decimal("10")) == "10"
    assert number_text(Decimal("1E+1")) == "10"
    assert number_text(Decimal("12.25")) == "12,25"
    assert number_text(Decimal("-1.5")) == "−1,5"
    assert number_text(Decimal("1.00"), as_written=True) == "1,00"
    assert number_text(None) == "" and number_text(None, empty="–") == "–"


def test_dates_and_moments() -> None:
    assert date_text(date(2026, 3, 5)) == "05-03-2026"
    assert date_text(None) == ""
    assert moment_text(datetime(2026, 3, 5, 9, 7, 3)) == "05-03-2026 09:07"
    assert moment_text(datetime(2026, 3, 5, 9, 7, 3), seconds=True) == "05-03-2026 09:07:03"
    assert moment_text(None) == "" and local_moment_text(None) == "" and local_from_utc(None) is None


def test_long_dates_as_a_letter_writes_them() -> None:
    assert long_date(date(2026, 10, 1)) == "1 oktober 2026"
    assert long_date_with_weekday(date(2026, 10, 1)) == "donderdag 1 oktober 2026"
    assert long_moment_text(datetime(2026, 10, 1, 14, 30)) == "donderdag 1 oktober 2026, 14.30 uur"


@pytest.mark.usefixtures("amsterdam")
def test_local_time_across_both_dst_boundaries() -> None:
    # Summer time starts on 29 March 2026 at 01:00 UTC (02:00 -> 03:00) and ends on 25 October at 01:00 UTC.
    assert local_moment_text(datetime(2026, 3, 29, 0, 59)) == "29-03-2026 01:59"
    assert local_moment_text(datetime(2026, 3, 29, 1, 0)) == "29-03-2026 03:00"
    assert local_moment_text(datetime(2026, 10, 25, 0, 59)) == "25-10-2026 02:59"
    assert local_moment_text(datetime(2026, 10, 25, 1, 0)) == "25-10-2026 02:00"
    assert local_moment_text(datetime(2026, 12, 31, 23, 30)) == "01-01-2027 00:30"  # a new day, month and year
    assert local_moment_text(datetime(2026, 7, 1, 8, 14, 5), seconds=True) == "01-07-2026 10:14:05"


def test_plural_forms() -> None:
    assert count_text(1, "punt", "punten") == "1 punt"
    assert count_text(0, "punt", "punten") == "0 punten"
    assert count_text(3505, "punt", "punten") == "3505 punten"
    assert shown_count_text(40, 40, "inschrijving", "inschrijvingen") == "40 inschrijvingen"
    assert shown_count_text(3, 40, "inschrijving", "inschrijvingen") == "3 van 40 inschrijvingen"
    assert shown_count_text(1, 1, "inschrijving", "inschrijvingen") == "1 inschrijving"


STORED_ENUMS: tuple[tuple[type[StrEnum], str], ...] = (
    (Procedure, "procedure"), (Role, "role"), (CheckVerdict, "verdict"), (SettledVerdict, "verdict"),
    (Outcome, "outcome"), (PointOutcome, "outcome"), (RoundStatus, "round_status"),
    (InterviewStatus, "interview_status"), (Part, "part"), (AnswerKind, "answer_kind"),
    (ScoringModel, "scoring_model"), (Rounding, "rounding"), (Flag, "flag"), (Severity, "severity"),
    (RowOutcome, "row_outcome"),
)  # fmt: skip


@pytest.mark.parametrize(("enum", "kind"), STORED_ENUMS, ids=lambda v: getattr(v, "__name__", v))
def test_every_stored_enum_value_has_a_dutch_word(enum: type[StrEnum], kind: str) -> None:
    for member in enum:
        assert member.value in text.WORDS[kind], f"{enum.__name__}.{member.name}"
        if hasattr(member, "label"):
            assert member.label == word(kind, member.value)


def test_status_values_without_an_enum_have_dutch_words() -> None:
    for status in (decisions.PROPOSED, decisions.CONFIRMED, "open"):
        assert status in text.WORDS["decision_status"]
    for status in (returns.MERGED, returns.ALREADY_IMPORTED, returns.SUPERSEDED):
        assert status in text.WORDS["return_status"]
    assert {"open", "partial", "complete"} == set(text.WORDS["consensus"])
    assert word("consensus", "complete") == "Vastgesteld" and word("consensus", "partial") == "Deels"


def _literals(pattern: str) -> set[str]:
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        found |= set(re.findall(pattern, path.read_text(encoding="utf-8")))
    return found


def test_every_audit_source_and_action_in_the_code_has_a_dutch_word() -> None:
    sources = _literals(r'source="([a-z-]+)"') | _literals(r'unit_of_work\([^)]*, "([a-z-]+)"\)')
    assert {"return-file", "spreadsheet", "work-package"} <= sources
    assert sources <= set(text.WORDS["source"]), sources - set(text.WORDS["source"])
    actions = _literals(r'record_action\(\s*session, "([a-z-]+)"')
    assert {"decision-overridden", "scores-imported", "return-file-imported"} <= actions
    assert actions <= set(text.WORDS["action"]), actions - set(text.WORDS["action"])


def test_every_audited_table_has_a_dutch_name() -> None:
    assert set(AUDITED_TABLES) <= set(text.WORDS["entity"]), set(AUDITED_TABLES) - set(text.WORDS["entity"])


def test_stored_fields_in_dutch_and_free_text_as_it_is() -> None:
    assert field_value_word("source", "return-file") == "retourbestand"
    assert field_value_word("status", "confirmed") == "Bevestigd"
    assert field_value_word("status", "approved") == "Goedgekeurd"
    assert field_value_word("status", "scoring") == "Beoordelen"
    assert field_value_word("outcome", "admit") == "Toelaten"
    assert field_value_word("proposed_outcome", "reject") == "Afwijzen"
    assert field_value_word("verdict", "verificatie-nodig") == "Verificatie nodig"
    assert field_value_word("role", "Beleidsadviseur") == "Beleidsadviseur"  # an attendee's role is free text
    assert field_value_word("source", "export.xlsx") == "export.xlsx"  # a registration's source is a file name
    assert field_value_word("motivation", "open") == "open"


def test_a_number_longer_than_decimal_arithmetic_keeps_is_shown_with_all_its_digits() -> None:
    from fractions import Fraction

    assert number_text(Decimal("5.00000000000000000000000000001")) == "5,00000000000000000000000000001"
    assert number_text(Decimal("1" * 40)) == "1" * 40
    assert number_text(Fraction(int("1" * 40), 10)) == "1" * 39 + ",1"
    assert decimal_text(Decimal("1" * 40 + ".125"), 2) == "1" * 40 + ",13"
    assert decimal_text(Fraction(int("1" * 40), 3), 2) == "370" * 13 + ",33"


def test_an_exact_mean_without_a_finite_decimal_form_is_shown_to_two_decimals() -> None:
    from fractions import Fraction

    from beoordelaar.core.text import finite_decimal

    assert number_text(Fraction(20, 3)) == "6,67"  # (6 + 6 + 8) / 3
    assert number_text(Fraction(110, 3)) == "36,67"
    assert number_text(Fraction(59, 10)) == "5,9"  # a finite one is shown exactly, as a Decimal is
    assert number_text(Fraction(7)) == "7"
    assert decimal_text(Fraction(20, 3), 2) == "6,67" and decimal_text(Fraction(-20, 3), 1) == "−6,7"
    assert decimal_text(Fraction(1, 8), 2) == "0,13"  # half up, computed exactly
    assert decimal_text(Fraction(8), 2, whole_bare=True) == "8"
    assert finite_decimal(Fraction(59, 10)) == Decimal("5.9") and finite_decimal(Fraction(2, 3)) is None


@pytest.mark.parametrize("typed", ["1-10-2026", "01-10-2026", " 1/10/2026 ", "2026-10-01"])
def test_a_day_as_typed_day_first_or_iso(typed: str) -> None:
    assert typed_day(typed) == date(2026, 10, 1)


@pytest.mark.parametrize("typed", ["31-02-2026", "morgen", "20261001", "1-10"])
def test_what_is_no_day_is_refused_in_dutch(typed: str) -> None:
    with pytest.raises(
        ValueError, match=rf"^'{typed}' is geen datum \(schrijf dag-maand-jaar, bijvoorbeeld 01-10-2026\)$"
    ):
        typed_day(typed)


def test_a_date_and_time_as_typed(amsterdam: None) -> None:
    assert typed_day("  ") is None and typed_moment("") is None and typed_utc_moment("") is None
    assert typed_moment("05-10-2026 14:00") == typed_moment("2026-10-05  14:00") == datetime(2026, 10, 5, 14, 0)
    assert typed_moment("2026-10-05T14:00") == datetime(2026, 10, 5, 14, 0)
    assert typed_utc_moment("05-10-2026 14:00") == datetime(2026, 10, 5, 12, 0)  # summer time, two hours ahead
    assert typed_utc_moment("05-12-2026 14:00") == datetime(2026, 12, 5, 13, 0)
    with pytest.raises(ValueError, match=r"^'morgen 14:00' is geen datum en tijd \(schrijf dag-maand-jaar uu:mm"):
        typed_moment("morgen 14:00")
