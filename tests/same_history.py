"""For the tests that compare a set-based write with the row-by-row path on two identical databases: a frozen clock
(the hashes hold the moment) and the history as stored, checked whole."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

import beoordelaar.core.storage.clock as clock
from beoordelaar.core.record.history_reads import chain_check
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.bulk import KeyOf
from beoordelaar.core.storage.database import Database

MOMENT = datetime(2027, 3, 1, 9, 30)


class _Frozen(datetime):
    @classmethod
    def now(cls, tz: Any = None) -> datetime:  # type: ignore[override]
        return MOMENT.replace(tzinfo=tz)


def freeze_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "datetime", _Frozen)


def stored_history(db: Database) -> list[tuple[Any, ...]]:
    """Every audit event with its hashes, in order, after checking the chain."""
    with db.sessions() as session:
        events = session.execute(
            select(m.AuditEvent.id, m.AuditEvent.action, m.AuditEvent.entity, m.AuditEvent.entity_id,
                   m.AuditEvent.before, m.AuditEvent.after, m.AuditEvent.prev_hash, m.AuditEvent.hash)
            .order_by(m.AuditEvent.id)
        ).all()  # fmt: skip
        assert chain_check(session)[1] is None
        return [tuple(e) for e in events]


def add_as_objects(session: Session, new: list[tuple[type[Any], dict[str, Any]]], *, one_flush: bool = False) -> None:
    """The row-by-row path of insert_audited: the same rows added to the session as objects and flushed (a flush
    after each, or one for all); a KeyOf becomes the relationship to the other row's object."""
    session.flush()
    objects: dict[int, Any] = {}
    for model, values in new:
        obj = model(**{k: v for k, v in values.items() if not isinstance(v, KeyOf)})
        objects[id(values)] = obj
        for key, value in values.items():
            if isinstance(value, KeyOf):
                _relate(obj, key, objects[id(value.row)])
        session.add(obj)
        if not one_flush:
            session.flush()
    session.flush()
    for model, values in new:
        obj = objects[id(values)]
        values.update({column.key: getattr(obj, column.key) for column in inspect(model).columns})


def _relate(child: Any, key: str, parent: Any) -> None:
    """Child's column key refers to parent: through child's many-to-one, or a collection of the parent's."""
    for relationship in inspect(type(child)).relationships:
        if [c.key for c in relationship.local_columns] == [key]:
            setattr(child, relationship.key, parent)
            return
    for relationship in inspect(type(parent)).relationships:
        if relationship.mapper.class_ is type(child) and [c.key for c in relationship.remote_side] == [key]:
            getattr(parent, relationship.key).append(child)
            return
    raise AssertionError(f"{type(child).__name__}.{key}: no relationship to {type(parent).__name__}")
