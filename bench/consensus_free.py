"""A demo round as the chair has it before the consensus meeting: every score handed in, no consensus set yet (the
demo sets it). Shared by the consensus benches."""

from __future__ import annotations

from sqlalchemy import delete, select, update

from beoordelaar.core.demo.demo import build_demo
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database

AGREED = "De commissie stelt de score vast na bespreking: de aanpak is concreet en past bij de regionale doelen."


def consensus_free_demo(database: Database, providers: int, assessors: int = 3, *, documents: bool = False) -> int:
    """The id of a new demo round of this size, its consensus scores taken away."""
    summary = build_demo(database.sessions, providers=providers, assessors=assessors, actor="bench",
                         documents=database.documents if documents else None)  # fmt: skip
    with unit_of_work(database.sessions, "bench") as session:
        ids = select(m.Registration.id).where(m.Registration.round_id == summary.id)
        session.execute(delete(m.ConsensusScore).where(m.ConsensusScore.registration_id.in_(ids)))
        session.execute(update(m.Registration).where(m.Registration.round_id == summary.id)
                        .values(consensus_opened_at=None))  # fmt: skip
    database.results.clear()
    return summary.id
