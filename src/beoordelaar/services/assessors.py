"""The commission: its members, their roles, declarations and conflicts of interest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.domain.procedure import Role
from beoordelaar.errors import UserError
from beoordelaar.services.registrations import find_registration
from beoordelaar.services.rounds import find_round
from beoordelaar.storage import models as m
from beoordelaar.storage.audit import unit_of_work
from beoordelaar.storage.clock import utcnow


@dataclass(frozen=True)
class AssessorRow:
    id: int
    name: str
    role: Role
    confidentiality_declared_at: datetime | None
    conflicts: int

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role.value,
            "confidentiality_declared": self.confidentiality_declared_at is not None,
            "conflicts": self.conflicts,
        }


def list_assessors(sessions: sessionmaker[Session], round_ref: str | int) -> list[AssessorRow]:
    with sessions() as session:
        rnd = find_round(session, round_ref)
        conflicts = dict(
            session.execute(
                select(m.ConflictOfInterest.assessor_id, func.count())
                .join(m.Assessor)
                .where(m.Assessor.round_id == rnd.id)
                .group_by(m.ConflictOfInterest.assessor_id)
            ).all()
        )
        assessors = session.execute(select(m.Assessor).where(m.Assessor.round_id == rnd.id).order_by(m.Assessor.id))
        return [
            AssessorRow(a.id, a.name, Role(a.role), a.confidentiality_declared_at, conflicts.get(a.id, 0))
            for a in assessors.scalars()
        ]


def find_assessor(session: Session, rnd: m.Round, name: str) -> m.Assessor:
    assessor = session.execute(
        select(m.Assessor).where(m.Assessor.round_id == rnd.id, m.Assessor.name == name.strip())
    ).scalar_one_or_none()
    if assessor is None:
        raise UserError(f"'{name}' is geen lid van de commissie van ronde '{rnd.name}'.")
    return assessor


def add_assessor(
    sessions: sessionmaker[Session],
    round_ref: str | int,
    name: str,
    *,
    chair: bool = False,
    confidentiality_declared: bool = False,
    actor: str,
) -> AssessorRow:
    name = name.strip()
    if not name:
        raise UserError("Een lid van de commissie heeft een naam nodig.")
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_ref)
        exists = session.execute(
            select(m.Assessor.id).where(m.Assessor.round_id == rnd.id, m.Assessor.name == name)
        ).first()
        if exists:
            raise UserError(f"'{name}' is al lid van de commissie van ronde '{rnd.name}'.")
        role = Role.CHAIR if chair else Role.ASSESSOR
        if chair:
            current = session.execute(
                select(m.Assessor.name).where(m.Assessor.round_id == rnd.id, m.Assessor.role == Role.CHAIR.value)
            ).scalar()
            if current:
                raise UserError(f"Ronde '{rnd.name}' heeft al een voorzitter: {current}.")
        assessor = m.Assessor(
            round=rnd,
            name=name,
            role=role.value,
            confidentiality_declared_at=utcnow() if confidentiality_declared else None,
        )
        session.add(assessor)
        session.flush()
        return AssessorRow(assessor.id, assessor.name, role, assessor.confidentiality_declared_at, 0)


def declare_conflict(
    sessions: sessionmaker[Session],
    round_ref: str | int,
    assessor_name: str,
    registration_ref: str,
    *,
    reason: str = "",
    actor: str,
) -> None:
    """Record a declared conflict of interest and take the assessor off that registration."""
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_ref)
        assessor = find_assessor(session, rnd, assessor_name)
        registration = find_registration(session, rnd, registration_ref)
        exists = session.execute(
            select(m.ConflictOfInterest.id).where(
                m.ConflictOfInterest.assessor_id == assessor.id,
                m.ConflictOfInterest.registration_id == registration.id,
            )
        ).first()
        if exists:
            return
        session.add(m.ConflictOfInterest(assessor_id=assessor.id, registration_id=registration.id, reason=reason))
        for assignment in session.execute(
            select(m.Assignment).where(
                m.Assignment.assessor_id == assessor.id, m.Assignment.registration_id == registration.id
            )
        ).scalars():
            session.delete(assignment)
