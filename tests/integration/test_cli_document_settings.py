"""A round's letter settings prepared in a TOML file and read in from the command line, refused whole when wrong."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from beoordelaar.cli import main
from engines import dump
from templates import DemoCopies


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict | None, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip().startswith("{") else None, err


def test_settings_go_out_to_a_file_and_come_back_in(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str], cached_demo: DemoCopies
) -> None:
    db = db_path
    cached_demo.cli(db, providers=4)
    capsys.readouterr()
    saved = tmp_path / "instellingen.toml"
    code, result, err = run(capsys, "--db", str(db), "document-settings", "1", "--save", str(saved), "--json")
    assert code == 0, err
    written = tomllib.loads(saved.read_text(encoding="utf-8"))
    assert written["sender"] == result["settings"]["sender"] and written["standstill_days"] == 20

    prepared = tmp_path / "voorbereid.toml"
    prepared.write_text(
        'signatory = "J. de Groot"\nsignatory_function = "Directeur Inkoop Jeugdhulp"\n'
        "letter_date = 2027-03-01\nsending_date = 2027-03-02\n"
        'entry_moment = "1 januari 2028"\ncontinuity_text = """Heeft u jeugdigen in zorg, dan maakt u\n'
        'afrondingsafspraken."""\n',
        encoding="utf-8",
    )
    code, result, err = run(capsys, "--db", str(db), "document-settings", "1", "--load", str(prepared), "--json")
    assert code == 0, err
    settings = result["settings"]
    assert (settings["signatory"], settings["letter_date"], settings["sending_date"]) == (
        "J. de Groot", "2027-03-01", "2027-03-02",
    )  # fmt: skip
    assert settings["sender"] == written["sender"]  # what the file leaves out stays as it was
    assert written["entry_moment"].startswith("1 juli 2027") and "overbruggingsovereenkomst" in written[
        "continuity_text"]  # fmt: skip
    assert settings["entry_moment"] == "1 januari 2028"
    assert settings["continuity_text"] == "Heeft u jeugdigen in zorg, dan maakt u\nafrondingsafspraken."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('signatory = "X"\nhandtekening = "Y"\n', "onbekende instelling(en) handtekening"),
        ('standstill_days = "twintig"\n', "de waarde van standstill_days is niet bruikbaar"),
        ("signatory = \n", "geen geldig TOML-bestand"),
        ('kenmerk_pattern = "{ronde}"\n', "elke brief heeft een eigen kenmerk nodig"),
    ],
)
def test_a_wrong_file_is_refused_whole_and_changes_nothing(
    tmp_path: Path,
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
    cached_demo: DemoCopies,
    content: str,
    message: str,
) -> None:
    db = db_path
    cached_demo.cli(db, providers=4)
    capsys.readouterr()
    wrong = tmp_path / "fout.toml"
    wrong.write_text(content, encoding="utf-8")
    before = dump(db)
    code, _result, err = run(capsys, "--db", str(db), "document-settings", "1", "--load", str(wrong))
    assert code == 1 and message in err
    assert dump(db) == before
