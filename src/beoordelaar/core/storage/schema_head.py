"""Whether a database file is at the newest schema, read with sqlite3 and the migration scripts' text alone: no
alembic, no SQLAlchemy, so that a start on a database at head (nearly every start) finds it out before either is
imported (core/first_look.py, and migrations.at_head)."""

from __future__ import annotations

import ast
import functools
import re
import sqlite3
from pathlib import Path

from beoordelaar.core.paths import migrations_dir

# "revision: str = "0016"" and "down_revision: str | None = "0015"" in a migration script, annotated or not.
_REVISION_LINE = re.compile(
    r"^(?P<name>revision|down_revision)[ \t]*(?::[^=\n]*)?=[ \t]*"
    r"(?P<value>None|\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\))[ \t]*$",
    re.MULTILINE,
)


def script_heads(script_location: Path | None = None) -> frozenset[str]:
    """The newest revisions of the migration scripts, read from their revision and down_revision lines without
    importing alembic: a start on a database already at head needs none of its machinery."""
    return _heads_of(migration_scripts(script_location))


Scripts = tuple[tuple[Path, int, int], ...]
"""The migration scripts of a folder with their modification times and sizes: what a result read from them is kept
under for the rest of the process (a script changed or added is read anew)."""


def migration_scripts(script_location: Path | None) -> Scripts:
    folder = script_location or migrations_dir()
    scripts = [folder / "env.py", *sorted((folder / "versions").glob("*.py"))]
    return tuple((script, script.stat().st_mtime_ns, script.stat().st_size) for script in scripts if script.is_file())


@functools.lru_cache(maxsize=16)
def _heads_of(scripts: Scripts) -> frozenset[str]:
    revisions: set[str] = set()
    earlier: set[str] = set()
    for script, _modified, _size in scripts:
        if script.parent.name != "versions":
            continue
        found = {m["name"]: ast.literal_eval(m["value"]) for m in _REVISION_LINE.finditer(script.read_text("utf-8"))}
        if isinstance(found.get("revision"), str):
            revisions.add(found["revision"])
            down = found.get("down_revision")
            earlier.update([down] if isinstance(down, str) else down or ())
    return frozenset(revisions - earlier)


def stored_revision(path: Path) -> str | None:
    """The revision an SQLite file records, read with sqlite3 alone; None when it records none or cannot be read now
    (a new file, another program's, locked): the full check then says why."""
    try:
        connection = sqlite3.connect(path)
        try:
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        finally:
            connection.close()
    except sqlite3.Error:
        return None
    return rows[0][0] if len(rows) == 1 else None


def file_at_head(path: Path) -> bool:
    """The SQLite file at path records the newest revision of the migration scripts."""
    stored = stored_revision(path) if path.is_file() else None
    return stored is not None and stored in script_heads()
