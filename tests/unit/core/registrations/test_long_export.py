"""Questionnaire-shaped exports pivoted into registrations; English headers; ISO moments; a saved mapping file."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.importing import apply_import, load_export, preview_import, save_mapping
from beoordelaar.core.rounds.rounds import create_round
from beoordelaar.core.storage.database import Database
from import_samples import (
    HEADERS,
    LONG_HEADERS_EN,
    LONG_HEADERS_NL,
    long_rows,
    plan_folder,
    row,
    rows,
    stored_registrations,
    write_csv,
    write_xlsx,
)

ACTOR = "Voorzitter"


@pytest.fixture
def round_id(db: Database) -> int:
    return create_round(db.sessions, name="Ronde", framework="ijsselland-2022", actor=ACTOR).id


_registrations = stored_registrations


@pytest.mark.parametrize("headers", [LONG_HEADERS_NL, LONG_HEADERS_EN], ids=["nl", "en"])
def test_a_long_export_is_pivoted_into_registrations(
    db: Database, round_id: int, tmp_path: Path, headers: list[str]
) -> None:
    path = write_xlsx(tmp_path / "vragenlijst.xlsx", long_rows([1, 2]), headers)
    export = load_export(db.sessions, round_id, path)
    assert export.long is not None and len(export.table.rows) == 2 and export.long.source_rows == 14
    assert "een rij per vraag (14 rijen" in export.shape_text
    targets = dict(zip(export.table.headers, export.mapping.targets, strict=True))
    assert targets[headers[0]] == "name" and targets[headers[1]] == "kvk"
    assert targets["Wat is uw solvabiliteit?"] == "criterion:G5"  # by its number: G5
    assert targets["Percelen"] == "lots" and targets["Plan van aanpak"] == "criterion:P1"
    export = _map(export, "Bent u uitgesloten (UEA deel III)?", "criterion:U1")
    result = apply_import(db, round_id, export, actor=ACTOR, mapping=export.mapping,
                          documents_dir=plan_folder(tmp_path / "plannen", [1, 2]))  # fmt: skip
    assert not result.refused and result.as_json()["created"] == 2, result.findings
    assert not [f for f in result.findings if "Dubbele rij" in f.message]
    first, second = _registrations(db)
    assert (first.number, first.name, first.provider.kvk) == ("INS-0001", "Jeugdhulp 1 B.V.", "10000001")
    assert first.submitted_at == datetime(2022, 7, 6, 14, 30)
    assert [lot.code for lot in first.lots] == ["1", "3"]
    assert {a.criterion.code: a.value for a in first.answers} == {"U1": "Nee", "G5": "0,34"}
    assert first.documents[0].sha256 and second.documents[0].file_name == "PvA_0002.pdf"


def _map(export, header: str, target: str):
    from dataclasses import replace

    return replace(export, mapping=export.mapping.with_target(export.table.headers.index(header), target))


def test_findings_of_a_long_export_name_the_row_and_the_answer_column(
    db: Database, round_id: int, tmp_path: Path
) -> None:
    data = long_rows([1, 2])
    data[8][4] = "31-02-2022"  # bidder 2's Datum inschrijving
    data.append([*data[12][:4], "0,50"])  # bidder 2 answers G5 twice, differently
    path = write_csv(tmp_path / "vragenlijst.csv", data, LONG_HEADERS_NL)
    export = load_export(db.sessions, round_id, path)
    result = preview_import(db.sessions, round_id, export)
    assert result.refused
    errors = {(f.row, f.column): f.message for f in result.errors}
    assert "geen datum" in errors[(10, "Antwoord (vraag: Datum inschrijving)")]
    conflict = errors[(14, "Antwoord (vraag: Wat is uw solvabiliteit?)")]
    assert "rij 14: '0,34'; rij 16: '0,50'" in conflict
    with pytest.raises(UserError, match=r"vragenlijst2.csv, rij 2, kolom 'Vraag': de vraag is leeg"):
        bad = write_csv(tmp_path / "vragenlijst2.csv", [["A", "10000001", "", "", "x"]], LONG_HEADERS_NL)
        load_export(db.sessions, round_id, bad)


def test_english_wide_headers_and_iso_moments(db: Database, round_id: int, tmp_path: Path) -> None:
    headers = ["Submission ID", "Supplier name", "Organisation number", "Postal code", "City", "Email address",
               "Submitted at", "Lots"]  # fmt: skip
    data = [
        ["S-1", "Zorg A BV", "12345678", "8011 AB", "Zwolle", "a@zorg.nl", "2022-07-06T12:30:00Z", "Perceel 1"],
        ["S-2", "Zorg B BV", "87654321", "8011 AB", "Zwolle", "b@zorg.nl", "2022-07-06T14:30:00.250+02:00", "1"],
        ["S-3", "Zorg C BV", "11223344", "8011 AB", "Zwolle", "c@zorg.nl", "2022-07-06T14:30:00+0200", "1"],
    ]
    result = apply_import(db, round_id, load_export(db.sessions, round_id, write_csv(tmp_path / "en.csv", data,
                          headers)), actor=ACTOR)  # fmt: skip
    assert not result.refused and not result.warnings, result.findings
    local = datetime(2022, 7, 6, 12, 30, tzinfo=UTC).astimezone().replace(tzinfo=None)
    assert [r.submitted_at for r in _registrations(db)] == [local, local, local]
    assert [r.number for r in _registrations(db)] == ["S-1", "S-2", "S-3"]


def test_a_saved_mapping_file_is_used_by_header(db: Database, round_id: int, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "vragenlijst.xlsx", long_rows([1]), LONG_HEADERS_EN)
    export = _map(load_export(db.sessions, round_id, path), "Bent u uitgesloten (UEA deel III)?", "criterion:U1")
    saved = tmp_path / "negometrix.json"
    save_mapping(saved, export)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert (data["shape"], data["answer"], data["question"]) == ("long", "Answer", "Question")
    again = load_export(db.sessions, round_id, path, mapping_file=saved)
    assert again.mapping == export.mapping and again.mapping_file == "negometrix.json"


def test_a_hand_written_mapping_file_for_a_wide_export(db: Database, round_id: int, tmp_path: Path) -> None:
    headers = ["Wie", "Nummer KvK", *HEADERS[3:]]
    path = write_csv(tmp_path / "eigen.csv", [row(1)[1:]], headers[:1] + headers[1:])
    mapping = tmp_path / "eigen.json"
    mapping.write_text(json.dumps({"columns": [{"header": "WIE", "target": "name"},
                                               {"header": "Nummer KvK", "target": "KvK-nummer"},
                                               {"header": "Weg", "target": "city"}]}), encoding="utf-8")  # fmt: skip
    export = load_export(db.sessions, round_id, path, mapping_file=mapping)
    assert export.mapping.targets[:2] == ("name", "kvk") and set(export.mapping.targets[2:]) == {None}
    result = preview_import(db.sessions, round_id, export)
    assert result.as_json()["created"] == 1
    assert [(f.column, f.row) for f in result.warnings] == [("Weg", None)]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", r"fout.json: geen geldige kolomindeling \(JSON\), regel 1, kolom 2"),
        ('{"columns": [{"header": "A", "target": "kleur"}]}', r"kolom 'A': onbekend doel 'kleur'"),
        ('{"columns": [{"header": "A", "target": "kvk"}, {"header": "B", "target": "kvk"}]}', "hetzelfde doel"),
        ('{"shape": "long", "columns": []}', "noemt de kolom van het antwoord"),
        ("[]", "geen kolomindeling van Beoordelaar"),
    ],
)
def test_a_bad_mapping_file_is_refused_before_anything(
    db: Database, round_id: int, tmp_path: Path, content: str, message: str
) -> None:
    bad = tmp_path / "fout.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=message):
        load_export(db.sessions, round_id, write_csv(tmp_path / "x.csv", rows(1)), mapping_file=bad)
