"""Work packages and return files at the service level: contents, anonymity, updates, refusals."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from beoordelaar.core.errors import UserError
from beoordelaar.core.exchange.packages import export_package, open_package, write_return
from beoordelaar.core.exchange.return_file import ReturnContent, write_return_file
from beoordelaar.core.exchange.returns import import_return_file
from beoordelaar.core.exchange.work_package import read_work_package
from beoordelaar.core.scoring.scoring import hand_in, save_score, worklist
from beoordelaar.core.storage.database import Database
from exchange_round import ANNA, BRAM, CHAIR, KVKS, NUMBERS, ROUND, plan_codes, round_id_of, score_everything
from templates import DatabaseTemplates, MadeRound


@pytest.fixture
def laptop(tmp_path: Path, templates: DatabaseTemplates) -> Iterator[Database]:
    database = templates.open_copy(tmp_path / "laptop" / "laptop.sqlite")
    yield database
    database.close()


def _text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "\n".join(archive.read(n).decode("utf-8", errors="replace") for n in archive.namelist())


def test_package_holds_own_work_only_and_opens_with_documents(
    db: Database, made_round: MadeRound, laptop: Database, tmp_path: Path
) -> None:
    made_round(db)
    score_everything(db, ANNA, 4)  # shared-laptop work that the package brings along
    score_everything(db, BRAM, 2)
    out = tmp_path / "anna.zip"
    summary = export_package(db.sessions, db.documents, round_id_of(db), ANNA, out, actor=CHAIR)
    assert (summary.registrations, summary.documents, summary.scores) == (3, 3, 15)
    text = _text(out)
    assert "Motivering van Anna" in text and "Motivering van Bram" not in text
    opened = open_package(laptop.sessions, laptop.documents, out, actor=ANNA)
    assert (opened.status, opened.scores) == ("opened", 15)
    work = worklist(laptop.sessions, round_id_of(laptop), ANNA)
    assert work.done == work.total == 42 and [r.label.split()[0] for r in work.rows] == NUMBERS
    with zipfile.ZipFile(out) as archive:
        pdfs = [n for n in archive.namelist() if n.endswith(".pdf")]
        assert all(laptop.documents.has(hashlib.sha256(archive.read(n)).hexdigest()) for n in pdfs)


def test_newer_package_keeps_local_scores_and_an_older_one_is_refused(
    db: Database, made_round: MadeRound, laptop: Database, tmp_path: Path
) -> None:
    made_round(db)
    export_package(db.sessions, db.documents, round_id_of(db), ANNA, tmp_path / "p1.zip", actor=CHAIR)
    export_package(db.sessions, db.documents, round_id_of(db), ANNA, tmp_path / "p2.zip", actor=CHAIR)
    open_package(laptop.sessions, laptop.documents, tmp_path / "p1.zip", actor=ANNA)
    score_everything(laptop, ANNA, 5)
    assert open_package(laptop.sessions, laptop.documents, tmp_path / "p2.zip", actor=ANNA).status == "updated"
    assert (
        worklist(laptop.sessions, round_id_of(laptop), ANNA).done
        == worklist(laptop.sessions, round_id_of(laptop), ANNA).total
    )
    with pytest.raises(UserError, match="ouder dan het al geopende"):
        open_package(laptop.sessions, laptop.documents, tmp_path / "p1.zip", actor=ANNA)
    with pytest.raises(UserError, match="database van de voorzitter"):
        open_package(db.sessions, db.documents, tmp_path / "p2.zip", actor=CHAIR)


def test_anonymised_package_leaves_out_names_and_kvk(
    db: Database, made_round: MadeRound, laptop: Database, tmp_path: Path
) -> None:
    made_round(db, anonymised=True)
    out = tmp_path / "anon.zip"
    export_package(db.sessions, db.documents, round_id_of(db), ANNA, out, actor=CHAIR)
    with zipfile.ZipFile(out) as archive:
        names = "\n".join(archive.namelist())
        text = "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist() if n.endswith(".json"))
    assert "Stichting Aanbieder" not in text and not any(k in text for k in KVKS)
    assert "plan-1.pdf" not in names and "Inschrijving 001" in text
    open_package(laptop.sessions, laptop.documents, out, actor=ANNA)
    rows = worklist(laptop.sessions, round_id_of(laptop), ANNA).rows
    assert [r.label for r in rows] == ["Inschrijving 001", "Inschrijving 002", "Inschrijving 003"]
    code = plan_codes(laptop)[0]
    save_score(laptop.sessions, round_id_of(laptop), ANNA, "002", code, 3,
               "Een motivering die lang genoeg is voor dit kader.", actor=ANNA)  # fmt: skip


def test_return_needs_hand_in_and_only_works_on_a_laptop(
    db: Database, made_round: MadeRound, laptop: Database, tmp_path: Path
) -> None:
    made_round(db)
    with pytest.raises(UserError, match="niet geopend uit een werkpakket"):
        write_return(db.sessions, round_id_of(db), tmp_path / "r.zip", actor=CHAIR)
    export_package(db.sessions, db.documents, round_id_of(db), ANNA, tmp_path / "p.zip", actor=CHAIR)
    open_package(laptop.sessions, laptop.documents, tmp_path / "p.zip", actor=ANNA)
    with pytest.raises(UserError, match="Lever eerst in"):
        write_return(laptop.sessions, round_id_of(laptop), tmp_path / "r.zip", actor=ANNA)
    assert not (tmp_path / "r.zip").exists()
    score_everything(laptop, ANNA)
    hand_in(laptop.sessions, round_id_of(laptop), ANNA, actor=ANNA)
    assert write_return(laptop.sessions, round_id_of(laptop), tmp_path / "r.zip", actor=ANNA).scores == 15
    assert not list(tmp_path.glob(".*.tmp"))


def test_return_from_a_stranger_is_refused(db: Database, made_round: MadeRound, tmp_path: Path) -> None:
    made_round(db)
    export_package(db.sessions, db.documents, round_id_of(db), ANNA, tmp_path / "p.zip", actor=CHAIR)
    uid = read_work_package(tmp_path / "p.zip").round_uid
    forged = tmp_path / "vreemd.zip"
    write_return_file(forged, _content(uid, "Onbekende Indringer"), b"k" * 32)
    with pytest.raises(UserError, match="geen lid is van de commissie"):
        import_return_file(db.sessions, forged, actor=CHAIR)
    # Signed with a guessed key in the name of a real member: the signature gives it away.
    write_return_file(forged, _content(uid, BRAM), b"k" * 32)
    with pytest.raises(UserError, match="handtekening klopt niet"):
        import_return_file(db.sessions, forged, actor=CHAIR)


def _content(uid: str, assessor: str) -> ReturnContent:
    return ReturnContent(uid, ROUND, assessor, 1, 1, None, "2026-01-01T00:00:00", "0" * 64, [], [])


def test_export_refuses_an_assessor_without_work(db: Database, made_round: MadeRound, tmp_path: Path) -> None:
    made_round(db)
    with pytest.raises(UserError, match="nog niets toegewezen"):
        export_package(db.sessions, db.documents, round_id_of(db), CHAIR, tmp_path / "p.zip", actor=CHAIR)
    assert not (tmp_path / "p.zip").exists()


def test_no_work_package_without_the_confidentiality_declaration(
    db: Database, made_round: MadeRound, tmp_path: Path
) -> None:
    from beoordelaar.core.commission.assessors import declare_confidentiality

    made_round(db, declared=False)
    out = tmp_path / "pakket.bwp"
    with pytest.raises(UserError, match="geheimhoudingsverklaring"):
        round_id = round_id_of(db)
        export_package(db.sessions, db.documents, round_id, ANNA, out, actor="v")
    assert not out.exists()
    declare_confidentiality(db.sessions, round_id, ANNA, actor="v")
    export_package(db.sessions, db.documents, round_id, ANNA, out, actor="v")
    assert out.exists()
