"""On an assessor's laptop the chair's commands are refused: exit 1, the Dutch message on stderr, nothing changed;
and `assessors` shows her declaration and conflicts as the chair recorded them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from beoordelaar.cli import main
from beoordelaar.cli.base import PASSPHRASE_VARIABLE
from engines import dump
from exchange_round import ANNA, CHANTAL, NUMBERS, PASSPHRASE, ROUND, make_round
from import_samples import rows, write_csv
from templates import DatabaseTemplates

CHAIR_COMMANDS = {
    "round create": ["round", "create", "--name", "Nog een", "--framework", "ijsselland-2022"],
    "assessors add": ["assessors", "add", ROUND, "Dirk Dekker"],
    "assessors declare": ["assessors", "declare", ROUND, CHANTAL],
    "assessors edit": ["assessors", "edit", ROUND, CHANTAL, "--email", "chantal@zwolle.nl"],
    "assessors remove": ["assessors", "remove", ROUND, ANNA],
    "round rename": ["round", "rename", ROUND, "Andere naam"],
    "round remove": ["round", "remove", ROUND, "--ja"],
    "conflict": ["conflict", ROUND, CHANTAL, NUMBERS[0]],
    "assign": ["assign", ROUND],
    "reopen": ["reopen", ROUND, "--assessor", CHANTAL, "--reden", "Een reden"],
    "package export": ["package", "export", ROUND, "--assessor", CHANTAL, "--out", "{tmp}/p.zip"],
    "import": ["import", ROUND, "{tmp}/export.csv"],
    "consensus": ["consensus", ROUND, NUMBERS[0], "P1", "3", "--motivering", "Een motivering die lang genoeg is."],
    "average": ["average", ROUND],
    "settle": ["settle", ROUND, "--onbetwist"],
    "verify": ["verify", ROUND, NUMBERS[0], "P1", "--reden", "Twijfel"],
    "interview plan": ["interview", "plan", ROUND, NUMBERS[0], "--op", "2027-03-01 10:00"],
    "decide": ["decide", ROUND],
    "confirm": ["confirm", ROUND, "--alle"],
    "letters": ["letters", ROUND, "--out", "{tmp}/brieven"],
    "report": ["report", ROUND, "--out", "{tmp}/pv.pdf"],
    "dossier": ["dossier", ROUND, NUMBERS[0], "--out", "{tmp}/dossier.zip"],
    "export": ["export", ROUND, "--out", "{tmp}/ronde.xlsx"],
}


@pytest.fixture
def laptop(
    tmp_path: Path, templates: DatabaseTemplates, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """Chantal's laptop, opened with the command line from her package; the --db arguments for it."""
    chair = templates.new_copy(templates.built(make_round), tmp_path / "voorzitter" / "commissie.sqlite")
    package = tmp_path / "chantal.zip"
    capsys.readouterr()
    assert main(["--db", str(chair), "package", "export", ROUND, "--assessor", CHANTAL, "--out", str(package),
                 "--json"]) == 0  # fmt: skip
    code = json.loads(capsys.readouterr().out)["code"]
    db = ["--db", str(tmp_path / "chantal" / "laptop.sqlite"), "--als", CHANTAL]
    monkeypatch.setenv(PASSPHRASE_VARIABLE, PASSPHRASE)
    assert main([*db, "package", "open", str(package), "--code", code]) == 0
    write_csv(tmp_path / "export.csv", rows(2))
    capsys.readouterr()
    return db


@pytest.mark.parametrize("command", list(CHAIR_COMMANDS))
def test_a_chair_command_on_a_laptop_exits_1_in_dutch_and_changes_nothing(
    laptop: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    path = Path(laptop[1])
    before = dump(path)
    code = main([*laptop, *(word.format(tmp=tmp_path) for word in CHAIR_COMMANDS[command])])
    out, err = capsys.readouterr()
    assert code == 1, (out, err)
    assert err.startswith(f"Dit is de laptop van {CHANTAL}"), err
    assert "dat doet de voorzitter in de eigen database. Er is niets veranderd." in err
    assert dump(path) == before
    assert not any((tmp_path / name).exists() for name in ("p.zip", "brieven", "pv.pdf", "dossier.zip", "ronde.xlsx"))


def test_assessors_on_the_laptop_show_the_declaration_and_conflict(
    laptop: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*laptop, "assessors", ROUND]) == 0
    out = capsys.readouterr().out
    assert CHANTAL in out and "geheimhouding getekend" in out and "1 conflict" in out
    assert "NIET" not in out
    assert main([*laptop, "assessors", ROUND, "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["name"], row["confidentiality_declared"], row["conflicts"]) == (CHANTAL, True, 1)
