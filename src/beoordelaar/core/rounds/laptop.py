"""Whether this database is an assessor's laptop: for one round (opened from a work package) or as a whole (it holds
only such rounds). The core refuses the chair's actions there (chair_only.py), whichever face asks."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.chair_only import ChairAction, laptop_refusal
from beoordelaar.core.storage import models as m


def laptop_owner(session: Session, round_id: int) -> str | None:
    """The assessor whose laptop holds this round (opened from her work package), or None in the chair's database."""
    row = session.execute(
        select(m.Assessor.name)
        .join(m.ExchangeKey, m.ExchangeKey.assessor_id == m.Assessor.id)
        .where(m.ExchangeKey.round_id == round_id, m.ExchangeKey.assessor_id.is_not(None))
    ).first()
    return row[0] if row else None


def _laptop_owners(session: Session) -> list[str] | None:
    """The owners of every round when each round came from a work package; None when any round is the chair's."""
    round_ids = session.execute(select(m.Round.id)).scalars().all()
    owners = [laptop_owner(session, round_id) for round_id in round_ids]
    if not owners or any(owner is None for owner in owners):
        return None
    return [owner for owner in owners if owner is not None]


def is_laptop_database(sessions: sessionmaker[Session]) -> bool:
    """True when every round here was opened from a work package: the database is an assessor's laptop."""
    with sessions() as session:
        return _laptop_owners(session) is not None


def refuse_on_laptop(session: Session, round_id: int, action: ChairAction) -> None:
    """Refuse a chair's action on a round that this laptop holds from a work package (UserError in Dutch)."""
    owner = laptop_owner(session, round_id)
    if owner is not None:
        name = session.execute(select(m.Round.name).where(m.Round.id == round_id)).scalar_one()
        raise UserError(laptop_refusal(action, owner, name))


def refuse_on_laptop_database(session: Session, action: ChairAction) -> None:
    """Refuse a chair's action that needs no round (a new round) on a database that is an assessor's laptop."""
    owners = _laptop_owners(session)
    if owners is not None:
        raise UserError(laptop_refusal(action, " en ".join(sorted(set(owners))), None))
