"""Which database errors belong to the user's world (a full disk, a database in use, no write permission, a failing
disk), told apart by SQLite's result code or PostgreSQL's SQLSTATE, never by the words of its message (they differ
between versions and say nothing certain)."""

from __future__ import annotations

import sqlite3
from enum import StrEnum


class StorageProblem(StrEnum):
    FULL = "full"
    BUSY = "busy"
    READ_ONLY = "read-only"
    DISK = "disk"
    FORBIDDEN = "forbidden"  # i20-roles: a team server's roles refused the change

    @property
    def message(self) -> str:
        """What the user reads when an action failed on this problem: the change was rolled back."""
        return {
            "full": "De schijf (of de database) is vol: de wijziging is niet opgeslagen en er is niets veranderd. "
            "Maak ruimte vrij en probeer het opnieuw.",
            "busy": "De database is bezet door een ander programma: de wijziging is niet opgeslagen en er is niets "
            "veranderd. Probeer het zo opnieuw.",
            "read-only": "De database is alleen-lezen: de wijziging is niet opgeslagen. Controleer de rechten.",
            "disk": "De schijf gaf een leesfout of schrijffout: de wijziging is niet opgeslagen.",
            "forbidden": "De server staat u deze wijziging niet toe: uw rol in deze inkoopprocedure (voorzitter of "
            "beoordelaar) geeft er geen recht op. Er is niets veranderd.",
        }[self.value]

    @property
    def reason(self) -> str:
        """The problem as a Dutch clause, for a message of its own."""
        return {
            "full": "de schijf is vol",
            "busy": "de database is bezet door een ander programma",
            "read-only": "de database of de map ervan is alleen-lezen",
            "disk": "de schijf gaf een leesfout of schrijffout",
        }[self.value]

    def opening(self, path: object) -> str:
        """What the user reads when the database could not be opened (or first read) on this problem."""
        what_to_do = {
            "full": "Maak ruimte vrij en probeer het opnieuw; er is niets veranderd.",
            "busy": "Probeer het zo opnieuw.",
            "read-only": "Controleer de rechten.",
            "disk": "Controleer de schijf.",
        }[self.value]
        return f"De database {path} kan nu niet worden geopend: {self.reason}. {what_to_do}"


# By primary result code: an extended code (SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT, ...) carries its primary code
# in the low byte.
_BY_CODE = {
    sqlite3.SQLITE_FULL: StorageProblem.FULL,
    sqlite3.SQLITE_BUSY: StorageProblem.BUSY,
    sqlite3.SQLITE_LOCKED: StorageProblem.BUSY,
    sqlite3.SQLITE_READONLY: StorageProblem.READ_ONLY,
    sqlite3.SQLITE_IOERR: StorageProblem.DISK,
}


def sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of an sqlite3 error, or of the one SQLAlchemy wraps (exc.orig); None otherwise."""
    error = getattr(exc, "orig", exc)
    code = getattr(error, "sqlite_errorcode", None) if isinstance(error, sqlite3.Error) else None
    return None if code is None else code & 0xFF


# PostgreSQL's SQLSTATE: a full disk; lock_not_available, serialization and deadlock
# failures are "another user holds it"; a read-only transaction or replica; an I/O error on the server.
_BY_SQLSTATE = {
    "53100": StorageProblem.FULL,
    "55P03": StorageProblem.BUSY,
    "40001": StorageProblem.BUSY,
    "40P01": StorageProblem.BUSY,
    "25006": StorageProblem.READ_ONLY,
    "58030": StorageProblem.DISK,
    "42501": StorageProblem.FORBIDDEN,  # insufficient_privilege, and a row refused by a row-level security policy
}


def storage_problem(exc: BaseException) -> StorageProblem | None:
    """The user's-world problem behind a database error, or None when it is not one (then it is our bug)."""
    code = sqlite_code(exc)
    if code is not None:
        return _BY_CODE.get(code)
    sqlstate = getattr(getattr(exc, "orig", exc), "sqlstate", None)
    return _BY_SQLSTATE.get(sqlstate) if isinstance(sqlstate, str) else None


# A unique constraint refused a row: SQLite's extended codes SQLITE_CONSTRAINT_UNIQUE and _PRIMARYKEY, PostgreSQL's
# unique_violation. Under the write lock of a unit of work this means a writer that did not take it saved the same
# row first (or a revision read before the lock went stale): a conflict, never shown as a traceback.
_UNIQUE_CODES = (2067, 1555)
_UNIQUE_SQLSTATE = "23505"


def is_unique_violation(exc: BaseException) -> bool:
    error = getattr(exc, "orig", exc)
    if isinstance(error, sqlite3.Error):
        return getattr(error, "sqlite_errorcode", None) in _UNIQUE_CODES
    return getattr(error, "sqlstate", None) == _UNIQUE_SQLSTATE
