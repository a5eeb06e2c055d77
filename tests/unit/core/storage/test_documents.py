"""The folder store of a database file: content kept by its SHA-256 and checked against it on every read."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from beoordelaar.core.errors import UserError
from beoordelaar.core.storage.documents import FolderDocumentStore


def test_what_is_stored_is_read_back_checked(tmp_path: Path) -> None:
    store = FolderDocumentStore(tmp_path / "documenten")
    source = tmp_path / "plan.pdf"
    source.write_bytes(b"%PDF-1.4 plan" * 100_000)
    digest, size = store.add_file(source)
    assert digest == hashlib.sha256(source.read_bytes()).hexdigest() and size == store.size(digest)
    assert store.add_chunks(iter([source.read_bytes()])) == digest
    assert store.read_bytes(digest, "plan.pdf") == source.read_bytes()
    assert b"".join(store.chunks(digest, "plan.pdf")) == source.read_bytes()
    assert store.local_file(digest, "plan.pdf") == store.path_for(digest)


def test_a_file_altered_in_the_store_is_refused_naming_the_document(tmp_path: Path) -> None:
    store = FolderDocumentStore(tmp_path / "documenten")
    digest = store.add_bytes(b"%PDF-1.4 het echte plan")
    store.path_for(digest).write_bytes(b"%PDF-1.4 een ander plan")
    for read in (store.read_bytes, store.local_file, lambda sha, name: list(store.chunks(sha, name))):
        with pytest.raises(UserError, match=r"Het document 'Plan van aanpak\.pdf' is beschadigd"):
            read(digest, "Plan van aanpak.pdf")
    with pytest.raises(UserError, match=r"Het document 'weg\.pdf' staat niet"):
        store.read_bytes("0" * 64, "weg.pdf")
