"""What a kill or a full disk can leave in the document folder, removed when the database is next opened: the
temporary files (`.tmp-*`) a copy into the store was being written to, and documents that no row and no event of
the history names (copied in by an import, a package or a logo choice that was then rolled back or cut off).

A document is kept when any row of the tables that hold a document's hash names it, or when any event of the
history does (a round removed keeps its documents for the backup made before the removal, whose rows name them).
Only files named as a document is (a SHA-256 in the folder of its first two characters) are ever removed: whatever
else someone put in the folder stays. Cleaning never stops a start: what cannot be removed is logged and left."""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, or_, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.bulk import streamed_rows
from beoordelaar.core.storage.document_references import referenced_documents

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())  # the detail goes to the app's log when one runs, never to the terminal

TEMPORARY_PREFIX = ".tmp-"
_DIGEST = re.compile(r"[0-9a-f]{64}")
# The history that can name a document: its rows' own events, the letters' and the rounds' (a logo in the
# document settings, the merged PDF of letters-made).
_NAMING_ENTITIES = ("documents", "letters", "rounds")


@dataclass(frozen=True)
class Leftovers:
    """What a clean-up removed: temporary files, and documents nothing names."""

    temporary: int
    unreferenced: int


def _stored_documents(root: Path) -> list[Path]:
    found = []
    for folder in root.iterdir():
        if folder.is_dir() and len(folder.name) == 2:
            found += [p for p in folder.iterdir() if _DIGEST.fullmatch(p.name) and p.name.startswith(folder.name)]
    return found


def _temporary_files(root: Path) -> list[Path]:
    return [p for p in (*root.glob(f"{TEMPORARY_PREFIX}*"), *root.glob(f"??/{TEMPORARY_PREFIX}*")) if p.is_file()]


def referenced_digests(session: Session) -> set[str]:
    """Every SHA-256 a row or the history names as a document's (the set has one entry per document)."""
    named = referenced_documents(session)
    e = m.AuditEvent
    events = select(e.before, e.after).where(or_(e.entity.in_(_NAMING_ENTITIES), e.action == "letters-made"))
    for before, after in streamed_rows(session, events):
        named.update(_DIGEST.findall(json.dumps([before, after])))
    return named


def remove_leftovers(engine: Engine, root: Path) -> Leftovers:
    """Remove the temporary files and the documents nothing names from the document folder root (once the
    database is open and locked, so no other run of the app is writing there)."""
    if not root.is_dir():
        return Leftovers(0, 0)
    try:
        temporary = _temporary_files(root)
        stored = _stored_documents(root)
        if stored:
            with Session(engine) as session:
                named = referenced_digests(session)
            stored = [p for p in stored if p.name not in named]
    except (OSError, DBAPIError) as exc:
        log.warning("De documentenmap %s kon niet worden opgeruimd: %s", root, exc)
        return Leftovers(0, 0)
    removed = {"temporary": 0, "unreferenced": 0}
    for kind, paths in (("temporary", temporary), ("unreferenced", stored)):
        for path in paths:
            try:
                os.remove(path)
                removed[kind] += 1
            except OSError as exc:
                log.warning("Achtergebleven bestand %s niet verwijderd: %s", path, exc)
    if removed["temporary"] or removed["unreferenced"]:
        log.info("Documentenmap %s opgeruimd: %s", root, removed)
    return Leftovers(**removed)
