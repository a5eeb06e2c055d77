"""consensus-unanimous and consensus-import: consensus for many cells from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from beoordelaar.cli import main
from exchange_round import CHAIR, NUMBERS, ROUND, make_handed_in_round
from templates import DatabaseTemplates, copy_database

LONG = "De commissie is het eens: de aanpak is concreet, met voorbeelden uit de eigen praktijk, en past bij de doelen."


def test_unanimous_cells_listed_then_confirmed(
    capsys: pytest.CaptureFixture[str], db_path: Path, templates: DatabaseTemplates
) -> None:
    copy_database(templates.built(make_handed_in_round), db_path)
    db = ["--db", str(db_path), "--als", CHAIR]
    assert main([*db, "consensus-unanimous", ROUND, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    short = [c for c in listed["cells"] if c["too_short"]]
    assert [(c["registration"], c["criterion"]) for c in short] == [(NUMBERS[1], "P1")]
    assert listed["left_out"] == 1 and listed["confirmed"] == 0
    assert main([*db, "consensus-unanimous", ROUND, "--bevestigen"]) == 0
    out, err = capsys.readouterr()
    confirmed = len(listed["cells"]) - 1
    assert err.splitlines()[-1] == f"Eensgezinde cellen bevestigd: {confirmed} van {confirmed}"
    assert f"{len(listed['cells']) - 1} cellen bevestigd als consensusscore." in out
    assert f"te kort: {NUMBERS[1]} P1" in out
    # The existing one-cell command still works beside the new ones.
    assert main([*db, "consensus", ROUND, NUMBERS[1], "P1", "3", "--motivering", LONG, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["revision"] == 1


def test_consensus_import_whole_or_nothing(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path, templates: DatabaseTemplates
) -> None:
    copy_database(templates.built(make_handed_in_round), db_path)
    db = ["--db", str(db_path), "--als", CHAIR]
    bad = tmp_path / "fout.csv"
    bad.write_text(f"inschrijving;criterium;score;motivering\n{NUMBERS[0]};P1;7;{LONG}\n", encoding="utf-8")
    assert main([*db, "consensus-import", ROUND, str(bad)]) == 1
    err = capsys.readouterr().err
    assert "de consensusscores zijn niet ingelezen; er is niets veranderd" in err and "rij 2, kolom 'score'" in err
    good = tmp_path / "goed.csv"
    good.write_text(f"inschrijving;criterium;score;motivering\n{NUMBERS[0]};P1;3;{LONG}\n", encoding="utf-8")
    assert main([*db, "consensus-import", ROUND, str(good), "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == {"rows": 1, "created": 1, "unchanged": 0, "opened": 1}
    assert err.splitlines()[-1] == "Consensusscores ingelezen: 1 van 1"  # progress on stderr, stdout the JSON alone
