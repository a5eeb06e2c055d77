"""What --db and the setting name: a path or sqlite:/// is a file; postgresql+psycopg:// a server; nothing else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from beoordelaar.core.errors import UserError
from beoordelaar.core.storage.location import database_location


def test_a_bare_path_and_an_sqlite_url_are_the_same_file(tmp_path: Path) -> None:
    path = tmp_path / "een.sqlite"
    bare, url = database_location(str(path)), database_location(f"sqlite:///{path}")
    assert bare == url and bare.is_sqlite and bare.path == path
    assert database_location(path).path == path


def test_a_name_with_a_colon_is_still_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert database_location("proef:2026.sqlite").path == tmp_path / "proef:2026.sqlite"


def test_a_server_url_keeps_its_password_out_of_what_is_shown() -> None:
    pytest.importorskip("psycopg", reason="the postgres extra (psycopg) is not installed")
    location = database_location("postgresql://voorzitter:geheim@server.regio.nl:5433/inkoop")
    assert not location.is_sqlite and location.path is None
    assert location.url.drivername == "postgresql+psycopg"
    assert location.shown == "postgresql+psycopg://voorzitter:***@server.regio.nl:5433/inkoop"
    assert location.local_path.suffix == ".server" and location.local_path.name.startswith("inkoop-")


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("mysql://u@h/db", "werkt niet met het database-adres mysql://"),
        ("postgresql+psycopg2://u@h/db", "werkt niet met het database-adres postgresql+psycopg2://"),
        ("postgresql+psycopg://u@h", "noemt geen database op de server"),
        ("sqlite://", "noemt geen databasebestand"),
        ("sqlite:///:memory:", "noemt geen databasebestand"),
    ],
)
def test_what_is_no_database_of_ours_is_refused_in_dutch(given: str, said: str) -> None:
    if given.startswith("postgresql+psycopg:"):
        pytest.importorskip("psycopg", reason="the postgres extra (psycopg) is not installed")
    with pytest.raises(UserError, match=re.escape(said)):
        database_location(given)
