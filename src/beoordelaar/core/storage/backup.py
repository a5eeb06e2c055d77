"""Backups of the database file, made with sqlite3's online backup API (consistent even while in use)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from beoordelaar.core.errors import UserError
from beoordelaar.core.storage.clock import utcnow

KEEP_BACKUPS = 20


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
        raise UserError(
            f"Er kon geen reservekopie van {path} worden gemaakt in {backup_dir} ({exc}). "
            "Zonder reservekopie wordt de database niet bijgewerkt; er is niets gewijzigd."
        ) from exc
    old = sorted(backup_dir.glob(f"{path.stem}-*.sqlite"))
    for stale in old[:-KEEP_BACKUPS]:
        stale.unlink(missing_ok=True)
    return target
