"""A server that asks for a password is told by libpq's own flag on the failed connection (as psycopg raises it,
wrapped by SQLAlchemy and then by our UserError), not by the words of the message."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy.exc import OperationalError

from beoordelaar.core.errors import UserError
from beoordelaar.core.storage.location import database_location
from beoordelaar.core.storage.server_password import password_needed, with_password

URL = "postgresql+psycopg://avries@server.example:5432/jeugdhulp"


def _refused(needs_password: bool) -> UserError:
    driver = Exception("connection failed")
    driver.pgconn = SimpleNamespace(needs_password=needs_password)  # type: ignore[attr-defined]
    wrapped = OperationalError("connect", {}, driver)
    try:
        raise UserError("De databaseserver kan niet worden geopend") from wrapped
    except UserError as exc:
        return exc


def test_only_a_missing_password_asks_for_one() -> None:
    assert password_needed(_refused(True))
    assert not password_needed(_refused(False))
    assert not password_needed(UserError("Het bestand is geen database van Beoordelaar"))


def test_the_typed_password_connects_the_same_database_and_is_never_shown() -> None:
    pytest.importorskip("psycopg", reason="a server's URL needs the postgres extra (pip install '.[postgres]')")
    given = with_password(URL, "zeer geheim")
    assert given.url.password == "zeer geheim"
    assert given.local_path == database_location(URL).local_path
    assert "zeer geheim" not in given.shown
