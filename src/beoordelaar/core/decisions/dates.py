"""The public holidays of the Algemene termijnenwet and working days (a date as a letter writes it: core.text)."""

from __future__ import annotations

from datetime import date, timedelta


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    the_l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * the_l) // 451
    month, day = divmod(h + the_l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def kings_day(year: int) -> date:
    """The day the King's birthday is celebrated: 27 April (from 2014; before: Koninginnedag, 30 April); when that
    is a Sunday, the Saturday before."""
    day = date(year, 4, 27) if year >= 2014 else date(year, 4, 30)
    return day - timedelta(days=1) if day.weekday() == 6 else day


def named_holidays(year: int) -> dict[date, str]:
    """The generally recognised holidays of the Algemene termijnenwet (art. 3), by name: Nieuwjaarsdag, tweede
    Paasdag, Hemelvaartsdag, tweede Pinksterdag, both Christmas days, Koningsdag and 5 May (Bevrijdingsdag). Goede
    Vrijdag is added too: it can only make a period end later, never too early. Easter and Whit Sunday are Sundays
    anyway."""
    easter = easter_sunday(year)
    return {
        date(year, 1, 1): "Nieuwjaarsdag",
        easter - timedelta(days=2): "Goede Vrijdag",
        easter + timedelta(days=1): "tweede Paasdag",
        kings_day(year): "Koningsdag" if year >= 2014 else "Koninginnedag",
        date(year, 5, 5): "Bevrijdingsdag",
        easter + timedelta(days=39): "Hemelvaartsdag",
        easter + timedelta(days=50): "tweede Pinksterdag",
        date(year, 12, 25): "eerste Kerstdag",
        date(year, 12, 26): "tweede Kerstdag",
    }


def public_holidays(year: int) -> frozenset[date]:
    return frozenset(named_holidays(year))


def holiday_name(day: date) -> str | None:
    return named_holidays(day.year).get(day)


def why_not_working(day: date) -> str | None:
    """Why a day is no working day, in Dutch ("zaterdag", "tweede Kerstdag", "zaterdag en tweede Kerstdag"), or None
    for a working day."""
    reasons = [("zaterdag", "zondag")[day.weekday() - 5]] if day.weekday() >= 5 else []
    if (name := holiday_name(day)) is not None:
        reasons.append(name)
    return " en ".join(reasons) or None


def is_working_day(day: date) -> bool:
    return why_not_working(day) is None


def next_working_day(day: date) -> date:
    """day itself if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day
