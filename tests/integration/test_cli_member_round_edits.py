"""assessors edit/remove and round rename/remove on the command line, with their JSON and their Dutch refusals."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from beoordelaar.cli import main
from beoordelaar.cli.base import progress_lines
from engines import FILE_BACKUP
from exchange_round import ANNA, CHAIR, CHANTAL, ROUND, make_round
from templates import DatabaseTemplates, copy_database

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(db_path: Path, templates: DatabaseTemplates, capsys: pytest.CaptureFixture[str]) -> Cli:
    copy_database(templates.built(make_round), db_path)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), "--als", CHAIR, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_assessors_add_edit_and_remove(cli: Cli) -> None:
    code, out, _ = cli("assessors", "add", ROUND, "Dirk Mol", "--organisatie", "Gemeente Kampen", "--email", "d@k.nl")
    assert (code, out) == (0, "Dirk Mol toegevoegd als beoordelaar.\n")
    code, out, _ = cli("assessors", "edit", ROUND, ANNA, "--email", "anna@zwolle.nl", "--naam", "Anna Vos", "--json")
    assert code == 0 and json.loads(out)["name"] == "Anna Vos"
    code, out, err = cli("assessors", "edit", ROUND, "Anna Vos", "--email", "fout")
    assert code == 1 and "geen geldig e-mailadres" in err
    assert cli("assessors", "remove", ROUND, CHANTAL, "--json")[:2] == (
        0, json.dumps({"assessor": CHANTAL, "removed": True}, indent=2) + "\n",
    )  # fmt: skip
    code, out, _ = cli("assessors", ROUND, "--json")
    assert [a["name"] for a in json.loads(out)] == [CHAIR, "Anna Vos", "Bram Hendriks", "Dirk Mol"]
    assert cli("assessors", "edit", ROUND, ANNA)[0] == 2


@pytest.mark.sqlite_only(reason=FILE_BACKUP)
def test_round_rename_and_remove_with_a_backup(cli: Cli, db_path: Path) -> None:
    code, out, _ = cli("round", "rename", ROUND, "Jeugdhulp 2027-2030", "--json")
    assert code == 0 and json.loads(out)["name"] == "Jeugdhulp 2027-2030"
    code, out, err = cli("round", "remove", "Jeugdhulp 2027-2030")
    assert (code, out) == (1, "") and "3 inschrijvingen" in err and "--ja" in err
    code, out, _ = cli("round", "remove", "Jeugdhulp 2027-2030", "--ja", "--json")
    removed = json.loads(out)
    assert code == 0 and removed["name"] == "Jeugdhulp 2027-2030" and removed["removed"]["registrations"] == 3
    assert Path(removed["backup"]).parent == db_path.parent / "backups"
    assert json.loads(cli("rounds", "--json")[1]) == []


def test_progress_lines_go_to_stderr_about_ten_a_step(capsys: pytest.CaptureFixture[str]) -> None:
    report = progress_lines("Scores ingelezen")
    for done in range(1, 1246):
        report(done, 1245)
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert out == "" and lines[0] == "Scores ingelezen: 1 van 1245" and lines[-1] == "Scores ingelezen: 1245 van 1245"
    assert len(lines) == 11
    unknown = progress_lines("Rijen gelezen")
    for done in range(1, 2500):
        unknown(done, 0)
    assert capsys.readouterr()[1].splitlines() == ["Rijen gelezen: 1", "Rijen gelezen: 1000", "Rijen gelezen: 2000"]
