"""Who assesses what: the default assignments of a round.

Every assessor (the chair too, when wanted) scores every plan criterion of every registration, except where a
conflict of interest is declared; every plan criterion needs at least two assessors. The requirement checks
(exclusion grounds and requirements) rotate over the chosen checkers (by default the assessors) who may assess the
registration: the framework's checks_per_registration of them (one unless it says otherwise) check each one, and the
chair settles after them. A conflict declared later takes the assessor off that registration
(services.assessors.declare_conflict); check_assignments changes and withdraws single checks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.commission.assessor_minimum import assigned_counts, minimum_of, shortfall_warning, shortfalls
from beoordelaar.core.commission.assessors import find_assessor
from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.framework import Part
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.procedure import Role
from beoordelaar.core.rounds.rounds import find_round, round_framework
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work

MINIMUM_ASSESSORS = 2


@dataclass(frozen=True)
class AssignmentSummary:
    created: int
    total: int
    assessors: int
    # Registrations left below the framework's minimum number of assessors (a warning: nothing is refused).
    warnings: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {"created": self.created, "total": self.total, "assessors": self.assessors,
                "warnings": list(self.warnings)}  # fmt: skip


def framework_checkers(sessions: sessionmaker[Session], round_id: int) -> int:
    """How many members check each exclusion ground and requirement unless the chair says otherwise."""
    with sessions() as session:
        return round_framework(find_round(session, round_id)).checks_per_registration


def assign_defaults(
    sessions: sessionmaker[Session],
    round_id: int,
    *,
    include_chair: bool = False,
    checks_by: Sequence[str] | None = None,
    checkers_per_requirement: int | None = None,
    actor: str,
) -> AssignmentSummary:
    """Add the default assignments that are missing (running it twice changes nothing the second time).

    checkers_per_requirement overrides the framework's checks_per_registration: how many of the checkers check each
    exclusion ground and requirement of a registration (a number at least as large as the checkers: all of them)."""
    if checkers_per_requirement is not None and checkers_per_requirement < 1:
        raise UserError("Elke eis heeft minstens één toetser nodig. Er is niets toegewezen.")
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.ASSIGN)
        members = session.execute(select(m.Assessor).where(m.Assessor.round_id == rnd.id).order_by(m.Assessor.id))
        roles = {Role.ASSESSOR.value, Role.CHAIR.value} if include_chair else {Role.ASSESSOR.value}
        scorers = [a for a in members.scalars() if a.role in roles]
        checkers = [find_assessor(session, rnd, name) for name in checks_by] if checks_by else scorers
        registrations = (
            session.execute(
                select(m.Registration).where(m.Registration.round_id == rnd.id).order_by(m.Registration.sequence)
            )
            .scalars()
            .all()
        )
        conflicts = set(
            session.execute(
                select(m.ConflictOfInterest.assessor_id, m.ConflictOfInterest.registration_id)
                .join(m.Assessor)
                .where(m.Assessor.round_id == rnd.id)
            ).all()
        )
        plan = [c for c in rnd.framework.criteria if c.part == Part.PLAN.value]
        checks = [c for c in rnd.framework.criteria if c.part != Part.PLAN.value]
        existing = set(
            session.execute(
                select(m.Assignment.assessor_id, m.Assignment.registration_id, m.Assignment.criterion_id)
                .join(m.Registration)
                .where(m.Registration.round_id == rnd.id)
            ).all()
        )
        per_requirement = checkers_per_requirement or round_framework(rnd).checks_per_registration

        wanted: set[tuple[int, int, int]] = set()
        short: list[str] = []
        check_ids = [c.id for c in checks]
        rotation = _CheckRotation([a.id for a in checkers], existing, per_requirement, set(check_ids))
        may_check = {r.id: {a.id for a in checkers if (a.id, r.id) not in conflicts} for r in registrations}
        # The registrations with the fewest free checkers first, so that a conflict does not leave a checker idle.
        for registration in sorted(registrations, key=lambda r: len(may_check[r.id])):
            wanted |= rotation.assign(registration.id, check_ids, may_check[registration.id])
        for registration in registrations:
            free = [a for a in scorers if (a.id, registration.id) not in conflicts]
            if plan and len(free) < MINIMUM_ASSESSORS:
                short.append(f"{registration.number} ({len(free)})")
            wanted |= {(a.id, registration.id, c.id) for a in free for c in plan}
        if short:
            raise UserError(
                f"Elk criterium van het plan van aanpak heeft minstens {MINIMUM_ASSESSORS} beoordelaars nodig. "
                f"Te weinig beoordelaars zonder belangenverstrengeling bij: {', '.join(short)}. "
                "Voeg beoordelaars toe; er is niets toegewezen."
            )
        missing = sorted(wanted - existing)
        session.add_all(m.Assignment(assessor_id=a, registration_id=r, criterion_id=c) for a, r, c in missing)
        if missing:
            session.flush()
            record_action(session, "assignments-made", "rounds", str(rnd.id), {"created": len(missing)})
        warning = shortfall_warning(shortfalls(assigned_counts(session, rnd), minimum_of(rnd)))
        return AssignmentSummary(
            created=len(missing), total=len(existing | wanted), assessors=len(scorers),
            warnings=(warning,) if warning else (),
        )  # fmt: skip


class _CheckRotation:
    """Hands each registration's checks to the least-loaded checkers who may assess it, in the commission's order,
    keeping a registration's checks with the same checkers (one reads its documents once). Checks already assigned
    count: a second run adds nothing, a withdrawn check is assigned again only when it was left without a checker."""

    def __init__(
        self, checkers: list[int], existing: set[tuple[int, int, int]], per_requirement: int, checks: set[int]
    ) -> None:
        self._order = {a: i for i, a in enumerate(checkers)}
        self._per_requirement = per_requirement
        self._load = dict.fromkeys(checkers, 0)
        self._by_cell: dict[tuple[int, int], set[int]] = defaultdict(set)
        for assessor_id, registration_id, criterion_id in existing:
            if criterion_id not in checks:
                continue
            self._by_cell[(registration_id, criterion_id)].add(assessor_id)
            if assessor_id in self._load:
                self._load[assessor_id] += 1

    def assign(self, registration_id: int, criteria: list[int], may_check: set[int]) -> set[tuple[int, int, int]]:
        chosen: set[tuple[int, int, int]] = set()
        cells = [self._by_cell.get((registration_id, c), set()) for c in criteria]
        here = set().union(*cells) & may_check
        for criterion_id, has in zip(criteria, cells, strict=True):
            needed = self._per_requirement - len(has)
            candidates = sorted(may_check - has, key=lambda a: (a not in here, self._load[a], self._order[a]))
            for assessor_id in candidates[: max(needed, 0)]:
                chosen.add((assessor_id, registration_id, criterion_id))
                self._load[assessor_id] += 1
                here.add(assessor_id)
        return chosen
