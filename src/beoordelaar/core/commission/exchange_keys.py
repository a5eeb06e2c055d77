"""The keys and references shared by the chair's database and the assessors' laptops for one round."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from beoordelaar.core.errors import UserError
from beoordelaar.core.storage import models as m


def derive_key(secret: bytes, *parts: str) -> bytes:
    """A key for one purpose, derived from a secret: HMAC(secret, the parts joined by newlines)."""
    return hmac.new(secret, "\n".join(parts).encode("utf-8"), hashlib.sha256).digest()


def round_exchange(session: Session, rnd: m.Round) -> m.ExchangeKey | None:
    return session.execute(select(m.ExchangeKey).where(m.ExchangeKey.round_id == rnd.id)).scalar_one_or_none()


def chair_exchange(session: Session, rnd: m.Round) -> m.ExchangeKey:
    """The round's uid and secret in the chair's database, made on first use; refused on an assessor's laptop."""
    exchange = round_exchange(session, rnd)
    if exchange is None:
        exchange = m.ExchangeKey(round_id=rnd.id, round_uid=secrets.token_hex(16), round_secret=secrets.token_hex(32))
        session.add(exchange)
        session.flush()
    if exchange.on_laptop:
        raise UserError(
            f"Deze database is de laptop van een beoordelaar (geopend uit een werkpakket voor ronde '{rnd.name}'). "
            "Dat kan alleen in de database van de voorzitter."
        )
    return exchange


def laptop_exchange(session: Session, rnd: m.Round) -> m.ExchangeKey | None:
    """The exchange of a round opened from a work package on this laptop, or None in the chair's database."""
    exchange = round_exchange(session, rnd)
    return exchange if exchange is not None and exchange.on_laptop else None


def assessor_key(exchange: m.ExchangeKey, assessor_name: str) -> bytes:
    """The key one assessor signs return files with: HMAC(round secret, name + round uid)."""
    if exchange.round_secret is None:
        if exchange.assessor_key is None:
            raise UserError("Deze database heeft geen sleutel om bestanden van deze ronde te ondertekenen.")
        return bytes.fromhex(exchange.assessor_key)
    return derive_key(bytes.fromhex(exchange.round_secret), "assessor", assessor_name, exchange.round_uid)


def registration_ref(rnd: m.Round, registration: m.Registration) -> str:
    """How a registration is named in packages and return files: its number, or its sequence when anonymised."""
    return f"{registration.sequence:03d}" if rnd.anonymised else registration.number


def registrations_by_ref(session: Session, rnd: m.Round) -> dict[str, m.Registration]:
    registrations = session.execute(select(m.Registration).where(m.Registration.round_id == rnd.id)).scalars().all()
    return {registration_ref(rnd, r): r for r in registrations}
