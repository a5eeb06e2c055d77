"""Which round of this database is exchanged with a laptop, and how registrations are named in the exchanged files."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from beoordelaar.core.storage import models as m


def round_exchange(session: Session, rnd: m.Round) -> m.ExchangeKey | None:
    return session.execute(select(m.ExchangeKey).where(m.ExchangeKey.round_id == rnd.id)).scalar_one_or_none()


def laptop_exchange(session: Session, rnd: m.Round) -> m.ExchangeKey | None:
    """The exchange of a round opened from a work package on this laptop, or None in the chair's database."""
    exchange = round_exchange(session, rnd)
    return exchange if exchange is not None and exchange.on_laptop else None


def registration_ref(rnd: m.Round, registration: m.Registration) -> str:
    """How a registration is named in packages and return files: its number, or its sequence when anonymised."""
    return f"{registration.sequence:03d}" if rnd.anonymised else registration.number


def registrations_by_ref(session: Session, rnd: m.Round) -> dict[str, m.Registration]:
    registrations = session.execute(select(m.Registration).where(m.Registration.round_id == rnd.id)).scalars().all()
    return {registration_ref(rnd, r): r for r in registrations}


def registration_ids_by_ref(session: Session, rnd: m.Round) -> dict[str, int]:
    """registrations_by_ref's ids, read as plain rows, not objects (a return file's merge names hundreds)."""
    rows = session.execute(
        select(m.Registration.id, m.Registration.number, m.Registration.sequence).where(
            m.Registration.round_id == rnd.id
        )
    ).all()
    return {registration_ref(rnd, row): row.id for row in rows}  # type: ignore[arg-type]  # a row has its fields
