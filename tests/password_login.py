"""A chair's login on the run's real server that must give its password: a scram-sha-256 rule in pg_hba.conf for it
alone, ahead of the test server's trust rule, and no password from PGPASSWORD or a password file."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from beoordelaar.core.commission.server_users import add_server_user
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from exchange_round import CHAIR, make_round

PASSWORD = "Zeer-geheim-2027"


def _as_admin(url: str, statement: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            result = connection.execute(text(statement))
            return [tuple(row) for row in result] if result.returns_rows else []
    finally:
        engine.dispose()


@contextmanager
def login_asking_password(pg_db: Database, postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The URL (without a password) of a chair's login of a round made in pg_db, whose password is PASSWORD; the rule
    and the login go again afterwards."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(Path.home() / "geen-wachtwoordbestand"))
    round_id = make_round(pg_db)
    with pg_db.sessions() as session:
        procurement = session.get(m.Round, round_id).procurement_id
    login = f"voorzitter_{uuid.uuid4().hex[:8]}"
    add_server_user(
        pg_db.sessions, login=login, role="voorzitter", procurement_id=procurement, members=[CHAIR],
        password=lambda: PASSWORD, actor="beheerder",
    )  # fmt: skip
    [(hba_file,)] = _as_admin(postgres_url, "SHOW hba_file")
    rules = Path(hba_file).read_text(encoding="utf-8")
    Path(hba_file).write_text(f"host all {login} 127.0.0.1/32 scram-sha-256\n{rules}", encoding="utf-8")
    _as_admin(postgres_url, "SELECT pg_reload_conf()")
    try:
        yield make_url(postgres_url).set(username=login, password=None).render_as_string(hide_password=False)
    finally:
        Path(hba_file).write_text(rules, encoding="utf-8")
        _as_admin(postgres_url, "SELECT pg_reload_conf()")
        _as_admin(postgres_url, f"DROP OWNED BY {login}; DROP ROLE {login}")
