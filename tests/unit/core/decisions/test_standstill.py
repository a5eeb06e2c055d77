"""The standstill period: 20 calendar days from the day after sending, stated as a date."""

from __future__ import annotations

from datetime import date

import pytest

from beoordelaar.core.decisions.dates import easter_sunday, public_holidays
from beoordelaar.core.decisions.standstill import earliest_contract_day, standstill_end
from beoordelaar.core.text import long_date, long_date_with_weekday


def test_the_period_starts_the_day_after_sending() -> None:
    # Sent Thursday 1 October 2026: day 1 is 2 October, day 20 is 21 October.
    assert standstill_end(date(2026, 10, 1)) == date(2026, 10, 21)
    assert earliest_contract_day(date(2026, 10, 1)) == date(2026, 10, 22)


def test_days_are_a_setting() -> None:
    assert standstill_end(date(2026, 10, 1), 15) == date(2026, 10, 16)
    assert standstill_end(date(2026, 12, 20), 20) == date(2027, 1, 9)  # across the year
    with pytest.raises(ValueError):
        standstill_end(date(2026, 10, 1), 0)


def test_leap_day_is_counted() -> None:
    assert standstill_end(date(2028, 2, 15)) == date(2028, 3, 6)
    assert standstill_end(date(2027, 2, 15)) == date(2027, 3, 7)


def test_extension_to_a_working_day_is_optional() -> None:
    sent = date(2026, 10, 3)  # end on Friday 23 October: a working day either way
    assert standstill_end(sent, extend_to_working_day=True) == date(2026, 10, 23)
    sent = date(2026, 10, 4)  # ends Saturday 24 October
    assert standstill_end(sent) == date(2026, 10, 24)
    assert standstill_end(sent, extend_to_working_day=True) == date(2026, 10, 26)
    # Ends on Christmas (Friday 25 December 2026): moves past Boxing Day and the weekend to Monday 28 December.
    assert standstill_end(date(2026, 12, 5), extend_to_working_day=True) == date(2026, 12, 28)


def test_easter_and_holidays() -> None:
    assert easter_sunday(2026) == date(2026, 4, 5)
    assert easter_sunday(2027) == date(2027, 3, 28)
    holidays = public_holidays(2026)
    assert date(2026, 4, 6) in holidays  # tweede Paasdag
    assert date(2026, 5, 14) in holidays  # Hemelvaartsdag
    assert date(2026, 5, 25) in holidays  # tweede Pinksterdag
    assert date(2026, 4, 27) in holidays  # Koningsdag
    assert date(2025, 4, 26) in public_holidays(2025)  # 27 April 2025 is a Sunday


def test_dutch_long_dates() -> None:
    assert long_date(date(2026, 10, 21)) == "21 oktober 2026"
    assert long_date_with_weekday(date(2026, 10, 21)) == "woensdag 21 oktober 2026"
