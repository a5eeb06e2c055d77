"""Renaming a round and removing one: a backup first, every row of the round gone, the others untouched, one event."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select

from beoordelaar.core.errors import UserError
from beoordelaar.core.record.history_reads import chain_check
from beoordelaar.core.rounds.round_edits import remove_round, rename_round
from beoordelaar.core.rounds.rounds import create_round, list_rounds
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from engines import FILE_BACKUP
from templates import DemoCopies


def test_rename_keeps_the_old_name_in_the_history(db: Database) -> None:
    round_id = create_round(db.sessions, name="Jeugd 2027", framework="ijsselland-2022", actor="t").id
    create_round(db.sessions, name="Ander", framework="ijsselland-2022", actor="t")
    assert rename_round(db.sessions, round_id, " Jeugdhulp 2027 ", actor="Marieke").name == "Jeugdhulp 2027"
    with pytest.raises(UserError, match="al een ronde met de naam 'Ander'"):
        rename_round(db.sessions, round_id, "Ander", actor="t")
    with pytest.raises(UserError, match="heeft een naam nodig"):
        rename_round(db.sessions, round_id, "  ", actor="t")
    with db.sessions() as session:
        event = session.execute(select(m.AuditEvent).where(m.AuditEvent.action == "round-renamed")).scalar_one()
    assert (event.actor, event.after) == ("Marieke", {"from": "Jeugd 2027", "to": "Jeugdhulp 2027"})


@pytest.mark.sqlite_only(reason=FILE_BACKUP)
def test_remove_a_full_round_after_a_backup(db: Database, cached_demo: DemoCopies) -> None:
    demo = cached_demo(db, providers=4, assessors=2, actor="t")
    other = create_round(db.sessions, name="Blijft", framework="ijsselland-2022", actor="t")
    removed = remove_round(db.sessions, demo.id, actor="Marieke")
    assert [r.name for r in list_rounds(db.sessions)] == ["Blijft"]
    assert removed.removed["registrations"] == 4 and removed.removed["score_revisions"] > 0
    assert removed.backup.parent == db.path.parent / "backups"
    kept = sqlite3.connect(removed.backup)
    try:
        assert kept.execute("select name from rounds where id = ?", (demo.id,)).fetchone() == (demo.name,)
    finally:
        kept.close()
    with db.sessions() as session:
        assert session.connection().exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        assert session.execute(select(m.Registration)).first() is None
        event = session.execute(select(m.AuditEvent).where(m.AuditEvent.action == "round-removed")).scalar_one()
        assert (event.actor, event.after["name"]) == ("Marieke", demo.name)
        assert chain_check(session)[1] is None
    assert other.id in [r.id for r in list_rounds(db.sessions)]


def test_remove_an_unknown_round_is_refused(db: Database) -> None:
    with pytest.raises(UserError, match="bestaat niet"):
        remove_round(db.sessions, 99, actor="t")
