"""Reading an entry moment's facts from the procurement: the lots each provider was admitted to at earlier entry
moments, and which municipalities take part in and closed each lot for this one."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from beoordelaar.core.decisions.entry_lots import EntryFacts
from beoordelaar.core.decisions.lot_results import LotOutcome, uniform_outcomes
from beoordelaar.core.rounds.procedure import Outcome
from beoordelaar.core.storage import models as m

ADMITTING = (Outcome.ADMIT, Outcome.AWARD)


def confirmed_lot_outcomes(session: Session, round_id: int) -> list[tuple[m.Registration, m.Decision, LotOutcome]]:
    """Every confirmed current decision of a round, per lot it decided."""
    current: dict[int, m.Decision] = {}
    for decision in session.execute(
        select(m.Decision).join(m.Registration).where(m.Registration.round_id == round_id).order_by(m.Decision.revision)
    ).scalars():
        current[decision.registration_id] = decision
    registrations = {
        r.id: r
        for r in session.execute(
            select(m.Registration)
            .where(m.Registration.round_id == round_id)
            .options(selectinload(m.Registration.lots), selectinload(m.Registration.provider))
        ).scalars()
    }
    found = []
    for registration_id, decision in current.items():
        if decision.status != "confirmed":
            continue
        registration = registrations[registration_id]
        outcomes = (
            [LotOutcome.from_json(o) for o in decision.lot_outcomes]
            if decision.lot_outcomes
            else uniform_outcomes(tuple(lot.code for lot in registration.lots) or ("",), Outcome(decision.outcome))
        )
        found += [(registration, decision, o) for o in outcomes]
    return found


def load_entry_facts(session: Session, rnd: m.Round) -> EntryFacts | None:
    """None for a round outside a procurement (a laptop's copy)."""
    if rnd.procurement is None:
        return None
    earlier: dict[int, dict[str, str]] = defaultdict(dict)
    for other in rnd.procurement.rounds:
        if other.id >= rnd.id or other.selection_round_id is not None:
            continue
        for registration, _decision, outcome in confirmed_lot_outcomes(session, other.id):
            if outcome.outcome in ADMITTING:
                earlier[registration.provider_id].setdefault(outcome.lot, other.name)
    participants: dict[str, list[str]] = defaultdict(list)
    for municipality in rnd.procurement.municipalities:
        for lot in municipality.lots:
            participants[lot].append(municipality.name)
    closed: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for closure in session.execute(
        select(m.ProductGroupClosure).where(m.ProductGroupClosure.round_id == rnd.id).order_by(m.ProductGroupClosure.id)
    ).scalars():
        closed[closure.lot_code].append((closure.municipality.name, closure.reason))
    return EntryFacts(
        earlier={k: dict(v) for k, v in earlier.items()},
        participants={k: tuple(v) for k, v in participants.items()},
        closed={k: tuple(v) for k, v in closed.items()},
    )
