"""A login on the real server that must give its password: both faces ask through one core function. A refused
password is asked again with the server's refusal, three times in all; at the terminal the refusal goes to stderr;
without a terminal the command says how else to give it and opens nothing."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import pytest

from beoordelaar.cli import main
from beoordelaar.core.errors import UserError
from beoordelaar.core.storage.database import Database
from beoordelaar.core.storage.server_password import open_with_password
from password_login import PASSWORD, login_asking_password

postgres = pytest.mark.postgres


@pytest.fixture
def password_login(pg_db: Database, postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with login_asking_password(pg_db, postgres_url, monkeypatch) as url:
        yield url


def _answers(*typed: str | None) -> tuple[list[tuple[str, str, str | None]], object]:
    asked: list[tuple[str, str, str | None]] = []
    left = list(typed)

    def ask(login: str, host: str, refusal: str | None) -> str | None:
        asked.append((login, host, refusal))
        return left.pop(0)

    return asked, ask


@postgres
def test_a_refused_password_is_asked_again_with_the_refusal_and_the_right_one_opens(password_login: str) -> None:
    asked, ask = _answers("niet-dit", "ook-niet", PASSWORD)
    opened = open_with_password(password_login, ask, tries=3)
    assert opened is not None
    try:
        assert opened.login == asked[0][0] and asked[0][0].startswith("voorzitter_")
    finally:
        opened.close()
    assert asked[0][2] is None
    assert all("kan niet worden geopend" in refusal for _, _, refusal in asked[1:])
    assert all(PASSWORD not in str(refusal) for _, _, refusal in asked)


@postgres
def test_the_last_refusal_is_the_error_and_a_cancel_opens_nothing(password_login: str) -> None:
    asked, ask = _answers("fout-1", "fout-2")
    with pytest.raises(UserError, match="kan niet worden geopend"):
        open_with_password(password_login, ask, tries=2)
    assert len(asked) == 2
    asked, ask = _answers("fout", None)
    assert open_with_password(password_login, ask, tries=3) is None
    assert len(asked) == 2


@postgres
def test_the_command_line_asks_at_the_terminal_and_shows_each_refusal(
    password_login: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed = ["niet-dit", PASSWORD]
    prompts: list[str] = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt: prompts.append(prompt) or typed.pop(0))
    assert main(["--db", password_login, "rounds", "--json"]) == 0
    out, err = capsys.readouterr()
    assert isinstance(json.loads(out), list)
    assert len(prompts) == 2 and prompts[0].startswith("Wachtwoord van voorzitter_") and " op 127.0.0.1" in prompts[0]
    assert "kan niet worden geopend" in err and PASSWORD not in err


@postgres
def test_without_a_terminal_the_command_says_how_else_and_opens_nothing(
    password_login: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    assert main(["--db", password_login, "rounds", "--json"]) != 0
    err = capsys.readouterr().err
    assert "dat wordt gevraagd in een terminal" in err and "wachtwoordbestand" in err
