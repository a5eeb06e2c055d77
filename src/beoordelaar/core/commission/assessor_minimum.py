"""The framework's minimum number of assessors per registration ("minimaal drie beoordelaars"): how many assessors
each registration has on its plan, and the warning when assigning, a conflict of interest or leaving the chair out
would leave a registration below that number. The blocker before consolidation is in core/verification/open_items.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.rounds.framework import Part
from beoordelaar.core.rounds.procedure import Role
from beoordelaar.core.rounds.rounds import find_round, round_framework
from beoordelaar.core.storage import models as m
from beoordelaar.core.text import and_list, count_text


@dataclass(frozen=True)
class Shortfall:
    """A registration with fewer assessors on its plan than the framework promises."""

    registration: str  # its number
    assessors: int  # the fewest assessors on any of its plan criteria
    minimum: int

    @property
    def text(self) -> str:
        return f"{self.registration} ({self.assessors})"


def shortfalls(counts: Mapping[str, int], minimum: int | None) -> tuple[Shortfall, ...]:
    """The registrations (number -> fewest assessors on a plan criterion) below the minimum, in the given order."""
    if minimum is None:
        return ()
    return tuple(Shortfall(number, count, minimum) for number, count in counts.items() if count < minimum)


def shortfall_warning(found: Iterable[Shortfall]) -> str | None:
    """One Dutch warning for all registrations below the minimum, or None when none is."""
    rows = list(found)
    if not rows:
        return None
    minimum = rows[0].minimum
    return (
        f"Het beoordelingskader belooft minimaal {minimum} beoordelaars per inschrijving; "
        f"{count_text(len(rows), 'inschrijving heeft', 'inschrijvingen hebben')} er minder: "
        f"{and_list([row.text for row in rows])}. Voeg een beoordelaar toe (of laat de voorzitter meescoren) en wijs "
        "opnieuw toe; zo kan de consolidatie niet worden afgerond."
    )


def assigned_counts(session: Session, rnd: m.Round) -> dict[str, int]:
    """Per registration (by number, in the round's order) the fewest assessors assigned to one of its plan criteria
    (0 where nothing is assigned)."""
    plan = [c.id for c in rnd.framework.criteria if c.part == Part.PLAN.value]
    per_cell: dict[tuple[int, int], int] = defaultdict(int)
    for registration_id, criterion_id in session.execute(
        select(m.Assignment.registration_id, m.Assignment.criterion_id)
        .join(m.Registration)
        .where(m.Registration.round_id == rnd.id, m.Assignment.criterion_id.in_(plan))
    ):
        per_cell[(registration_id, criterion_id)] += 1
    registrations = session.execute(
        select(m.Registration.id, m.Registration.number)
        .where(m.Registration.round_id == rnd.id)
        .order_by(m.Registration.sequence)
    ).all()
    return {number: min((per_cell[(r, c)] for c in plan), default=0) for r, number in registrations}


def planned_counts(session: Session, rnd: m.Round, *, include_chair: bool) -> dict[str, int]:
    """Per registration the assessors it would have after the default assignment: what is assigned already, and
    every scorer (the chair too when include_chair) without a conflict of interest with it."""
    roles = {Role.ASSESSOR.value, Role.CHAIR.value} if include_chair else {Role.ASSESSOR.value}
    scorers = set(
        session.execute(
            select(m.Assessor.id).where(m.Assessor.round_id == rnd.id, m.Assessor.role.in_(roles))
        ).scalars()
    )
    conflicts: dict[int, set[int]] = defaultdict(set)
    for assessor_id, registration_id in session.execute(
        select(m.ConflictOfInterest.assessor_id, m.ConflictOfInterest.registration_id)
        .join(m.Assessor)
        .where(m.Assessor.round_id == rnd.id)
    ):
        conflicts[registration_id].add(assessor_id)
    plan = [c.id for c in rnd.framework.criteria if c.part == Part.PLAN.value]
    assigned: dict[tuple[int, int], set[int]] = defaultdict(set)
    for assessor_id, registration_id, criterion_id in session.execute(
        select(m.Assignment.assessor_id, m.Assignment.registration_id, m.Assignment.criterion_id)
        .join(m.Registration)
        .where(m.Registration.round_id == rnd.id, m.Assignment.criterion_id.in_(plan))
    ):
        assigned[(registration_id, criterion_id)].add(assessor_id)
    registrations = session.execute(
        select(m.Registration.id, m.Registration.number)
        .where(m.Registration.round_id == rnd.id)
        .order_by(m.Registration.sequence)
    ).all()
    return {
        number: min((len(assigned[(r, c)] | (scorers - conflicts[r])) for c in plan), default=0)
        for r, number in registrations
    }


def minimum_of(rnd: m.Round) -> int | None:
    return round_framework(rnd).minimum_assessors


def assignment_warnings(sessions: sessionmaker[Session], round_id: int, *, include_chair: bool) -> tuple[str, ...]:
    """What the Toewijzen dialog warns before it assigns: registrations the default assignment would leave below the
    framework's minimum number of assessors (read only)."""
    with sessions() as session:
        rnd = find_round(session, round_id)
        warning = shortfall_warning(shortfalls(planned_counts(session, rnd, include_chair=include_chair),
                                               minimum_of(rnd)))  # fmt: skip
    return (warning,) if warning else ()


def conflict_warnings(session: Session, rnd: m.Round, numbers: Iterable[str]) -> tuple[str, ...]:
    """The warning after a conflict of interest took an assessor off these registrations: those of them that now
    fall below the minimum, counting what is assigned and what the default assignment would still add."""
    wanted = set(numbers)
    counts = {n: c for n, c in planned_counts(session, rnd, include_chair=False).items() if n in wanted}
    warning = shortfall_warning(shortfalls(counts, minimum_of(rnd)))
    return (warning,) if warning else ()


def registration_warnings(sessions: sessionmaker[Session], round_id: int, numbers: Iterable[str]) -> tuple[str, ...]:
    """conflict_warnings as a read of its own: for a screen or command after a member's conflict statement."""
    with sessions() as session:
        return conflict_warnings(session, find_round(session, round_id), numbers)
