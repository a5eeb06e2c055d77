"""What a kill or a full disk leaves in the document folder is gone at the next open: the temporary files of a copy
cut off, and documents no row and no event names; every document the database or its history names stays."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import select

from beoordelaar.core.rounds.round_edits import remove_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database, open_database
from beoordelaar.core.storage.leftovers import remove_leftovers
from engines import DOCUMENT_FOLDER
from templates import DemoCopies

pytestmark = pytest.mark.sqlite_only(reason=DOCUMENT_FOLDER)


def _reopened(db: Database) -> Database:
    db.close()
    return open_database(db.path)


def _stored(db: Database) -> set[str]:
    root = db.documents.root
    return {p.name for p in root.glob("??/*")} if root.is_dir() else set()


def test_temporary_files_of_a_copy_cut_off_are_removed_at_the_next_open(db: Database) -> None:
    store = db.documents
    digest = store.add_bytes(b"een plan")
    (store.root / ".tmp-ab12cd").write_bytes(b"half")
    (store.path_for(digest).parent / ".tmp-ef34gh").write_bytes(b"half")
    (store.root / "leesmij.txt").write_text("van iemand anders")
    reopened = _reopened(db)
    try:
        assert not list(store.root.rglob(".tmp-*"))
        assert (store.root / "leesmij.txt").is_file()  # not ours: left alone
    finally:
        reopened.close()


def test_documents_nothing_names_go_and_those_a_row_or_the_history_names_stay(
    db: Database, cached_demo: DemoCopies
) -> None:
    cached_demo(db, providers=3, actor="test", documents=True)
    named = _stored(db)
    assert named, "the demo keeps its plans in the store"
    orphan = db.documents.add_bytes(b"uit een import die is teruggedraaid")
    reopened = _reopened(db)
    try:
        assert _stored(reopened) == named and orphan not in _stored(reopened)
    finally:
        reopened.close()


def test_a_removed_rounds_documents_stay_for_its_backup(db: Database, cached_demo: DemoCopies) -> None:
    summary = cached_demo(db, providers=3, actor="test", documents=True)
    named = _stored(db)
    remove_round(db.sessions, summary.id, actor="test")
    with db.sessions() as session:
        assert session.execute(select(m.Document.id)).first() is None
    assert remove_leftovers(db.engine, db.documents.root).unreferenced == 0
    assert _stored(db) == named


def test_a_folder_that_cannot_be_cleaned_does_not_stop_the_open(db: Database, tmp_path: Path) -> None:
    store = db.documents
    store.add_bytes(b"x")
    leftover = store.root / ".tmp-vast"
    leftover.write_bytes(b"half")
    os.chmod(store.root, 0o500)
    try:
        reopened = _reopened(db)
        reopened.close()
    finally:
        os.chmod(store.root, 0o700)
