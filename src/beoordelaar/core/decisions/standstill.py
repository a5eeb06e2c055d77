"""The standstill period (opschortende termijn, Alcatel-termijn) of a voornemen tot gunning.

Aw 2012 art. 2.127/2.130: at least 20 calendar days (a round setting; shorter only with a recorded basis) that start
on the day AFTER the decision was sent; the letter states its last day as a date, "24.00 uur". Whether the Algemene
termijnenwet moves a last day that falls on a Saturday, Sunday or public holiday to the next working day is not
settled for this period: it is moved by default (the later end is the safe one), unless the procurement documents
say otherwise and the round records that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from beoordelaar.core.decisions.dates import next_working_day, why_not_working
from beoordelaar.core.text import long_date_with_weekday

DEFAULT_DAYS = 20
TENDER_MINIMUM_DAYS = 20
END_TIME = "24.00 uur"


def standstill_end(sent: date, days: int = DEFAULT_DAYS, *, extend_to_working_day: bool = True) -> date:
    """The last day of the period: day 1 is the day after sending, so 20 days after sending on 1 October end on
    21 October (at the end of that day)."""
    return standstill_period(sent, days, extend_to_working_day=extend_to_working_day).end


def earliest_contract_day(sent: date, days: int = DEFAULT_DAYS, *, extend_to_working_day: bool = True) -> date:
    """The first day a contract may be concluded: the day after the period ended."""
    return standstill_end(sent, days, extend_to_working_day=extend_to_working_day) + timedelta(days=1)


@dataclass(frozen=True)
class StandstillPeriod:
    sent: date
    days: int
    calendar_end: date  # the last of the calendar days
    end: date  # the stated last day: calendar_end, or the next working day after it
    not_working: str | None  # why calendar_end is no working day ("zaterdag en tweede Kerstdag"), if it is not

    @property
    def moved(self) -> bool:
        return self.end != self.calendar_end

    @property
    def end_text(self) -> str:
        """'maandag 28 december 2026 om 24.00 uur'."""
        return f"{long_date_with_weekday(self.end)} om {END_TIME}"

    @property
    def explanation(self) -> str:
        """Why the end is later than the calendar days say (empty when it is not)."""
        if not self.moved:
            return ""
        return (
            f"De {self.days}e kalenderdag valt op {long_date_with_weekday(self.calendar_end)} ({self.not_working}); "
            "volgens de Algemene termijnenwet loopt de termijn daarom door tot en met de eerstvolgende werkdag, "
            f"{long_date_with_weekday(self.end)}."
        )


def standstill_period(sent: date, days: int = DEFAULT_DAYS, *, extend_to_working_day: bool = True) -> StandstillPeriod:
    if days < 1:
        raise ValueError("a standstill period has at least one day")
    calendar_end = sent + timedelta(days=days)
    end = next_working_day(calendar_end) if extend_to_working_day else calendar_end
    return StandstillPeriod(sent, days, calendar_end, end, why_not_working(calendar_end))
