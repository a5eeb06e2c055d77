"""Copies of stored documents for a viewer outside the app (the store names files by digest, a viewer needs the
extension, and the original is never handed out). They live in one folder of the app's own, readable by the user
alone, and are removed when the app closes and, after a crash, when it starts again."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from beoordelaar.core.paths import old_viewing_copies_dir, viewing_copies_dir
from beoordelaar.core.storage.documents import user_only_folder


def write_viewing_copy(source: Path, name: str) -> Path:
    """source copied into the folder as name, readable by the user alone; a copy of that name already there is kept
    (the caller puts the content's digest in the name, and a viewer may still hold it open)."""
    folder = user_only_folder(viewing_copies_dir())
    target = folder / name
    if target.is_file():
        return target
    # mkstemp makes the file 0600; a copy under a temporary name first, so a crash never leaves half a document.
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as original:
            shutil.copyfileobj(original, out)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


def remove_viewing_copies() -> list[Path]:
    """Remove the copies in the folder, and nothing outside it; returns those a viewer still holds (on Windows an
    open file cannot be removed), which the next start removes. The copies Beoordelaar 0.1 left in the temporary
    folder go too (only the user's own files there)."""
    kept = _remove_files(viewing_copies_dir(), only_own=False)
    old = old_viewing_copies_dir()
    kept += _remove_files(old, only_own=True)
    with contextlib.suppress(OSError):
        old.rmdir()  # once empty; another user's copies keep it
    return kept


def _remove_files(folder: Path, *, only_own: bool) -> list[Path]:
    if folder.is_symlink() or not folder.is_dir():
        return []
    kept: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        if entry.is_dir() and not entry.is_symlink():
            continue  # not a copy: only files are written here
        try:
            if only_own and os.name == "posix" and entry.lstat().st_uid != os.getuid():
                continue
            entry.unlink()  # a link is removed, never what it points to
        except OSError:
            kept.append(entry)
    return kept
