"""How the app shows dates and times: dd-mm-yyyy and dd-mm-yyyy HH:MM, empty for none.

Times the app stamps itself are stored in UTC (naive); local_from_utc turns them into the local wall-clock time
before they are shown. Times from outside (a submission, a planned interview) are shown as given.
"""

from __future__ import annotations

from datetime import UTC, date, datetime


def moment_text(value: datetime | None, *, seconds: bool = False) -> str:
    """dd-mm-yyyy HH:MM (with :SS when asked); empty for none."""
    if not value:
        return ""
    return value.strftime("%d-%m-%Y %H:%M:%S" if seconds else "%d-%m-%Y %H:%M")


def date_text(value: date | None) -> str:
    """dd-mm-yyyy; empty for none."""
    return value.strftime("%d-%m-%Y") if value else ""


def local_from_utc(value: datetime | None) -> datetime | None:
    """A stored UTC time (naive) as the local wall-clock time (naive), for showing."""
    return value.replace(tzinfo=UTC).astimezone().replace(tzinfo=None) if value else None
