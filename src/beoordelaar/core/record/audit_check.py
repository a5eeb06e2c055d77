"""Checking the audit trail: is the hash chain of the history unbroken, and if not, which event is the first to
fail. Read-only: the check changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.record.history_text import HistoryEvent
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import ChainBreak, head_hash, verify_chain


@dataclass(frozen=True)
class HistoryCheck:
    """The outcome of a check: how many events were walked, the first break (None when whole), the head hash and,
    for a break, the event as it is stored now (None when it is gone)."""

    count: int
    broken: ChainBreak | None
    head: str
    broken_event: HistoryEvent | None = None

    @property
    def intact(self) -> bool:
        return self.broken is None


def verify_history(sessions: sessionmaker[Session]) -> HistoryCheck:
    with sessions() as session:
        count, broken = verify_chain(session)
        head = head_hash(session)
        event = None
        if broken is not None:
            row = session.get(m.AuditEvent, broken.event_id)
            if row is not None:
                event = HistoryEvent(
                    row.id, row.at, row.actor, row.source, row.action, row.entity, row.entity_id, row.before, row.after
                )
        return HistoryCheck(count, broken, head, event)
