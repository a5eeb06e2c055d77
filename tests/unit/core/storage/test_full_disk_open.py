"""A full disk at the first read after opening (and migrating) the database is refused in Dutch, the lock given
back; a full disk while the history is checked too."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from beoordelaar.core.errors import UserError
from beoordelaar.core.record import history_consistency
from beoordelaar.core.record.audit_check import verify_history
from beoordelaar.core.storage import database as database_module
from beoordelaar.core.storage.database import Database, open_database


def _full(*_args: object) -> None:
    error = sqlite3.OperationalError("database or disk is full")
    error.sqlite_errorcode = sqlite3.SQLITE_FULL  # type: ignore[attr-defined]
    raise error


def test_a_full_disk_at_the_first_read_is_refused_in_dutch_and_gives_the_lock_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "beoordelaar.sqlite"
    open_database(path).close()
    monkeypatch.setattr(database_module, "_configure_app_connection", _full)
    with pytest.raises(UserError, match=r"kan nu niet worden geopend: de schijf is vol\. Maak ruimte vrij") as caught:
        open_database(path)
    assert "disk is full" not in str(caught.value)
    monkeypatch.undo()
    open_database(path).close()  # the lock was given back


def test_a_full_disk_while_the_history_is_checked_is_refused_in_dutch(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    def full(_session: Session) -> None:
        try:
            _full()
        except sqlite3.OperationalError as error:
            raise OperationalError("SELECT", {}, error) from error

    monkeypatch.setattr(history_consistency, "_check_table", lambda session, *_a: full(session))
    with pytest.raises(UserError, match="De geschiedenis kan nu niet worden gecontroleerd: de schijf is vol"):
        verify_history(db.sessions)
