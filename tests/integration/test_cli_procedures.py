"""The procedure commands: create, entry moments, municipalities, closed groups, procedures, register, the rounds'
procedure id, a re-applicant's history; refusals change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from beoordelaar.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_procedure_from_the_command_line(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    db = ["--db", str(db_path)]
    code, out, err = run(
        capsys, *db, "procedure", "create", "--name", "IJsselland 2027", "--framework", "ijsselland-2022",
        "--type", "open-house", "--json",
    )  # fmt: skip
    assert code == 0, err
    procedure = json.loads(out)["id"]
    entry = ("procedure", "entry")
    assert run(capsys, *db, *entry, "IJsselland 2027", "--name", "Januari", "--deadline", "2027-01-15")[0] == 0
    code, out, err = run(capsys, *db, *entry, str(procedure), "--name", "Juli", "--deadline", "2027-01-01")
    assert code == 1 and "ligt niet na die van het vorige toetredingsmoment" in err
    code, out, err = run(capsys, *db, "procedure", "entry", str(procedure), "--name", "Juli", "--deadline", "morgen")
    assert code == 2 and "geen datum" in err
    assert run(capsys, *db, "procedure", "entry", str(procedure), "--name", "Juli", "--deadline", "2027-07-01")[0] == 0
    assert run(capsys, *db, "procedure", "municipality", str(procedure), "Zwolle", "--percelen", "1", "4")[0] == 0
    reason = "Genoeg jeugd-ggz in Zwolle"
    code, _out, err = run(capsys, *db, "procedure", "close", "Juli", "Zwolle", "4", "--reden", reason)
    assert code == 0, err

    code, out, _ = run(capsys, *db, "procedures", "--json")
    [listed] = json.loads(out)
    assert [e["name"] for e in listed["entry_moments"]] == ["Januari", "Juli"]
    assert listed["municipalities"] == [{"name": "Zwolle", "lots": ["1", "4"]}]
    assert listed["framework_version"] == "2022.1" and listed["procedure"] == "open-house"
    code, out, _ = run(capsys, *db, "rounds", "--json")
    rounds = json.loads(out)
    assert {r["name"]: (r["procedure"], r["procedure_id"]) for r in rounds} == {
        "Januari": ("open-house", procedure),
        "Juli": ("open-house", procedure),
    }
    code, out, _ = run(capsys, *db, "register", "IJsselland 2027", "--json")
    assert code == 0 and json.loads(out) == []
    code, out, err = run(capsys, *db, "register", "Onbekend")
    assert code == 1 and "bestaat niet" in err


def test_the_demos_procedure_its_register_and_a_re_applicant(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    db = ["--db", str(db_path)]
    code, out, err = run(capsys, *db, "demo", "--providers", "8", "--json")
    assert code == 0, err
    demo = json.loads(out)
    assert demo["entry_moment"]["registrations"] == 3
    code, out, _ = run(capsys, *db, "procedures", "--json")
    [procedure] = json.loads(out)
    assert len(procedure["entry_moments"]) == 2
    code, out, err = run(capsys, *db, "register", str(procedure["id"]), "--xlsx", str(tmp_path / "r.xlsx"), "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert rows and {r["entry_moment"] for r in rows} == {demo["name"]}
    assert openpyxl.load_workbook(tmp_path / "r.xlsx")["Register"].max_row == len(rows) + 1
    code, out, err = run(capsys, *db, "provider-history", demo["entry_moment"]["name"], "DEMO-2027-0001", "--json")
    assert code == 0, err
    [earlier] = json.loads(out)
    assert earlier["round"] == demo["id"] and earlier["outcome"] == "Afwijzen"
