"""The chair's keys of a round: made on the first export, kept only in the chair's database."""

from __future__ import annotations

import secrets

from sqlalchemy.orm import Session

from beoordelaar.core.commission.exchange_keys import round_exchange
from beoordelaar.core.errors import UserError
from beoordelaar.core.files.keys import new_sealing_key, new_signing_key
from beoordelaar.core.storage import models as m


def chair_exchange(session: Session, rnd: m.Round) -> m.ExchangeKey:
    """The round's uid and keys in the chair's database, made on first use; refused on an assessor's laptop."""
    exchange = round_exchange(session, rnd)
    if exchange is None:
        exchange = m.ExchangeKey(round_id=rnd.id, round_uid=secrets.token_hex(16))
        session.add(exchange)
    if exchange.on_laptop:
        raise UserError(
            f"Deze database is de laptop van een beoordelaar (geopend uit een werkpakket voor ronde '{rnd.name}'). "
            "Dat kan alleen in de database van de voorzitter."
        )
    if exchange.chair_signing_private is None:  # a new round, or one from before the round had keys
        signing, sealing = new_signing_key(), new_sealing_key()
        exchange.chair_signing_private, exchange.chair_signing_public = signing.private, signing.public
        exchange.chair_sealing_private, exchange.chair_sealing_public = sealing.private, sealing.public
    session.flush()
    return exchange
