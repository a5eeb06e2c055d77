"""The consensus discussion (consensusbespreking): from its opening on, assessors may see each other's scores."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.errors import UserError
from beoordelaar.services.exchange_keys import laptop_exchange
from beoordelaar.services.registrations import find_registration
from beoordelaar.services.rounds import find_round
from beoordelaar.storage.audit import record_action, unit_of_work
from beoordelaar.storage.clock import utcnow


def open_consensus(
    sessions: sessionmaker[Session], round_ref: str | int, registration_ref: str, *, actor: str
) -> datetime:
    """The chair opens the discussion of one registration; returns when it was opened (the first time)."""
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_ref)
        if laptop_exchange(session, rnd) is not None:
            raise UserError("Alleen de voorzitter opent de consensusbespreking, in de database van de voorzitter.")
        registration = find_registration(session, rnd, registration_ref)
        if registration.consensus_opened_at is None:
            registration.consensus_opened_at = utcnow()
            session.flush()
            record_action(session, "consensus-opened", "registrations", str(registration.id), None)
        return registration.consensus_opened_at
