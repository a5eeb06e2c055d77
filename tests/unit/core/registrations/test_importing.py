from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.importing import apply_import, load_export, preview_import
from beoordelaar.core.registrations.registration_documents import document_file, document_for_viewing, list_documents
from beoordelaar.core.rounds.rounds import create_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from import_samples import HEADERS, plan_folder, row, rows, stored_registrations, write_csv, write_xlsx

ACTOR = "Voorzitter"


@pytest.fixture
def round_id(db: Database) -> int:
    return create_round(db.sessions, name="Ronde", framework="ijsselland-2022", actor=ACTOR).id


def _events(db: Database) -> int:
    with db.sessions() as session:
        return session.execute(select(func.count(m.AuditEvent.id))).scalar_one()


def _import(db: Database, round_id: int, path: Path, **kwargs: object):
    export = load_export(db.sessions, round_id, path)
    return apply_import(db, round_id, export, actor=ACTOR, **kwargs)


_registrations = stored_registrations


def test_import_creates_registrations_with_everything(db: Database, round_id: int, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "export.xlsx", rows(3))
    folder = plan_folder(tmp_path / "plannen", [1, 2])
    result = _import(db, round_id, path, documents_dir=folder)
    assert result.as_json()["created"] == 3 and not result.refused and result.applied
    first, _, third = _registrations(db)
    assert (first.sequence, first.number, first.provider.kvk) == (1, "INS-0001", "10000001")
    assert first.postcode == "8011 AB" and first.vestigingsnummer == "100000000001"
    assert [lot.code for lot in first.lots] == ["1", "3"]
    assert first.product_categories == ["45", "41"]
    assert {a.criterion.code: a.value for a in first.answers} == {"U1": "Nee", "G1": "Ja", "G5": "0,34", "G6": "1,05"}
    assert first.source == "export.xlsx"
    stored = first.documents[0]
    assert stored.kind == "plan" and stored.sha256 and stored.size
    assert document_file(db, stored.id).read_bytes().startswith(b"%PDF")
    assert document_for_viewing(db, stored.id).name == f"PvA_0001 (kopie ter inzage {stored.sha256[:8]}).pdf"
    missing = third.documents[0]
    assert missing.sha256 is None and missing.file_name == "PvA_0003.pdf"
    assert [d.missing for d in list_documents(db, third.id)] == [True]
    with pytest.raises(UserError, match="ontbreekt"):
        document_file(db, missing.id)
    assert any("PvA_0003.pdf" in f.message and f.row == 4 for f in result.warnings)


def test_preview_changes_nothing_and_predicts_the_import(db: Database, round_id: int, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "export.csv", rows(4))
    before = _events(db)
    export = load_export(db.sessions, round_id, path)
    preview = preview_import(db.sessions, round_id, export)
    assert _events(db) == before and _registrations(db) == []
    result = apply_import(db, round_id, export, actor=ACTOR)
    assert preview.as_json() == result.as_json()


def test_same_file_twice_changes_nothing(db: Database, round_id: int, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "export.xlsx", rows(5))
    folder = plan_folder(tmp_path / "plannen", [1, 2, 3])
    _import(db, round_id, path, documents_dir=folder)
    before = _events(db)
    again = _import(db, round_id, path, documents_dir=folder)
    assert again.as_json()["unchanged"] == 5 and again.as_json()["created"] == 0
    assert _events(db) == before
    assert load_export(db.sessions, round_id, path).remembered


def test_reimport_updates_changed_fields_only_and_keeps_scores(db: Database, round_id: int, tmp_path: Path) -> None:
    _import(db, round_id, write_xlsx(tmp_path / "v1.xlsx", rows(3)))
    with db.sessions.begin() as session:
        registration = session.execute(select(m.Registration).where(m.Registration.number == "INS-0002")).scalar_one()
        assessor = m.Assessor(round_id=round_id, name="Anna")
        criterion = session.execute(select(m.Criterion).where(m.Criterion.code == "P1")).scalars().first()
        session.add(assessor)
        session.flush()
        session.add(
            m.ScoreRevision(
                assessor_id=assessor.id, registration_id=registration.id, criterion_id=criterion.id, revision=1,
                value=Decimal(4), motivation="Goed onderbouwd plan.", source="app",
            )
        )  # fmt: skip
    before = _events(db)
    corrected = [*rows(3), row(4)]
    corrected[1] = row(2, Plaats="Kampen", Solvabiliteit="0,340")  # same number, different text: no change
    corrected[2] = row(3, Percelen="Perceel 2: Jeugdhulp met verblijf")
    result = _import(db, round_id, write_csv(tmp_path / "v2.csv", corrected))
    counts = result.as_json()
    assert (counts["created"], counts["updated"], counts["unchanged"]) == (1, 2, 1)
    with db.sessions() as session:
        updates = (
            session.execute(select(m.AuditEvent).where(m.AuditEvent.id > 0, m.AuditEvent.action == "update"))
            .scalars()
            .all()
        )
        assert [(e.entity, e.after) for e in updates] == [("registrations", {"city": "Kampen"})]
        assert session.execute(select(func.count(m.ScoreRevision.id))).scalar_one() == 1
        new = session.execute(select(m.Registration).where(m.Registration.number == "INS-0004")).scalar_one()
        assert new.sequence == 4
    assert _events(db) > before
    assert [lot.code for lot in _registrations(db)[2].lots] == ["2"]


def test_messy_values_give_warnings(db: Database, round_id: int, tmp_path: Path) -> None:
    data = [
        row(1, KvK_nummer="4422671", Postcode="8349sw"),
        row(2, E_mailadres="inkoop.voorbeeld.nl", Productcategorieën="45; 99"),
        row(3, Naam_inschrijver='=HYPERLINK("http://x.nl","klik")'),
        row(1, KvK_nummer="4422671", Postcode="8349sw"),  # an exact duplicate
    ]
    result = _import(db, round_id, write_csv(tmp_path / "rommel.csv", data, title_rows=["Export", ""]))
    assert result.as_json()["created"] == 3 and result.as_json()["skipped"] == 1
    messages = [(f.row, f.column, f.value) for f in result.warnings]
    assert (4, "KvK-nummer", "4422671") in messages
    assert (4, "Postcode", "8349sw") in messages
    assert (5, "E-mailadres", "inkoop.voorbeeld.nl") in messages
    assert (5, "Productcategorieën", "45; 99") in messages
    assert any(f.row == 6 and "formuleteken" in f.message for f in result.warnings)
    assert any(f.row == 7 and "Dubbele rij" in f.message for f in result.warnings)
    first = _registrations(db)[0]
    assert (first.provider.kvk, first.postcode) == ("04422671", "8349 SW")
    assert _registrations(db)[2].name.startswith("=HYPERLINK")


def test_errors_refuse_the_whole_import(db: Database, round_id: int, tmp_path: Path) -> None:
    data = [
        row(1),
        row(2, Percelen="Perceel 9: Onbekend"),
        row(3, Vestigingsnummer="3,4632E+11"),
        row(4, KvK_nummer="10000001", Plaats="Elders"),  # same KvK as row 1, other data
        row(5, Datum_inschrijving="gisteren"),
        row(6, KvK_nummer=""),
    ]
    path = write_xlsx(tmp_path / "fout.xlsx", data)
    before = _events(db)
    result = _import(db, round_id, path)
    assert result.refused and not result.applied
    assert result.as_json()["created"] == 0 and result.as_json()["skipped"] == 6
    assert {f.row for f in result.errors} == {2, 3, 4, 5, 6, 7}
    assert all(f.column and f.message for f in result.errors)
    assert _events(db) == before and _registrations(db) == []
    only_good = _import(db, round_id, path, only_valid_rows=True)
    assert not only_good.refused
    assert only_good.as_json()["created"] == 0  # row 1 conflicts with row 4: the chair must resolve it
    fixed = data[:3] + data[4:]
    result = _import(db, round_id, write_xlsx(tmp_path / "fout2.xlsx", fixed), only_valid_rows=True)
    assert result.as_json()["created"] == 1 and result.as_json()["skipped"] == 4


def test_mapping_can_be_corrected_and_is_remembered(db: Database, round_id: int, tmp_path: Path) -> None:
    headers = ["Organisatie", "Nummer KvK", "Bijzonderheden"]
    path = write_csv(tmp_path / "eigen.csv", [["Anker", "12345678", "Ja"]], headers=headers)
    export = load_export(db.sessions, round_id, path)
    assert export.mapping.targets == ("name", None, None)
    refused = preview_import(db.sessions, round_id, export)
    assert refused.refused and "KvK-nummer" in refused.errors[0].message
    mapping = export.mapping.with_target(1, "kvk").with_target(2, "criterion:G1")
    result = apply_import(db, round_id, export, actor=ACTOR, mapping=mapping)
    assert result.as_json()["created"] == 1
    later = load_export(db.sessions, round_id, write_csv(tmp_path / "later.csv", [["B", "1", "Nee"]], headers=headers))
    assert later.remembered and later.mapping == mapping
    number = _registrations(db)[0].number
    assert number == "IMP-0001"


def test_broken_file_changes_nothing(db: Database, round_id: int, tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    path.write_bytes(b"%PDF-1.4 niet echt")
    before = _events(db)
    with pytest.raises(UserError, match=r"export\.xlsx"):
        load_export(db.sessions, round_id, path)
    header_only = write_xlsx(tmp_path / "kop.xlsx", [])
    with pytest.raises(UserError, match="geen inschrijvingen"):
        load_export(db.sessions, round_id, header_only)
    assert _events(db) == before


def test_unknown_round(db: Database, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Ronde 999 bestaat niet"):
        load_export(db.sessions, 999, write_csv(tmp_path / "x.csv", rows(1)))


def test_documents_found_despite_case_and_spacing(db: Database, round_id: int, tmp_path: Path) -> None:
    folder = tmp_path / "plannen"
    folder.mkdir()
    (folder / "pva 0001.PDF").write_bytes(b"%PDF plan 1")
    result = _import(db, round_id, write_csv(tmp_path / "x.csv", rows(1)), documents_dir=folder)
    assert not result.warnings
    assert _registrations(db)[0].documents[0].sha256


def test_missing_documents_are_added_on_a_later_import(db: Database, round_id: int, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", rows(2))
    first = _import(db, round_id, path)
    assert any("Geen documentenmap" in f.message for f in first.warnings)
    assert all(r.documents[0].sha256 is None for r in _registrations(db))
    second = _import(db, round_id, path, documents_dir=plan_folder(tmp_path / "plannen", [1, 2]))
    assert second.as_json()["updated"] == 2
    assert all(r.documents[0].sha256 and len(r.documents) == 1 for r in _registrations(db))
    third = _import(db, round_id, path)
    assert third.as_json()["unchanged"] == 2


def test_long_text_and_ten_thousand_rows(db: Database, round_id: int, tmp_path: Path) -> None:
    data = [row(i) for i in range(1, 10_001)]
    data[0][HEADERS.index("Wtza-melding gedaan")] = "Ja, " + "toelichting " * 500
    path = write_csv(tmp_path / "groot.csv", data)  # how long it takes: bench/bench_large_files.py
    export = load_export(db.sessions, round_id, path)
    preview = preview_import(db.sessions, round_id, export)
    assert preview.as_json()["created"] == 10_000
    assert any("tekens lang" in f.message for f in preview.warnings)


def test_one_folder_per_bidder_with_the_same_file_name(db: Database, round_id: int, tmp_path: Path) -> None:
    plan = "Plan van aanpak.pdf"
    data = [row(1, Naam_inschrijver="Zorg A BV", Plan_van_aanpak_normaliseren=plan),
            row(2, Naam_inschrijver="Zorg B BV", Plan_van_aanpak_normaliseren=plan)]  # fmt: skip
    folder = tmp_path / "download"
    for name in ("Zorg A BV", "Zorg B BV"):
        (folder / name).mkdir(parents=True)
        (folder / name / plan).write_bytes(f"%PDF plan van {name}".encode())
    result = _import(db, round_id, write_csv(tmp_path / "x.csv", data), documents_dir=folder)
    assert not result.warnings
    first, second = _registrations(db)
    assert document_file(db, first.documents[0].id).read_bytes() == b"%PDF plan van Zorg A BV"
    assert document_file(db, second.documents[0].id).read_bytes() == b"%PDF plan van Zorg B BV"


def test_a_flat_file_two_rows_claim_is_a_finding(db: Database, round_id: int, tmp_path: Path) -> None:
    plan = "Plan van aanpak.pdf"
    data = [row(1, Plan_van_aanpak_normaliseren=plan), row(2, Plan_van_aanpak_normaliseren=plan)]
    folder = tmp_path / "plat"
    folder.mkdir()
    (folder / plan).write_bytes(b"%PDF een plan")
    result = _import(db, round_id, write_csv(tmp_path / "x.csv", data), documents_dir=folder)
    assert [(f.row, f.column) for f in result.warnings] == [(2, "Plan van aanpak normaliseren"),
                                                            (3, "Plan van aanpak normaliseren")]  # fmt: skip
    assert "Jeugdhulp 1 B.V. (rij 2) en Jeugdhulp 2 B.V. (rij 3)" in result.warnings[0].message
    assert all(r.documents[0].sha256 is None for r in _registrations(db))
