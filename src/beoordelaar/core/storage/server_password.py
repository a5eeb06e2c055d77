"""A server that asks for a password the URL, PGPASSWORD and the password file (~/.pgpass, PGPASSFILE) did not give:
told by libpq itself (PQconnectionNeedsPassword), never by the words of its message, so the face can ask for it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from beoordelaar.core.errors import UserError
from beoordelaar.core.storage.location import DatabaseLocation, database_location

if TYPE_CHECKING:
    from beoordelaar.core.storage.database import Database

PasswordAsk = Callable[[str, str, "str | None"], "str | None"]
"""How a face asks for the password: (login, host, the server's refusal of the last one typed or None) -> the password
typed, or None when the person cancelled."""


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


def open_with_password(where: str | Path | DatabaseLocation, ask: PasswordAsk, tries: int = 1) -> Database | None:
    """The database where names. A server that wants a password none was given for gets it from ask, and is asked
    again (tries times in all) with the server's refusal while it refuses; None when the person cancelled. Any other
    refusal, and the last one, is the UserError it was."""
    from beoordelaar.core.storage.database import open_database

    try:
        return open_database(where)
    except UserError as exc:
        if not password_needed(exc):
            raise
    url = database_location(where).url
    refusal: UserError | None = None
    for _ in range(tries):
        typed = ask(url.username or "", url.host or "", None if refusal is None else str(refusal))
        if typed is None:
            return None
        try:
            return open_database(with_password(where, typed))
        except UserError as exc:
            refusal = exc
    assert refusal is not None
    raise refusal
