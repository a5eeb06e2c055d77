"""For the tests that compare a set-based write with the row-by-row path on two identical databases: a frozen clock
(the hashes hold the moment) and the history as stored, checked whole."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select

import beoordelaar.core.storage.clock as clock
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import verify_chain
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
        assert verify_chain(session)[1] is None
        return [tuple(e) for e in events]
