"""What a member declares before any score or check of theirs is taken: the signed confidentiality declaration and the
conflict statement (no conflict of interest, or the registrations where there is one).

The statement is recorded once, with its time and who recorded it; a conflict that comes up later is added with
declare_conflict. Every way scores and checks enter (the scoring screen on a laptop or the shared computer, return
files, score sheets) asks ensure_declared first.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.commission.assessors import add_conflict, find_assessor
from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.registrations import find_registration
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.text import date_text


def undeclared(assessor: m.Assessor) -> str | None:
    """Why this member's scores and checks cannot be taken yet, in Dutch; None when both declarations are recorded."""
    missing = []
    if assessor.confidentiality_declared_at is None:
        missing.append("de geheimhoudingsverklaring is niet getekend")
    if assessor.conflicts_declared_at is None:
        missing.append("er is nog niet verklaard of er belangenverstrengeling is (ook 'geen' is een verklaring)")
    if not missing:
        return None
    return f"van {assessor.name} worden nog geen scores of toetsingen aangenomen: {' en '.join(missing)}"


def ensure_declared(assessor: m.Assessor) -> None:
    """Refuse a member's scores and checks until both declarations are recorded."""
    reason = undeclared(assessor)
    if reason is not None:
        raise UserError(
            f"{reason[0].upper()}{reason[1:]}. De voorzitter legt dat vast op de pagina Beoordelen "
            "(Geheimhouding vastleggen…, Belangen verklaren…); wie op een eigen laptop werkt, krijgt daarna een nieuw "
            "werkpakket. Er is niets veranderd."
        )


def declare_conflict_statement(
    sessions: sessionmaker[Session],
    round_id: int,
    name: str,
    conflicts: Sequence[str] = (),
    *,
    reason: str = "",
    actor: str,
) -> int:
    """Record a member's conflict statement: no conflict of interest (conflicts empty), or one with each of these
    registrations (by number; reason for all of them). Once only. Returns the number of conflicts the
    member now has."""
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.COMMISSION)
        assessor = find_assessor(session, rnd, name)
        if assessor.conflicts_declared_at is not None:
            raise UserError(
                f"{assessor.name} heeft de belangen al verklaard, op {date_text(assessor.conflicts_declared_at)}; "
                "er is niets veranderd. Een later gemelde belangenverstrengeling legt u vast met "
                "Belangenverstrengeling… ('beoordelaar conflict')."
            )
        registrations = {r.id: r for r in (find_registration(session, rnd, number) for number in conflicts)}
        have = set(
            session.execute(
                select(m.ConflictOfInterest.registration_id).where(m.ConflictOfInterest.assessor_id == assessor.id)
            ).scalars()
        )
        for registration in registrations.values():
            if registration.id not in have:
                add_conflict(session, assessor, registration, reason.strip())
        assessor.conflicts_declared_at = utcnow()
        assessor.conflicts_declared_by = actor
        return len(have | set(registrations))
