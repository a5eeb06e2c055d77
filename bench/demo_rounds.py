"""A demo round of N providers for the scaling benches of the record, the consolidation and the letters, built once
per size and kept in --demos (a folder) when given, so the benches can share the builds; every bench works on a fresh
copy."""

from __future__ import annotations

import shutil
from pathlib import Path

from beoordelaar.core.demo.demo import build_demo
from beoordelaar.core.rounds.rounds import list_rounds
from beoordelaar.core.storage.database import Database, open_database


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)
    for beside in ("documenten", "ankers"):  # the document store, the checkpoints' anchor files
        folder = source.parent / f"{source.stem}-{beside}"
        if folder.is_dir():
            shutil.copytree(folder, target.parent / f"{target.stem}-{beside}")


def demo_copy(folder: Path, providers: int, *, assessors: int = 3, demos: Path | None = None) -> tuple[Database, int]:
    """A fresh copy of the demo round of that size in folder, opened, and its round id."""
    kept = (demos or folder / "built") / f"demo-{providers}x{assessors}.sqlite"
    if not kept.exists():
        kept.parent.mkdir(parents=True, exist_ok=True)
        db = open_database(kept)
        build_demo(db.sessions, providers=providers, assessors=assessors, actor="bench", documents=db.documents)
        db.close()
    copy = folder / f"copy-{providers}x{assessors}" / "demo.sqlite"
    _copy(kept, copy)
    db = open_database(copy)
    return db, list_rounds(db.sessions)[-1].id
