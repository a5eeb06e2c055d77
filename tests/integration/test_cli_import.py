from __future__ import annotations

import json
from pathlib import Path

import pytest

from beoordelaar.cli import main
from import_samples import LONG_HEADERS_EN, long_rows, plan_folder, row, rows, write_csv, write_xlsx


@pytest.fixture
def round_db(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["--db", str(db_path), "round", "create", "--name", "R", "--framework", "ijsselland-2022"]) == 0
    capsys.readouterr()
    return db_path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(list(args))
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_import_json_dry_run_then_real(round_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = [*rows(3), row(4, KvK_nummer="4422671"), row(4, KvK_nummer="4422671")]
    path = write_xlsx(tmp_path / "export.xlsx", data)
    folder = plan_folder(tmp_path / "plannen", [1, 2, 3, 4])
    db = ["--db", str(round_db)]
    code, dry = _run(capsys, *db, "import", "R", str(path), "--documents", str(folder), "--dry-run", "--json")
    assert code == 0
    assert set(dry) == {"created", "updated", "unchanged", "skipped", "warnings", "errors"}
    assert (dry["created"], dry["skipped"], dry["errors"]) == (4, 1, [])
    padded = next(w for w in dry["warnings"] if w["column"] == "KvK-nummer")
    assert padded == {"row": 5, "column": "KvK-nummer", "value": "4422671", "message": padded["message"]}
    code, real = _run(capsys, *db, "import", "R", str(path), "--documents", str(folder), "--json")
    assert code == 0 and real == dry
    code, again = _run(capsys, *db, "import", "R", str(path), "--documents", str(folder), "--json")
    assert (code, again["unchanged"], again["created"]) == (0, 4, 0)
    code, listed = _run(capsys, *db, "rounds", "--json")
    assert listed[0]["registrations"] == 4


def test_import_refused_with_errors(round_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(tmp_path / "fout.csv", [row(1), row(2, Postcode="onbekend")], encoding="cp1252")
    db = ["--db", str(round_db)]
    code, result = _run(capsys, *db, "import", "R", str(path), "--json")
    assert code == 1
    assert result["created"] == 0 and result["skipped"] == 2
    assert result["errors"][0]["row"] == 3 and result["errors"][0]["column"] == "Postcode"
    code, result = _run(capsys, *db, "import", "R", str(path), "--json", "--alleen-goede-rijen")
    assert code == 0 and result["created"] == 1 and result["skipped"] == 1


def test_text_output_and_bad_file(round_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(tmp_path / "export.csv", rows(2))
    assert main(["--db", str(round_db), "import", "R", str(path)]) == 0
    assert "2 nieuw" in capsys.readouterr().out
    bad = tmp_path / "plan.xlsx"
    bad.write_bytes(b"%PDF-1.4")
    assert main(["--db", str(round_db), "import", "R", str(bad), "--json"]) == 1
    captured = capsys.readouterr()
    assert "plan.xlsx" in captured.err and json.loads(captured.out)["error"]
    assert main(["--db", str(round_db), "import", "Onbekend", str(path)]) == 1


def test_import_a_long_export_with_a_saved_mapping(
    round_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(tmp_path / "negometrix.xlsx", long_rows([1, 2]), LONG_HEADERS_EN)
    saved = tmp_path / "indeling.json"
    db = ["--db", str(round_db)]
    assert main([*db, "import", "R", str(path), "--dry-run", "--save-mapping", str(saved)]) == 0
    out = capsys.readouterr().out
    assert "gelezen als een rij per vraag (14 rijen, kolom 'Answer' als antwoord), omgezet naar 2 inschrijvingen" in out
    data = json.loads(saved.read_text(encoding="utf-8"))
    entry = next(c for c in data["columns"] if c["header"] == "Bent u uitgesloten (UEA deel III)?")
    entry["target"] = "criterion:U1"
    saved.write_text(json.dumps(data), encoding="utf-8")
    code, result = _run(capsys, *db, "import", "R", str(path), "--mapping", str(saved), "--json")
    assert code == 0 and result["created"] == 2 and result["errors"] == []
    broken = tmp_path / "kapot.json"
    broken.write_text('{"columns": [{"header": "Answer", "target": "kleur"}]}', encoding="utf-8")
    assert main([*db, "import", "R", str(path), "--mapping", str(broken)]) == 1
    assert "kapot.json: kolom 'Answer': onbekend doel 'kleur'" in capsys.readouterr().err
