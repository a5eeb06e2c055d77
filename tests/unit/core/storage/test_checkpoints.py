"""Signed checkpoints: a chain rebuilt whole and consistently inside the database shows against the checkpoints kept
outside it."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import select

from beoordelaar.core.files.keys import sign, signature_valid
from beoordelaar.core.record.audit_check import checkpoint_text, verify_history
from beoordelaar.core.record.history_reads import chain_check
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import event_hash, record_action, unit_of_work
from beoordelaar.core.storage.checkpoints import anchors_dir, statement_bytes
from beoordelaar.core.storage.database import Database
from engines import raw_sql
from templates import DemoCopies


def _milestone(db: Database, action: str = "round-consolidated") -> None:
    with unit_of_work(db.sessions, "voorzitter") as session:
        round_id = session.execute(select(m.Round.id)).scalar_one()
        record_action(session, action, "rounds", str(round_id), None)


@pytest.fixture
def anchored(db: Database, cached_demo: DemoCopies) -> Database:
    cached_demo(db, providers=3, actor="test")
    _milestone(db)
    return db


def test_a_milestone_leaves_a_signed_checkpoint_inside_and_outside_the_database(anchored: Database) -> None:
    with anchored.sessions() as session:
        row = session.execute(select(m.AuditCheckpoint).order_by(m.AuditCheckpoint.id.desc())).scalars().first()
        count, broken = chain_check(session)
        key = session.execute(select(m.ExchangeKey.chair_signing_public)).scalar_one()
    assert broken is None and row is not None and row.milestone == "round-consolidated"
    assert row.events == count  # the checkpoint is not itself an event: it signed the head as the action left it
    assert row.signing_key == key and signature_valid(key, row.statement.encode(), row.signature)
    outside = list(anchors_dir(anchored.path).glob("controlepunt-*.json"))
    assert len(outside) == 1 and json.loads(outside[0].read_text())["signature"] == row.signature
    check = verify_history(anchored.sessions)
    assert check.intact and check.checkpoints
    assert all(c.inside for c in check.checkpoints) and any(c.outside for c in check.checkpoints)
    assert "klopt" in checkpoint_text(check.checkpoints[-1])


def test_the_demo_keeps_a_checkpoint(cached_demo: DemoCopies, db: Database) -> None:
    cached_demo(db, providers=3, actor="test")
    with db.sessions() as session:
        milestones = set(session.execute(select(m.AuditCheckpoint.milestone)).scalars())
    assert milestones == {"demo-created"}  # built in one action


def _iso(at: str | datetime) -> str:
    """A time as the chain hashes it: SQLite gives its text, PostgreSQL a datetime."""
    return at.isoformat() if isinstance(at, datetime) else at.replace(" ", "T")


def _json(value: str | dict | None) -> object:
    """A JSON column as the chain hashes it: SQLite gives its text, PostgreSQL the value."""
    return json.loads(value) if isinstance(value, str) else value


def _rebuild(database: Database, *, resign: bool) -> None:
    """What someone who can write the file can do with the project's own functions: change an early event and
    rebuild the whole chain after it, consistently; with resign, also sign the checkpoints inside again with the
    round's key the database holds."""
    with raw_sql(database) as connection:
        connection.execute("UPDATE audit_events SET actor = 'iemand anders' WHERE id = 50")
        prev = "0" * 64
        rows = connection.execute(
            "SELECT id, at, actor, source, action, entity, entity_id, before, after FROM audit_events ORDER BY id"
        ).fetchall()
        heads = []
        for id_, at, actor, source, action, entity, entity_id, before, after in rows:
            fields = {
                "at": _iso(at), "actor": actor, "source": source, "action": action, "entity": entity,
                "entity_id": entity_id, "before": _json(before), "after": _json(after),
            }  # fmt: skip
            new = event_hash(prev, fields)
            connection.execute("UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?", (prev, new, id_))
            heads.append(new)
            prev = new
        if resign:
            private = connection.execute("SELECT chair_signing_private FROM exchange_keys").fetchone()[0]
            for id_, statement in connection.execute("SELECT id, statement FROM audit_checkpoints").fetchall():
                content = json.loads(statement)
                content["head"] = heads[content["events"] - 1]
                data = statement_bytes(content)
                connection.execute(
                    "UPDATE audit_checkpoints SET statement = ?, head = ?, signature = ? WHERE id = ?",
                    (data.decode(), content["head"], sign(private, data), id_),
                )


@pytest.mark.parametrize("resign", [False, True], ids=["checkpoints-left", "checkpoints-resigned"])
def test_a_chain_rebuilt_consistently_fails_against_the_checkpoints(anchored: Database, resign: bool) -> None:
    assert verify_history(anchored.sessions).intact
    _rebuild(anchored, resign=resign)
    with anchored.sessions() as session:
        assert chain_check(session)[1] is None  # the chain alone no longer shows it
    check = verify_history(anchored.sessions)
    assert not check.intact and check.broken is None
    failed = check.failed_checkpoints
    assert failed and all("niet meer die van dit controlepunt" in c.problem for c in failed)
    if resign:  # the copies inside were signed again; the one outside the database was not
        assert all(c.outside for c in failed)


def test_a_history_cut_short_fails_against_the_checkpoints(anchored: Database) -> None:
    with raw_sql(anchored) as connection:
        connection.execute("DELETE FROM audit_events WHERE id > 40")
        connection.execute("DELETE FROM audit_checkpoints")
    check = verify_history(anchored.sessions)
    assert check.broken is None and not check.intact
    assert any("ingekort" in c.problem for c in check.failed_checkpoints)


def test_a_round_removed_leaves_its_checkpoints_outside_without_a_false_alarm(anchored: Database) -> None:
    from beoordelaar.core.rounds.round_edits import remove_round

    with anchored.sessions() as session:
        round_id = session.execute(select(m.Round.id)).scalar_one()
    remove_round(anchored.sessions, round_id, actor="voorzitter")
    check = verify_history(anchored.sessions)
    outside = [c for c in check.checkpoints if c.outside and not c.inside]
    assert outside and check.intact, [c.problem for c in check.failed_checkpoints]


def test_a_checkpoint_removed_from_the_database_shows(anchored: Database) -> None:
    with raw_sql(anchored) as connection:
        connection.execute("DELETE FROM audit_checkpoints")
    check = verify_history(anchored.sessions)
    assert not check.intact and any("niet meer erin" in c.problem for c in check.failed_checkpoints)
