"""The audit trail: every change in the same transaction, and a hash chain that shows tampering."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from beoordelaar.core.errors import CONFLICT, ConflictError
from beoordelaar.core.record.history_reads import chain_check
from beoordelaar.core.rounds.rounds import create_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database
from engines import PRAGMA, raw_sql
from templates import DemoCopies


def _events(database: Database) -> list[m.AuditEvent]:
    with database.sessions() as session:
        return list(session.execute(select(m.AuditEvent).order_by(m.AuditEvent.id)).scalars())


def test_every_insert_update_and_delete_is_recorded_with_who_and_before_after(db: Database) -> None:
    create_round(db.sessions, name="R", framework="ijsselland-2022", actor="voorzitter")
    with unit_of_work(db.sessions, "voorzitter") as session:
        rnd = session.execute(select(m.Round)).scalar_one()
        rnd.name = "Ronde 2026"
    with unit_of_work(db.sessions, "beheerder", source="test") as session:
        lot = session.execute(select(m.Lot).where(m.Lot.code == "4")).scalar_one()
        session.delete(lot)
    events = _events(db)
    inserted = {e.entity for e in events if e.action == "insert"}
    assert {"frameworks", "criteria", "rounds", "lots"} <= inserted
    round_insert = next(e for e in events if e.action == "insert" and e.entity == "rounds")
    assert round_insert.entity_id == str(round_insert.after["id"]) != ""
    update = next(e for e in events if e.action == "update" and e.entity == "rounds")
    assert update.before == {"name": "R"} and update.after == {"name": "Ronde 2026"}
    assert update.actor == "voorzitter"
    delete = next(e for e in events if e.action == "delete")
    assert delete.entity == "lots" and delete.before["name"] == "Jeugd-ggz" and delete.actor == "beheerder"
    assert delete.entity_id == str(delete.before["id"])
    assert delete.source == "test"


def test_a_rolled_back_action_leaves_no_events(db: Database) -> None:
    create_round(db.sessions, name="R", framework="ijsselland-2022", actor="a")
    count = len(_events(db))
    with pytest.raises(RuntimeError), unit_of_work(db.sessions, "a") as session:
        session.execute(select(m.Round)).scalar_one().name = "Anders"
        session.flush()
        raise RuntimeError("de schijf is vol")
    assert len(_events(db)) == count
    with db.sessions() as session:
        assert session.execute(select(m.Round.name)).scalar_one() == "R"


@pytest.fixture
def chained(db: Database, cached_demo: DemoCopies) -> Database:
    cached_demo(db, providers=3, actor="test")
    with db.sessions() as session:
        count, broken = chain_check(session)
    assert broken is None and count > 100
    return db


def _tamper(database: Database, sql: str) -> None:
    with raw_sql(database) as connection:
        connection.execute(sql)


def test_an_altered_event_is_found(chained: Database) -> None:
    _tamper(chained, "UPDATE audit_events SET actor = 'iemand anders' WHERE id = 50")
    with chained.sessions() as session:
        _, broken = chain_check(session)
    assert broken is not None and broken.event_id == 50 and "gewijzigd" in broken.problem


def test_a_removed_event_is_found(chained: Database) -> None:
    _tamper(chained, "DELETE FROM audit_events WHERE id = 60")
    with chained.sessions() as session:
        _, broken = chain_check(session)
    assert broken is not None and broken.event_id == 61 and "verwijderd of ingevoegd" in broken.problem


def test_an_inserted_event_is_found(chained: Database) -> None:
    """A copy that follows the same event as another is refused by the unique previous hash (a fork); an event that
    follows none is let in, and the check finds it."""
    insert = (
        "INSERT INTO audit_events (id, at, actor, source, action, entity, entity_id, before, after, prev_hash, hash) "
        "SELECT 100000, at, actor, source, action, entity, entity_id, before, after, {prev}, 'x' "
        "FROM audit_events WHERE id = 70"
    )
    with pytest.raises(IntegrityError):
        _tamper(chained, insert.format(prev="prev_hash"))
    _tamper(chained, insert.format(prev="'" + "f" * 64 + "'"))
    with chained.sessions() as session:
        _, broken = chain_check(session)
    assert broken is not None and broken.event_id == 100000


def test_secrets_are_kept_out_of_the_audit_trail(db: Database) -> None:
    summary = create_round(db.sessions, name="R", framework="ijsselland-2022", actor="a")
    with unit_of_work(db.sessions, "a") as session:
        session.add(m.ExchangeKey(round_id=summary.id, round_uid="u" * 32, chair_signing_private="s3cr3t" * 8))
    with unit_of_work(db.sessions, "a") as session:
        exchange = session.execute(select(m.ExchangeKey)).scalar_one()
        exchange.chair_signing_private = exchange.chair_sealing_private = exchange.laptop_signing_private = "n13uw" * 8
    keyed = [e for e in _events(db) if e.entity == "exchange_keys"]
    assert [e.action for e in keyed] == ["insert", "update"]
    for event in keyed:
        text = str(event.before) + str(event.after)
        assert "s3cr3t" not in text and "n13uw" not in text and "[verborgen]" in text


@pytest.mark.sqlite_only(reason=PRAGMA)
def test_a_full_disk_is_the_users_world_and_changes_nothing(db: Database) -> None:
    from sqlalchemy import event, func

    from beoordelaar.core.demo.demo import build_demo
    from beoordelaar.core.errors import UserError

    create_round(db.sessions, name="R", framework="ijsselland-2022", actor="a")
    with db.sessions() as session:
        rounds = session.execute(select(func.count(m.Round.id))).scalar_one()
        events = session.execute(select(func.count(m.AuditEvent.id))).scalar_one()
    db.engine.dispose()

    @event.listens_for(db.engine, "connect")
    def _tiny_disk(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 2}")

    with pytest.raises(UserError, match="vol"):
        build_demo(db.sessions, providers=30, actor="a")
    event.remove(db.engine, "connect", _tiny_disk)
    db.engine.dispose()
    with db.sessions() as session:
        assert session.execute(select(func.count(m.Round.id))).scalar_one() == rounds
        assert session.execute(select(func.count(m.AuditEvent.id))).scalar_one() == events


@pytest.mark.sqlite_only(reason=PRAGMA)
def test_a_unit_of_work_holds_the_write_lock_from_its_start(db: Database) -> None:
    """BEGIN IMMEDIATE: what the action reads (the chain's head, a revision) no other writer can change before it
    commits; a second writer waits (here: is refused at once) even before the action wrote anything."""
    other = sqlite3.connect(db.path, timeout=0, isolation_level=None)
    try:
        with unit_of_work(db.sessions, "a") as session:
            session.execute(select(m.AuditEvent.id).limit(1)).all()
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_fork_of_the_chain_is_refused_as_a_dutch_conflict_and_saves_nothing(chained: Database) -> None:
    with chained.sessions() as session:
        first = session.execute(select(m.AuditEvent).order_by(m.AuditEvent.id).limit(1)).scalar_one()
        count = session.query(m.AuditEvent).count()
    fork = m.AuditEvent(at=first.at, actor="a", source="app", action="document-settings-saved", entity="rounds",
                        prev_hash=first.prev_hash, hash="f" * 64)  # fmt: skip
    with pytest.raises(ConflictError, match=CONFLICT), unit_of_work(chained.sessions, "a") as session:
        session.add(fork)
    with chained.sessions() as session:
        assert session.query(m.AuditEvent).count() == count
        _, broken = chain_check(session)
    assert broken is None
