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
    return connection.execute(select(AuditEvent.hash).order_by(AuditEvent.id).offset(index).limit(1)).scalar_one()
