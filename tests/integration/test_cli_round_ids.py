"""ROUND on the command line is a round's id or its exact name: a text that is the id of one round and the name of
another is refused (exit 1, both rounds named, how to choose), and nothing changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from beoordelaar.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _create(capsys: pytest.CaptureFixture[str], db: list[str], name: str) -> int:
    code, out, err = run(capsys, *db, "round", "create", "--name", name, "--framework", "ijsselland-2022", "--json")
    assert code == 0, err
    return int(json.loads(out)["id"])


def _members(capsys: pytest.CaptureFixture[str], db: list[str]) -> dict[str, int]:
    code, out, _ = run(capsys, *db, "rounds", "--json")
    assert code == 0
    return {r["name"]: r["assessors"] for r in json.loads(out)}


def test_a_round_named_like_another_rounds_id_is_refused_until_the_user_chooses(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    db = ["--db", str(db_path)]
    first = _create(capsys, db, "Jeugd 2027")
    named = _create(capsys, db, str(first))

    code, out, err = run(capsys, *db, "assessors", "add", str(first), "Anna de Boer", "--chair")
    assert code == 1 and out == ""
    assert f"'{first}' is het id van ronde 'Jeugd 2027' en ook de naam van ronde {named}." in err
    assert f"geef de naam 'Jeugd 2027' of het id {named}" in err
    assert _members(capsys, db) == {"Jeugd 2027": 0, str(first): 0}  # nothing changed

    code, out, _ = run(capsys, *db, "assessors", str(first), "--json")
    assert code == 1 and "Jeugd 2027" in json.loads(out)["error"]

    assert run(capsys, *db, "assessors", "add", "Jeugd 2027", "Anna de Boer", "--chair")[0] == 0
    assert run(capsys, *db, "assessors", "add", str(named), "Bert Kuipers")[0] == 0
    assert _members(capsys, db) == {"Jeugd 2027": 1, str(first): 1}
    code, out, _ = run(capsys, *db, "assessors", str(named), "--json")
    assert code == 0 and [a["name"] for a in json.loads(out)] == ["Bert Kuipers"]
