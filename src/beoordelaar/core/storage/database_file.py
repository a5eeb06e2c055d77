"""A database file before it is opened: whether it is an SQLite database at all, and its lock, which keeps a second
copy of the app (or a command) off it while this one has it open. No SQLAlchemy here: a start takes the lock before
the database layer is imported (core/first_look.py)."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from beoordelaar.core.errors import UserError, os_reason
from beoordelaar.core.paths import locks_dir


def check_is_database(path: Path) -> None:
    """Refuse a file that is not an SQLite database, without writing to it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(16)
    if header != b"SQLite format 3\x00":
        raise UserError(
            f"Het bestand {path} is geen database van Beoordelaar (het is geen SQLite-database). "
            "Kies een ander bestand; dit bestand is niet gewijzigd."
        )


IN_USE = (
    "De database {path} is al geopend door een ander venster of programma van Beoordelaar{other}. "
    "Sluit dat eerst, of kies een andere database."
)


class DatabaseFileLock:
    """Two locks held as one: beside the file's name (also while the file is still being made), and on the file's
    identity, so that a second name for the same file (a hard link) is refused like a second copy."""

    def __init__(self, *locks: FileLock) -> None:
        self._locks = locks

    def release(self) -> None:
        for lock in reversed(self._locks):
            lock.release()


def lock_database_file(path: Path) -> DatabaseFileLock:
    by_name = FileLock(str(path) + ".lock", timeout=0)
    try:
        by_name.acquire()
    except Timeout as exc:
        raise UserError(IN_USE.format(path=path, other="")) from exc
    try:
        path.touch(exist_ok=True)  # a new database: its identity exists from here on
        identity = path.stat()
        folder = locks_dir()
        folder.mkdir(parents=True, exist_ok=True)
        by_identity = FileLock(str(folder / f"{identity.st_dev}-{identity.st_ino}.lock"), timeout=0)
        by_identity.acquire()
    except Timeout as exc:
        by_name.release()
        raise UserError(IN_USE.format(path=path, other=", onder een andere naam of via een andere map")) from exc
    except OSError as exc:
        by_name.release()
        raise UserError(f"De database {path} kan niet worden vergrendeld: {os_reason(exc)}.") from exc
    return DatabaseFileLock(by_name, by_identity)
