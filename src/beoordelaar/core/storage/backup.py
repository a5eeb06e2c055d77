"""Backups of the database before a migration.

A file: a copy made with sqlite3's online backup API (consistent even while in use).
A PostgreSQL server: a pg_dump in its custom format (restore with pg_restore), when pg_dump is on this computer's
PATH. Without it no copy is made here, and that is the documented policy for a server: its own backups (pg_dump or
base backups with WAL archiving, made by whoever runs the server) are the backup, and a migration runs in one
transaction, so a failed one leaves the database as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL

from beoordelaar.core.errors import UserError, os_reason
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.storage.location import DatabaseLocation
from beoordelaar.core.storage.sqlite_errors import storage_problem

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())  # the detail goes to the app's log when one runs, never to the terminal

KEEP_BACKUPS = 20


def _why(exc: OSError | sqlite3.Error) -> str:
    if isinstance(exc, OSError):
        return os_reason(exc)
    problem = storage_problem(exc)
    return problem.reason if problem is not None else "de database kon niet worden gelezen"


def backup_database(path: Path, backup_dir: Path, label: str) -> Path:
    """Copy the database at path into backup_dir; keep the newest KEEP_BACKUPS copies of this database."""
    stamp = utcnow().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"{path.stem}-{stamp}-{label}.sqlite"
    try:
        backup_dir.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(path)
        try:
            destination = sqlite3.connect(target)
            try:
                source.backup(destination)
            finally:
                destination.close()
        finally:
            source.close()
    except (OSError, sqlite3.Error) as exc:
        target.unlink(missing_ok=True)
        log.warning("reservekopie van %s in %s: %s", path, backup_dir, exc)
        raise UserError(
            f"Er kon geen reservekopie van {path} worden gemaakt in {backup_dir}: {_why(exc)}. "
            "Zonder reservekopie wordt de database niet bijgewerkt; er is niets gewijzigd."
        ) from exc
    old = sorted(backup_dir.glob(f"{path.stem}-*.sqlite"))
    for stale in old[:-KEEP_BACKUPS]:
        stale.unlink(missing_ok=True)
    return target


def backup_before_change(location: DatabaseLocation, label: str, backup_dir: Path | None = None) -> Path | None:
    """A backup of the file or server database before a change (in backups/ beside it unless backup_dir says);
    None for a server without pg_dump here (see the module)."""
    folder = backup_dir or location.local_path.parent / "backups"
    if location.path is not None:
        return backup_database(location.path, folder, label=label)
    return backup_server(location.url, folder, label=label)


def backup_server(url: URL, backup_dir: Path, label: str) -> Path | None:
    """pg_dump the server database into backup_dir; None when pg_dump is not on this computer (see the module)."""
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        return None
    stamp = utcnow().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"{url.database}-{stamp}-{label}.pgdump"
    environment = dict(os.environ)
    if url.password is not None:
        environment["PGPASSWORD"] = str(url.password)
    dsn = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    try:
        backup_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [pg_dump, "--format=custom", f"--file={target}", f"--dbname={dsn}"],
            env=environment,
            check=True,
            capture_output=True,
            text=True,
            timeout=3600,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        target.unlink(missing_ok=True)
        detail = getattr(exc, "stderr", None) or str(exc)
        raise UserError(
            f"Er kon geen reservekopie van de serverdatabase {url.database} worden gemaakt met pg_dump "
            f"({detail.strip()}). Zonder reservekopie wordt de database niet bijgewerkt; er is niets gewijzigd."
        ) from exc
    old = sorted(backup_dir.glob(f"{url.database}-*.pgdump"))
    for stale in old[:-KEEP_BACKUPS]:
        stale.unlink(missing_ok=True)
    return target
