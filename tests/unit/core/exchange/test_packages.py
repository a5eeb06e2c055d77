"""Work packages and return files at the service level: contents, anonymity, updates, refusals.
The attacks on the exchange are in test_exchange_attacks.py."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from beoordelaar.core.errors import UserError
from beoordelaar.core.exchange.package_open import open_package
from beoordelaar.core.exchange.return_writing import write_return
from beoordelaar.core.exchange.work_package import open_work_package
from beoordelaar.core.scoring.scoring import hand_in, save_score, worklist
from beoordelaar.core.storage.database import Database
from exchange_round import (
    ANNA,
    BRAM,
    CHAIR,
    KVKS,
    NUMBERS,
    PASSPHRASE,
    export_for,
    open_on,
    package_text,
    plan_codes,
    return_from,
    round_id_of,
    score_everything,
)
from templates import DatabaseTemplates, MadeRound


@pytest.fixture
def laptop(tmp_path: Path, templates: DatabaseTemplates) -> Iterator[Database]:
    database = templates.open_copy(tmp_path / "laptop" / "laptop.sqlite")
    yield database
    database.close()


def test_package_holds_own_work_only_and_opens_with_documents(
    db: Database, made_round: MadeRound, laptop: Database, tmp_path: Path
) -> None:
    made_round(db)
    score_everything(db, ANNA, 4)  # shared-laptop work that the package brings along
    score_everything(db, BRAM, 2)
    out = tmp_path / "anna.zip"
    summary = export_for(db, ANNA, out)
    assert (summary.registrations, summary.documents, summary.scores) == (3, 3, 15)
    text = package_text(out, summary.code)
    assert "Motivering van Anna" in text and "Motivering van Bram" not in text
    opened = open_on(laptop, summary, ANNA)
    assert (opened.status, opened.scores, opened.documents) == ("opened", 15, 3)
    work = worklist(laptop.sessions, round_id_of(laptop), ANNA)
    assert work.done == work.total == 42 and [r.label.split()[0] for r in work.rows] == NUMBERS
    for index in (1, 2, 3):
        plan = f"%PDF-1.4 plan van aanpak van Stichting Aanbieder {index}".encode()
        assert laptop.documents.has(hashlib.sha256(plan).hexdigest())


def test_newer_package_keeps_local_scores_and_an_older_one_is_refused(
    db: Database, made_round: MadeRound, laptop: Database, tmp_path: Path
) -> None:
    made_round(db)
    first = export_for(db, ANNA, tmp_path / "p1.zip")
    second = export_for(db, ANNA, tmp_path / "p2.zip")
    assert first.code != second.code
    open_on(laptop, first, ANNA)
    score_everything(laptop, ANNA, 5)
    assert open_on(laptop, second, ANNA).status == "updated"
    assert (
        worklist(laptop.sessions, round_id_of(laptop), ANNA).done
        == worklist(laptop.sessions, round_id_of(laptop), ANNA).total
    )
    with pytest.raises(UserError, match="ouder dan het al geopende"):
        open_on(laptop, first, ANNA)
    with pytest.raises(UserError, match="database van de voorzitter"):
        open_on(db, second, CHAIR)
    with pytest.raises(UserError, match=r"De code klopt niet bij het werkpakket p2\.zip"):
        open_package(laptop.sessions, laptop.documents, second.file, first.code, actor=ANNA)


def test_anonymised_package_leaves_out_names_and_kvk(
    db: Database, made_round: MadeRound, laptop: Database, tmp_path: Path
) -> None:
    made_round(db, anonymised=True)
    out = tmp_path / "anon.zip"
    summary = export_for(db, ANNA, out)
    with open_work_package(out, summary.code) as opened:
        text = repr(opened.package)
    assert "Stichting Aanbieder" not in text and not any(k in text for k in KVKS)
    assert "plan-1.pdf" not in text and "Inschrijving 001" in text
    open_on(laptop, summary, ANNA)
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
        write_return(db.sessions, round_id_of(db), tmp_path / "r.zip", PASSPHRASE, actor=CHAIR)
    open_on(laptop, export_for(db, ANNA, tmp_path / "p.zip"), ANNA)
    with pytest.raises(UserError, match="Lever eerst in"):
        return_from(laptop, ANNA, tmp_path / "r.zip")
    assert not (tmp_path / "r.zip").exists()
    score_everything(laptop, ANNA)
    hand_in(laptop.sessions, round_id_of(laptop), ANNA, actor=ANNA)
    with pytest.raises(UserError, match="Het wachtwoord klopt niet"):
        write_return(laptop.sessions, round_id_of(laptop), tmp_path / "r.zip", "een ander wachtwoord", actor=ANNA)
    assert not (tmp_path / "r.zip").exists()
    assert return_from(laptop, ANNA, tmp_path / "r.zip").scores == 15
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_first_package_needs_a_passphrase_of_some_length(
    db: Database, made_round: MadeRound, laptop: Database, tmp_path: Path
) -> None:
    made_round(db)
    summary = export_for(db, ANNA, tmp_path / "p.zip")
    with pytest.raises(UserError, match="Kies een wachtwoord"):
        open_package(laptop.sessions, laptop.documents, summary.file, summary.code, actor=ANNA)
    with pytest.raises(UserError, match="te kort"):
        open_package(laptop.sessions, laptop.documents, summary.file, summary.code, passphrase="kort", actor=ANNA)
    with laptop.sessions() as session:
        assert session.execute(text("SELECT count(*) FROM rounds")).scalar() == 0


def test_export_refuses_an_assessor_without_work(db: Database, made_round: MadeRound, tmp_path: Path) -> None:
    made_round(db)
    with pytest.raises(UserError, match="nog niets toegewezen"):
        export_for(db, CHAIR, tmp_path / "p.zip")
    assert not (tmp_path / "p.zip").exists()


def test_no_work_package_without_the_confidentiality_declaration(
    db: Database, made_round: MadeRound, tmp_path: Path
) -> None:
    from beoordelaar.core.commission.assessors import declare_confidentiality

    made_round(db, declared=False)
    out = tmp_path / "pakket.bwp"
    with pytest.raises(UserError, match="geheimhoudingsverklaring"):
        export_for(db, ANNA, out, actor="v")
    assert not out.exists()
    declare_confidentiality(db.sessions, round_id_of(db), ANNA, actor="v")
    export_for(db, ANNA, out, actor="v")
    assert out.exists()
