"""The head and the length of the history's hash chain. On a team server a user sees only the events of their own
procedures (row-level security), so there the chain is read through the functions of migration 0018, which see the
whole chain: the next event links to the real head, and a checkpoint signs the real length."""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.engine import Connection

from beoordelaar.core.storage.models import AuditEvent


def chain_head(connection: Connection) -> str | None:
    """The hash of the chain's last event, None for an empty chain."""
    if connection.dialect.name == "postgresql":
        return connection.execute(text("SELECT beoordelaar_audit_head()")).scalar()
    return connection.execute(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).scalar()


def chain_length(connection: Connection) -> int:
    if connection.dialect.name == "postgresql":
        return int(connection.execute(text("SELECT beoordelaar_audit_length()")).scalar_one())
    return int(connection.execute(select(func.count(AuditEvent.id))).scalar_one())


def chain_hash_at(connection: Connection, index: int) -> str:
    """The hash of the event at this position of the chain (0 is the first), as a checkpoint check asks for it."""
    if connection.dialect.name == "postgresql":
        at = text("SELECT beoordelaar_audit_hash_at(CAST(:i AS bigint))")
        return connection.execute(at, {"i": index}).scalar_one()
    e = AuditEvent
    first, last, count = connection.execute(_BOUNDS).one()
    if count and last - first + 1 == count:  # no gap in the ids: the position's own id, found by the key
        return connection.execute(select(e.hash).where(e.id == first + index)).scalar_one()
    return connection.execute(select(e.hash).order_by(e.id).offset(index).limit(1)).scalar_one()


# Each alone, so that the lowest and the highest id are read from the ends of the key, the count from the smallest
# index (an OFFSET walks the rows themselves, a history of 100,000 events at each checkpoint).
_EVENTS = AuditEvent.__table__
_BOUNDS = select(
    select(func.min(_EVENTS.c.id)).scalar_subquery(),
    select(func.max(_EVENTS.c.id)).scalar_subquery(),
    select(func.count()).select_from(_EVENTS).scalar_subquery(),
)
