"""audit verify's one shared read of the history (history_reads.py) against the straightforward check it replaced
(tests/history_reference.py): on every kind of damage the same first break (event, message, events walked) and the
same findings of the consistency check, in the same order."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

import pytest

from beoordelaar.core.record.audit_check import verify_history
from beoordelaar.core.record.history_reads import TABLE_READ
from beoordelaar.core.storage.audit import event_hash
from beoordelaar.core.storage.database import Database
from engines import PRAGMA, Where, raw_sql
from history_attacks import ATTACKS, append_event, sql
from history_reference import reference_chain, reference_consistency
from templates import DemoCopies


def _event_of(table: str, nth: int = 1) -> str:
    return f"(SELECT id FROM audit_events WHERE entity = '{table}' ORDER BY id LIMIT 1 OFFSET {nth})"


def _altered(column: str, value: str, event: str) -> Callable[[Where], None]:
    return lambda where: sql(where, f"UPDATE audit_events SET {column} = {value} WHERE id = {event}")


def _removed(event: str) -> Callable[[Where], None]:
    return lambda where: sql(where, f"DELETE FROM audit_events WHERE id = {event}")


def _both(first: Callable[[Where], None], second: Callable[[Where], None]) -> Callable[[Where], None]:
    return lambda where: (first(where), second(where))  # type: ignore[func-returns-value]


def _swapped(first: int) -> Callable[[Where], None]:
    return lambda where: sql(
        where,
        f"UPDATE audit_events SET id = -1 WHERE id = {first}",
        f"UPDATE audit_events SET id = {first} WHERE id = {first + 1}",
        f"UPDATE audit_events SET id = {first + 1} WHERE id = -1",
    )


def _replaced(event_id: int) -> Callable[[Where], None] | None:
    """The event removed and another put in its place, chained to the one before with a correct hash: the chain
    breaks at the next one."""

    def replace(where: Where) -> None:
        with raw_sql(where) as connection:
            (prev,) = connection.execute(f"SELECT hash FROM audit_events WHERE id = {event_id - 1}").one()
            at, entity, entity_id, after = connection.execute(
                f'SELECT at, entity, entity_id, "after" FROM audit_events WHERE id = {event_id}'
            ).one()
            after = json.loads(after) if isinstance(after, str) else after
            shown = at.isoformat() if isinstance(at, datetime) else at.replace(" ", "T")
            fields = {
                "at": shown, "actor": "iemand anders", "source": "app", "action": "insert", "entity": entity,
                "entity_id": entity_id, "before": None, "after": after,
            }  # fmt: skip
            connection.execute(f"DELETE FROM audit_events WHERE id = {event_id}")
            connection.execute(
                "INSERT INTO audit_events (id, at, actor, source, action, entity, entity_id, before, after, "
                "prev_hash, hash) VALUES (?, ?, 'iemand anders', 'app', 'insert', ?, ?, NULL, ?, ?, ?)",
                (event_id, at, entity, entity_id, json.dumps(after), prev, event_hash(prev, fields)),
            )

    return replace


def _by_sql(statement: str) -> Callable[[Where], None]:
    return lambda where: sql(where, statement)


def _forged_tail(where: Where) -> None:
    """The last events cut off and others appended in their place, each with a correct hash."""
    sql(where, "DELETE FROM audit_events WHERE id > (SELECT max(id) - 30 FROM audit_events)")
    with raw_sql(where) as connection:
        (decision,) = connection.execute("SELECT min(id) FROM decisions").one()
    for outcome in ("rejected", "admitted", "rejected"):
        append_event(where, "update", "decisions", str(decision), {"outcome": "x"}, {"outcome": outcome})


def _moment_written_otherwise(where: Where) -> None:
    with raw_sql(where) as connection:
        if connection.on_server:
            connection.execute("UPDATE audit_events SET at = at + interval '1 microsecond' WHERE id = 45")
        else:  # the same moment, as a text SQLAlchemy reads back alike
            connection.execute("UPDATE audit_events SET at = replace(at, ' ', 'T') WHERE id = 45")
            connection.execute("UPDATE audit_events SET at = substr(at, 1, 19) WHERE id = 46")


# name -> (the damage, whether the chain breaks: None when it depends on the engine)
DAMAGES: dict[str, tuple[Callable[[Where], None], bool | None]] = {
    "nothing": (lambda where: None, False),
    "a score event's actor altered": (_altered("actor", "'iemand anders'", _event_of("score_revisions", 5)), True),
    "a score event's after altered": (
        _altered('"after"', '\'{"id": 1, "value": "5"}\'', _event_of("score_revisions", 7)),
        True,
    ),
    "an event of an unchecked table altered": (_altered("source", "'sql'", _event_of("assignments", 3)), True),
    "an event's hash changed": (_altered("hash", "'" + "e" * 64 + "'", "70"), True),
    "an event's prev_hash changed": (_altered("prev_hash", "'" + "f" * 64 + "'", "70"), True),
    "an event's prev_hash emptied": (_altered("prev_hash", "''", _event_of("decisions", 1)), True),
    "an action renamed": (_altered("action", "'Insert'", _event_of("score_revisions", 2)), True),
    "a score event made an update": (_altered("action", "'update'", _event_of("score_revisions", 4)), True),
    "an event moved to another row": (_altered("entity_id", "'1'", _event_of("check_revisions", 3)), True),
    "the first event removed": (_removed("1"), True),
    "an event removed": (
        lambda where: sql(where, f"DELETE FROM audit_events WHERE id = {_event_of('decisions')}"),
        True,
    ),
    "an event replaced": (_replaced(80), True),
    "an event appended linking nowhere": (
        lambda where: sql(
            where,
            "INSERT INTO audit_events (id, at, actor, source, action, entity, entity_id, prev_hash, hash) "
            "SELECT max(id) + 1, max(at), 'x', 'app', 'insert', 'decisions', '1', '"
            + "a" * 64
            + "', '"
            + "b" * 64
            + "' FROM audit_events",
        ),
        True,
    ),
    "a pair swapped": (_swapped(50), True),
    "a pair of one table swapped": (_swapped(120), True),
    "a forged tail": (_forged_tail, False),
    "a late hash and an early link broken": (
        _both(_altered("actor", "'x'", "150"), _altered("prev_hash", "'" + "c" * 64 + "'", "30")),
        True,
    ),
    "an early hash and a late link broken": (
        lambda where: (
            _altered("actor", "'x'", "30")(where),
            _altered("prev_hash", "'" + "c" * 64 + "'", "150")(where),
        ),
        True,
    ),
    "a moment written otherwise": (_moment_written_otherwise, None),
    "an interview point changed by SQL": (
        _by_sql("UPDATE interview_points SET answer = 'x' WHERE id = (SELECT min(id) FROM interview_points)"),
        False,
    ),
    "an interview's attendee removed by SQL": (
        _by_sql("DELETE FROM interview_attendees WHERE id = (SELECT max(id) FROM interview_attendees)"),
        False,
    ),
    **{f"attack: {name}": (attack, None) for name, attack in ATTACKS.items()},
}


@pytest.fixture
def demo(db: Database, cached_demo: DemoCopies) -> Database:
    cached_demo(db, providers=3, actor="test")
    return db


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_the_check_finds_what_the_straightforward_walk_finds(demo: Database, damage: str) -> None:
    tamper, breaks = DAMAGES[damage]
    tamper(demo)
    check = verify_history(demo.sessions)
    with demo.sessions() as session:
        count, broken = reference_chain(session)
        consistency = reference_consistency(session)
    assert (check.count, check.broken) == (count, broken)
    assert check.consistency == consistency
    if breaks is not None:
        assert (broken is not None) == breaks, broken
    if damage != "nothing":
        assert not check.intact or damage == "a moment written otherwise"
    assert consistency.rows > 50


@pytest.mark.sqlite_only(reason=PRAGMA)
def test_a_tables_events_are_read_by_the_index_without_a_sort(db: Database) -> None:
    """Migration 0023's index gives a table's events in the check's order, so the database sorts none."""
    statement = TABLE_READ.compile(dialect=db.engine.dialect, compile_kwargs={"render_postcompile": True})
    values = [{**statement.params, "table": "decisions"}[name] for name in statement.positiontup or ()]
    with raw_sql(db) as connection:
        plan = [row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {statement}", values)]
    assert any("USING INDEX ix_audit_events_entity_order" in step for step in plan), plan
    assert not any("TEMP B-TREE" in step for step in plan), plan
