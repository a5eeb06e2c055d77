"""The standstill period: 20 calendar days from the day after sending, stated as a date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from beoordelaar.core.decisions.dates import (
    easter_sunday,
    holiday_name,
    named_holidays,
    public_holidays,
    why_not_working,
)
from beoordelaar.core.decisions.standstill import earliest_contract_day, standstill_end, standstill_period
from beoordelaar.core.text import long_date, long_date_with_weekday


def test_the_period_starts_the_day_after_sending() -> None:
    # Sent Thursday 1 October 2026: day 1 is 2 October, day 20 is 21 October.
    assert standstill_end(date(2026, 10, 1)) == date(2026, 10, 21)
    assert earliest_contract_day(date(2026, 10, 1)) == date(2026, 10, 22)


def test_days_are_a_setting() -> None:
    assert standstill_end(date(2026, 10, 1), 15) == date(2026, 10, 16)
    assert standstill_end(date(2026, 12, 20), 20, extend_to_working_day=False) == date(2027, 1, 9)  # a Saturday
    assert standstill_end(date(2026, 12, 20), 20) == date(2027, 1, 11)
    with pytest.raises(ValueError):
        standstill_end(date(2026, 10, 1), 0)


def test_leap_day_is_counted() -> None:
    assert standstill_end(date(2028, 2, 15)) == date(2028, 3, 6)
    assert standstill_end(date(2027, 2, 15), extend_to_working_day=False) == date(2027, 3, 7)


def test_an_end_on_a_weekend_moves_to_the_next_working_day_unless_kept() -> None:
    sent = date(2026, 10, 3)  # end on Friday 23 October: a working day either way
    assert standstill_end(sent) == standstill_end(sent, extend_to_working_day=False) == date(2026, 10, 23)
    sent = date(2026, 10, 4)  # ends Saturday 24 October
    assert standstill_end(sent, extend_to_working_day=False) == date(2026, 10, 24)
    assert standstill_end(sent) == date(2026, 10, 26)
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


def test_a_saturday_that_is_tweede_kerstdag_is_moved_and_explained() -> None:
    # Sent Sunday 6 December 2026: the 20th day is Saturday 26 December, tweede Kerstdag; Sunday 27 follows.
    period = standstill_period(date(2026, 12, 6))
    assert period.calendar_end == date(2026, 12, 26) and period.end == date(2026, 12, 28) and period.moved
    assert period.not_working == "zaterdag en tweede Kerstdag"
    assert period.end_text == "maandag 28 december 2026 om 24.00 uur"
    assert period.explanation == (
        "De 20e kalenderdag valt op zaterdag 26 december 2026 (zaterdag en tweede Kerstdag); volgens de Algemene "
        "termijnenwet loopt de termijn daarom door tot en met de eerstvolgende werkdag, maandag 28 december 2026."
    )
    kept = standstill_period(date(2026, 12, 6), extend_to_working_day=False)
    assert kept.end == date(2026, 12, 26) and not kept.moved and kept.explanation == ""
    assert kept.end_text == "zaterdag 26 december 2026 om 24.00 uur"


@pytest.mark.parametrize(
    ("year", "easter", "ascension", "whit_monday", "kings_day"),
    [
        (2024, date(2024, 3, 31), date(2024, 5, 9), date(2024, 5, 20), date(2024, 4, 27)),
        (2025, date(2025, 4, 20), date(2025, 5, 29), date(2025, 6, 9), date(2025, 4, 26)),  # 27 April: Sunday
        (2027, date(2027, 3, 28), date(2027, 5, 6), date(2027, 5, 17), date(2027, 4, 27)),
        (2030, date(2030, 4, 21), date(2030, 5, 30), date(2030, 6, 10), date(2030, 4, 27)),
        (2031, date(2031, 4, 13), date(2031, 5, 22), date(2031, 6, 2), date(2031, 4, 26)),  # 27 April: Sunday
        (2038, date(2038, 4, 25), date(2038, 6, 3), date(2038, 6, 14), date(2038, 4, 27)),  # latest Easter
    ],
)
def test_easter_based_holidays_and_kings_day(
    year: int, easter: date, ascension: date, whit_monday: date, kings_day: date
) -> None:
    holidays = named_holidays(year)
    assert easter_sunday(year) == easter
    assert holidays[easter + timedelta(days=1)] == "tweede Paasdag"
    assert holidays[ascension] == "Hemelvaartsdag" and holidays[whit_monday] == "tweede Pinksterdag"
    assert holidays[kings_day] == "Koningsdag"
    assert holidays[date(year, 12, 26)] == "tweede Kerstdag" and holidays[date(year, 5, 5)] == "Bevrijdingsdag"
    assert why_not_working(date(2026, 10, 21)) is None and why_not_working(date(2026, 10, 25)) == "zondag"
    assert holiday_name(date(2013, 4, 30)) == "Koninginnedag"
