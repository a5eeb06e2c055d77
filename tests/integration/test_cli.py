"""The command line of README.md, end to end, as a script would use it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from beoordelaar import __version__
from beoordelaar.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and __version__ in out


def test_module_entry_point_runs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "beoordelaar", "--db", str(tmp_path / "x.sqlite"), "rounds", "--json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_round_create_assessors_and_rounds_json(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    db = ["--db", str(db_path)]
    code, out, _ = run(capsys, *db, "round", "create", "--name", "Jeugd 2027", "--framework", "ijsselland-2022",
                       "--procedure", "tender", "--json")  # fmt: skip
    assert code == 0
    created = json.loads(out)
    assert created["name"] == "Jeugd 2027" and created["procedure"] == "tender"
    assert run(capsys, *db, "assessors", "add", "Jeugd 2027", "Anna de Boer", "--chair")[0] == 0
    assert run(capsys, *db, "assessors", "add", str(created["id"]), "Bert Kuipers")[0] == 0
    code, out, _ = run(capsys, *db, "assessors", "Jeugd 2027", "--json")
    assert [(a["name"], a["role"]) for a in json.loads(out)] == [
        ("Anna de Boer", "chair"),
        ("Bert Kuipers", "assessor"),
    ]
    code, out, _ = run(capsys, *db, "rounds", "--json")
    (listed,) = json.loads(out)
    for key in ("id", "name", "procedure", "registrations", "assessors", "scores", "decisions"):
        assert key in listed
    assert listed["assessors"] == 2


def test_demo_then_rounds(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    db = ["--db", str(db_path)]
    code, out, _ = run(capsys, *db, "demo", "--providers", "8", "--json")
    assert code == 0
    demo = json.loads(out)
    assert demo["registrations"] == 8 and demo["decisions"] == 8
    assert demo["scores"] > 8 * 5  # several assessors per criterion
    code, out, _ = run(capsys, *db, "rounds")
    assert code == 0 and demo["name"][:30] in out
    code, out, _ = run(capsys, *db, "audit", "verify", "--json")
    assert code == 0 and json.loads(out)["ok"] is True


def test_frameworks_json_shape(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "frameworks", "--json")
    assert code == 0
    frameworks = json.loads(out)
    ijsselland = next(f for f in frameworks if f["name"] == "ijsselland-2022")
    parts = {c["part"] for c in ijsselland["criteria"]}
    assert parts == {"exclusion", "requirement", "plan"}
    plan = [c for c in ijsselland["criteria"] if c["part"] == "plan"]
    assert all(c["scale"] == [1, 2, 3, 4, 5] for c in plan)
    assert all("scale" not in c for c in ijsselland["criteria"] if c["part"] != "plan")


def test_refused_input_exits_1_and_wrong_usage_2(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    db = ["--db", str(db_path)]
    code, out, err = run(capsys, *db, "assessors", "Bestaat niet", "--json")
    assert code == 1 and "bestaat niet" in err
    assert json.loads(out) == {"error": err.strip()}
    code, _, err = run(capsys, *db, "round", "create", "--name", "X", "--framework", "ijsselland-2022",
                       "--procedure", "loting")  # fmt: skip
    assert code == 2 and "verkeerd gebruik" in err
    code, _, _ = run(capsys, *db, "assessors", "add", "alleen-ronde")
    assert code == 2


@pytest.mark.parametrize(
    ("args", "told"),
    [
        (["history"], "beoordelaar history: verkeerd gebruik: dit ontbreekt nog: ROUND, REG"),
        (["rounds", "--foo"], "beoordelaar: verkeerd gebruik: onbekend argument: --foo"),
        (["demo", "--providers", "veel"], "bij --providers: 'veel' is geen geheel getal"),
        (["history", "1", "X", "--criterium"], "bij --criterium: hier hoort één waarde achter"),
        (["rondes"], "bij OPDRACHT: onbekende keuze 'rondes' (kies uit 'rounds', 'round', "),
        (["consensus", "1", "X", "P1", "3", "--motivering", "m", "--na-revisie", "drie"],
         "bij --na-revisie: 'drie' is geen geldige waarde (verwacht: een geheel getal)"),
    ],
)  # fmt: skip
def test_wrong_usage_is_told_in_dutch(capsys: pytest.CaptureFixture[str], args: list[str], told: str) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith("gebruik: beoordelaar") and told in err, err
    assert not {"usage", "arguments", "expected", "invalid", "required", "unrecognized", "choose"} & set(
        err.replace(":", " ").replace("'", " ").split()
    ), err


def test_help_is_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "history", "--help")
    assert code == 0
    assert out.startswith("gebruik: beoordelaar history") and "opties:" in out and "toont deze hulp en stopt" in out


def test_not_a_database_is_refused_untouched(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bogus = tmp_path / "lijst.xlsx"
    bogus.write_bytes(b"PK\x03\x04 not a database at all" * 10)
    code, _, err = run(capsys, "--db", str(bogus), "rounds")
    assert code == 1 and "geen SQLite-database" in err
    assert bogus.read_bytes() == b"PK\x03\x04 not a database at all" * 10
