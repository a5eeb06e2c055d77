"""The standstill period (opschortende termijn, Alcatel-termijn) of a gunningsbeslissing.

Aw 2012 art. 2.127/2.130: the period is a number of calendar days (20 by default, a round setting) that starts on
the day AFTER the decision was sent; the letter states its last day as a date. Whether the Algemene termijnenwet
moves a last day that falls on a weekend or holiday to the next working day is not settled for this period: it is a
setting (off by default), and when on, the stated date is the later one.
"""

from __future__ import annotations

from datetime import date, timedelta

from beoordelaar.core.decisions.dates import next_working_day

DEFAULT_DAYS = 20
TENDER_MINIMUM_DAYS = 20


def standstill_end(sent: date, days: int = DEFAULT_DAYS, *, extend_to_working_day: bool = False) -> date:
    """The last day of the period: day 1 is the day after sending, so 20 days after sending on 1 October end on
    21 October (at the end of that day)."""
    if days < 1:
        raise ValueError("a standstill period has at least one day")
    end = sent + timedelta(days=days)
    return next_working_day(end) if extend_to_working_day else end


def earliest_contract_day(sent: date, days: int = DEFAULT_DAYS, *, extend_to_working_day: bool = False) -> date:
    """The first day a contract may be concluded: the day after the period ended."""
    return standstill_end(sent, days, extend_to_working_day=extend_to_working_day) + timedelta(days=1)
