"""A re-applicant's history for the chair: the provider's earlier registrations (by KvK number) at other entry
moments, with their decisions and letters. Never for an assessor: the history is refused on a laptop, no work
package carries it, and the assessors assess the new registration independently of earlier outcomes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from beoordelaar.core.decisions.entry_facts import confirmed_lot_outcomes
from beoordelaar.core.registrations.registrations import find_registration
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.procedure import Outcome
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.text import date_text


@dataclass(frozen=True)
class EarlierLetter:
    kenmerk: str
    version: int
    sent: str  # the recorded sending, or empty

    def as_json(self) -> dict[str, object]:
        return {"kenmerk": self.kenmerk, "version": self.version, "sent": self.sent}


@dataclass(frozen=True)
class EarlierRegistration:
    round_id: int
    round_name: str
    procedure: str  # the procurement's name, or empty
    registration: str
    name: str
    lots: tuple[str, ...]
    outcome: str  # the confirmed decision's outcome label, or why there is none
    lot_outcomes: tuple[str, ...]  # "A: toegelaten" per lot decided
    letters: tuple[EarlierLetter, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "round": self.round_id, "round_name": self.round_name, "procedure": self.procedure,
            "registration": self.registration, "name": self.name, "lots": list(self.lots), "outcome": self.outcome,
            "lot_outcomes": list(self.lot_outcomes), "letters": [x.as_json() for x in self.letters],
        }  # fmt: skip


def _earlier(session: Session, registration: m.Registration) -> EarlierRegistration:
    rnd = registration.round
    decided = [(d, o) for r, d, o in confirmed_lot_outcomes(session, rnd.id) if r.id == registration.id]
    outcome = Outcome(decided[0][0].outcome).label if decided else "geen bevestigd besluit"
    letters = session.execute(
        select(m.Letter)
        .join(m.Decision, m.Decision.id == m.Letter.decision_id)
        .where(m.Decision.registration_id == registration.id)
        .order_by(m.Letter.version)
    ).scalars()
    return EarlierRegistration(
        round_id=rnd.id,
        round_name=rnd.name,
        procedure=rnd.procurement.name if rnd.procurement is not None else "",
        registration=registration.number,
        name=registration.name,
        lots=tuple(lot.code for lot in registration.lots),
        outcome=outcome,
        lot_outcomes=tuple(
            f"{o.lot or 'geheel'}: {o.outcome.label}" + (f" ({o.text})" if o.text else "") for _d, o in decided
        ),
        letters=tuple(
            EarlierLetter(x.kenmerk, x.version, f"{date_text(x.sent_on)} per {x.sent_via}" if x.sent_on else "")
            for x in letters
        ),
    )


def provider_history(sessions: sessionmaker[Session], round_id: int, number: str) -> list[EarlierRegistration]:
    """The provider's registrations in every other round of this database, oldest first (chair only)."""
    with sessions() as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.PROVIDER_HISTORY)
        registration = find_registration(session, rnd, number)
        others = session.execute(
            select(m.Registration)
            .where(m.Registration.provider_id == registration.provider_id, m.Registration.id != registration.id)
            .options(selectinload(m.Registration.lots), selectinload(m.Registration.round))
            .order_by(m.Registration.round_id)
        ).scalars()
        return [_earlier(session, other) for other in others]


def earlier_applicants(sessions: sessionmaker[Session], round_id: int) -> dict[str, int]:
    """Per registration number of the round: how many earlier registrations its provider has (only those with
    any), so the chair's screen can mark re-applicants; chair only."""
    with sessions() as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.PROVIDER_HISTORY)
        found: dict[str, int] = {}
        for registration in session.execute(select(m.Registration).where(m.Registration.round_id == rnd.id)).scalars():
            count = len(
                session.execute(
                    select(m.Registration.id).where(
                        m.Registration.provider_id == registration.provider_id, m.Registration.round_id != rnd.id
                    )
                ).all()
            )
            if count:
                found[registration.number] = count
        return found
