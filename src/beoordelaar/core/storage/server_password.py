"""A server that asks for a password the URL, PGPASSWORD and the password file (~/.pgpass, PGPASSFILE) did not give:
told by libpq itself (PQconnectionNeedsPassword), never by the words of its message, so the face can ask for it."""

from __future__ import annotations

from beoordelaar.core.storage.location import DatabaseLocation, database_location


def password_needed(exc: BaseException) -> bool:
    """Whether opening failed only for want of a password (the error, what it was raised from, or the driver's)."""
    seen: BaseException | None = exc
    for _ in range(4):
        if seen is None:
            return False
        pgconn = getattr(seen, "pgconn", None)
        if pgconn is not None and getattr(pgconn, "needs_password", False):
            return True
        seen = getattr(seen, "orig", None) or seen.__cause__
    return False


def with_password(where: str | DatabaseLocation, password: str) -> DatabaseLocation:
    """The same server database, connected with this password (kept in memory only; shown URLs hide it)."""
    location = database_location(where)
    return DatabaseLocation(location.dialect, location.url.set(password=password), location.path)
