"""assessors pin: a member sets and changes their own PIN for Beoordelen als… (never on the command line: typed without
echo or from the environment), and the chair clears a forgotten one with a reason."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from beoordelaar.cli import main
from beoordelaar.core.commission.api import PinStatus, pin_status, unlock_member
from beoordelaar.core.storage.database import Database, open_database
from exchange_round import ANNA, CHAIR, ROUND, make_round, round_id_of
from templates import DatabaseTemplates, copy_database

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(db_path: Path, templates: DatabaseTemplates, capsys: pytest.CaptureFixture[str]) -> Cli:
    copy_database(templates.built(make_round), db_path)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), "--als", CHAIR, "assessors", "pin", *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@contextmanager
def opened(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    try:
        yield database
    finally:
        database.close()


def _status(db_path: Path) -> PinStatus:
    with opened(db_path) as db:
        return pin_status(db.sessions, round_id_of(db), ANNA)


def _unlock(db_path: Path, pin: str) -> None:
    with opened(db_path) as db:
        unlock_member(db.sessions, round_id_of(db), ANNA, pin, actor="test")


def test_a_member_sets_changes_and_the_chair_clears_a_pin(
    cli: Cli, db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BEOORDELAAR_PIN", "eerste pin 1")
    assert cli(ROUND, ANNA, "--json") == (0, json.dumps({"assessor": ANNA, "pin": "set"}, indent=2) + "\n", "")
    _unlock(db_path, "eerste pin 1")

    monkeypatch.setenv("BEOORDELAAR_PIN", "tweede pin 2")
    monkeypatch.setenv("BEOORDELAAR_OUDE_PIN", "fout fout")
    code, _, err = cli(ROUND, ANNA)
    assert code == 1 and "De huidige PIN van Anna de Vries klopt niet. Nog 4 pogingen" in err
    monkeypatch.setenv("BEOORDELAAR_OUDE_PIN", "eerste pin 1")
    assert cli(ROUND, ANNA)[:2] == (0, "De PIN van Anna de Vries is gewijzigd.\n")
    _unlock(db_path, "tweede pin 2")

    code, _, err = cli(ROUND, ANNA, "--wis")
    assert code == 1 and "Geef een reden op" in err and _status(db_path).has_pin
    assert main(["--db", str(db_path), "assessors", ROUND, "--json"]) == 0
    listed = {row["name"]: row["pin"] for row in json.loads(capsys.readouterr().out)}
    assert listed[ANNA] == "set" and listed[CHAIR] == "none"
    code, out, _ = cli(ROUND, ANNA, "--wis", "--reden", "PIN vergeten")
    assert code == 0 and "is gewist" in out and not _status(db_path).has_pin
    assert main(["--db", str(db_path), "assessors", ROUND]) == 0
    assert "geen PIN" in capsys.readouterr().out


def test_without_a_terminal_or_the_variable_the_pin_is_asked_for_and_nothing_changes(
    cli: Cli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BEOORDELAAR_PIN", raising=False)
    code, _, err = cli(ROUND, ANNA)
    assert code == 1 and "met de omgevingsvariabele BEOORDELAAR_PIN" in err
    monkeypatch.setenv("BEOORDELAAR_PIN", "kort")
    code, _, err = cli(ROUND, ANNA)
    assert code == 1 and "te kort" in err
    assert not _status(db_path).has_pin
    code, _, err = cli(ROUND, ANNA, "geheim123")
    assert code == 2 and "schrijf: beoordelaar assessors pin ROUND NAME" in err  # never a command-line argument
