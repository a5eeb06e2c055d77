"""A server database's documents live in the database: a plan imported on one computer is read on another (another
process, another data folder), content that no longer matches its SHA-256 is refused in Dutch, a work package from a
server round carries the plans, and removing a round takes the documents only it named. On a real PostgreSQL server
(tests/postgres_server.py, BEOORDELAAR_TEST_POSTGRES=1)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from beoordelaar.cli import main
from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.api import document_file
from beoordelaar.core.rounds.round_edits import remove_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.storage.database import Database, open_database
from beoordelaar.core.storage.server_documents import REMOVAL_GRACE, ServerDocumentStore
from exchange_round import ANNA, export_for, make_round, open_on, round_id_of
from import_samples import plan_folder, rows, write_xlsx
from templates import DatabaseTemplates

pytestmark = pytest.mark.postgres

READ_ELSEWHERE = """
import hashlib, json, sys
from sqlalchemy import select
from beoordelaar.core.registrations.api import document_file
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import open_database

database = open_database(sys.argv[1])
with database.sessions() as session:
    documents = session.execute(select(m.Document.id, m.Document.file_name).order_by(m.Document.id)).all()
found = {name: hashlib.sha256(document_file(database, id_).read_bytes()).hexdigest() for id_, name in documents}
database.close()
print(json.dumps(found))
"""


def _plans(database: Database) -> dict[str, str]:
    with database.sessions() as session:
        rows_ = session.execute(select(m.Document.file_name, m.Document.sha256).order_by(m.Document.id)).all()
    return {name: sha for name, sha in rows_}


def test_a_plan_imported_on_one_computer_is_read_on_another(
    postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", postgres_url]
    assert main([*db, "round", "create", "--name", "R", "--framework", "ijsselland-2022"]) == 0
    export = write_xlsx(tmp_path / "export.xlsx", rows(2))
    folder = plan_folder(tmp_path / "plannen", [1, 2])
    assert main([*db, "import", "R", str(export), "--documents", str(folder), "--json"]) == 0
    capsys.readouterr()
    here = os.environ["XDG_DATA_HOME"]
    assert not list(Path(here).rglob("*-documenten"))  # nothing beside the server's name on this computer
    elsewhere = tmp_path / "collega"  # another user's computer: another process, its own home and folders
    environment = {
        **os.environ, "HOME": str(elsewhere), "XDG_DATA_HOME": str(elsewhere / "data"),
        "XDG_CACHE_HOME": str(elsewhere / "cache"), "PYTHONPATH": os.pathsep.join(sys.path),
    }  # fmt: skip
    shown = subprocess.run(
        [sys.executable, "-c", READ_ELSEWHERE, postgres_url], env=environment, capture_output=True, text=True,
        check=True, timeout=300,
    )  # fmt: skip
    expected = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}
    assert json.loads(shown.stdout) == expected


def test_content_that_no_longer_matches_its_sha256_is_refused_naming_the_document(pg_db: Database) -> None:
    make_round(pg_db)
    with pg_db.sessions() as session:
        document = session.execute(select(m.Document).order_by(m.Document.id)).scalars().first()
        assert document is not None
        document_id, sha, name = document.id, document.sha256, document.file_name
    assert pg_db.documents.read_bytes(sha, name).startswith(b"%PDF")
    with pg_db.engine.begin() as connection:
        connection.execute(update(m.DocumentPart).where(m.DocumentPart.sha256 == sha).values(content=b"%PDF vervalst"))
    store = pg_db.documents
    for read in (lambda: document_file(pg_db, document_id), lambda: store.read_bytes(sha, name)):
        with pytest.raises(UserError, match=f"Het document '{re.escape(name)}' is beschadigd"):
            read()


def test_storing_checks_the_content_and_keeps_one_copy(pg_db: Database, tmp_path: Path) -> None:
    store = pg_db.documents
    assert isinstance(store, ServerDocumentStore)
    big = os.urandom(2_500_000)  # three parts of at most 1 MiB
    source = tmp_path / "plan.pdf"
    source.write_bytes(big)
    digest, size = store.add_file(source)
    assert (digest, size) == (hashlib.sha256(big).hexdigest(), len(big))
    assert store.add_chunks(iter([big[:10], big[10:]])) == digest  # the same content: stored once
    assert store.add_bytes(b"") == hashlib.sha256(b"").hexdigest() and store.read_bytes(store.add_bytes(b""), "") == b""
    with pg_db.engine.connect() as connection:
        parts = connection.execute(text("SELECT count(*) FROM document_parts WHERE sha256 = :s"), {"s": digest})
        assert parts.scalar_one() == 3
    assert store.read_bytes(digest, "plan.pdf") == big and store.size(digest) == len(big)
    assert store.local_file(digest, "plan.pdf").read_bytes() == big
    with pytest.raises(UserError, match=r"Het document 'weg\.pdf' staat niet"):
        store.read_bytes("0" * 64, "weg.pdf")


def test_two_users_storing_the_same_plan_at_once_keep_one_copy(pg_db: Database) -> None:
    from concurrent.futures import ThreadPoolExecutor

    plan = os.urandom(1_500_000)
    store = pg_db.documents
    with ThreadPoolExecutor(4) as pool:
        digests = set(pool.map(lambda _: store.add_bytes(plan), range(4)))
    assert digests == {hashlib.sha256(plan).hexdigest()}
    with pg_db.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM stored_documents")).scalar_one() == 1
        assert connection.execute(text("SELECT count(*) FROM document_parts")).scalar_one() == 2
    assert store.read_bytes(digests.pop(), "plan") == plan


def test_a_package_from_a_server_round_carries_the_plans_to_the_laptop(
    pg_db: Database, tmp_path: Path, templates: DatabaseTemplates
) -> None:
    make_round(pg_db)
    on_server = _plans(pg_db)
    package = export_for(pg_db, ANNA, tmp_path / "anna.bwp")
    assert package.documents == 3
    laptop = templates.open_copy(tmp_path / "laptop" / "laptop.sqlite")
    try:
        open_on(laptop, package, ANNA)
        on_laptop = _plans(laptop)
        assert on_laptop == on_server
        for sha in on_laptop.values():
            assert laptop.documents.read_bytes(sha, "plan").startswith(b"%PDF-1.4 plan van aanpak")
    finally:
        laptop.close()


def _stored(database: Database) -> set[str]:
    with database.engine.connect() as connection:
        return set(connection.execute(select(m.StoredDocument.sha256)).scalars())


def test_removing_a_round_takes_the_documents_only_it_named(pg_db: Database) -> None:
    """Two rounds with the same plans (the same providers at two entry moments) and one plan of the first only: the
    removal takes that one and keeps the shared ones; content stored within the grace period (an import on another
    computer may be about to name it) stays too."""
    make_round(pg_db)
    make_round(pg_db, name="Tweede ronde")
    first = round_id_of(pg_db)
    own = pg_db.documents.add_bytes(b"%PDF-1.4 alleen van de eerste ronde")
    fresh = pg_db.documents.add_bytes(b"%PDF-1.4 net opgeslagen")
    with pg_db.sessions.begin() as session:
        registration = session.execute(select(m.Registration).where(m.Registration.round_id == first)).scalars().first()
        for sha in (own, fresh):
            session.add(
                m.Document(registration_id=registration.id, kind="evidence", file_name=f"{sha[:6]}.pdf", sha256=sha)
            )
    shared = set(_plans(pg_db).values()) - {own, fresh}
    with pg_db.engine.begin() as connection:
        connection.execute(
            update(m.StoredDocument).where(m.StoredDocument.sha256 != fresh)
            .values(stored_at=utcnow() - REMOVAL_GRACE - timedelta(minutes=1))
        )  # fmt: skip
    removed = remove_round(pg_db.sessions, first, actor="test")
    assert removed.removed["stored_documents"] == 1
    assert _stored(pg_db) == shared | {fresh}
    assert all(pg_db.documents.read_bytes(sha, "plan").startswith(b"%PDF") for sha in shared)


def test_a_dossier_from_a_server_round_holds_the_plan_and_the_letter(
    postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", postgres_url]
    assert main([*db, "demo", "--providers", "6", "--assessors", "2", "--json"]) == 0
    assert main([*db, "decide", "1", "--json"]) == 0
    assert main([*db, "letters", "1", "--out", str(tmp_path / "brieven"), "--json"]) == 0
    database = open_database(postgres_url)
    try:
        with database.sessions() as session:
            number, plan = session.execute(
                select(m.Registration.number, m.Document.sha256).join(m.Document).where(m.Document.kind == "plan")
            ).first()
    finally:
        database.close()
    assert main([*db, "dossier", "1", number, "--out", str(tmp_path / "dossier.zip")]) == 0
    with zipfile.ZipFile(tmp_path / "dossier.zip") as dossier:
        held = {hashlib.sha256(dossier.read(name)).hexdigest() for name in dossier.namelist()}
        assert any(name.endswith(".pdf") and "brie" in name.lower() for name in dossier.namelist())
    assert plan in held
    capsys.readouterr()


def test_a_server_keeps_its_checkpoints_in_the_folder_the_setting_names(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "gedeelde-ankers"
    monkeypatch.setenv("BEOORDELAAR_ANKERS", str(shared))
    assert main(["--db", postgres_url, "demo", "--providers", "6", "--assessors", "2", "--json"]) == 0
    (folder,) = shared.iterdir()
    assert folder.name.endswith("-ankers") and list(folder.glob("controlepunt-*.json"))
    capsys.readouterr()
    assert main(["--db", postgres_url, "audit", "verify", "--json"]) == 0
    verified = json.loads(capsys.readouterr().out)
    assert verified["checkpoints"] and all(c["outside_database"] for c in verified["checkpoints"])
