from datetime import UTC, datetime


def utcnow() -> datetime:
    """Now in UTC, without tzinfo: SQLite keeps naive datetimes, and all stored times are UTC."""
    return datetime.now(UTC).replace(tzinfo=None)
