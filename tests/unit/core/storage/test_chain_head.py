"""The hash at a position of the chain, as a checkpoint check asks for it: by the id itself when the ids have no
gap, by walking them when they have one (a server's sequence leaves gaps; an attacker may too), the same answer."""

from __future__ import annotations

from sqlalchemy import select

from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.storage.chain_head import chain_hash_at
from beoordelaar.core.storage.database import Database
from history_attacks import sql


def _hashes(db: Database) -> tuple[list[str], list[str]]:
    """The hashes in id order, and chain_hash_at of each position."""
    with db.sessions() as session:
        stored = list(session.execute(select(m.AuditEvent.hash).order_by(m.AuditEvent.id)).scalars())
        asked = [chain_hash_at(session.connection(), index) for index in range(len(stored))]
    return stored, asked


def test_the_hash_at_each_position_with_and_without_a_gap_in_the_ids(db: Database) -> None:
    with unit_of_work(db.sessions, "voorzitter") as session:
        for number in range(8):
            record_action(session, "round-created", "rounds", str(number), None)
    stored, asked = _hashes(db)
    assert len(stored) == 8 and asked == stored
    sql(db, "DELETE FROM audit_events WHERE id = (SELECT min(id) + 3 FROM audit_events)")
    stored, asked = _hashes(db)
    assert len(stored) == 7 and asked == stored
