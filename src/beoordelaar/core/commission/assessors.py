"""The commission: its members, their roles, declarations and conflicts of interest."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.commission.assessor_minimum import conflict_warnings
from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.registrations import find_registration
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.procedure import Role
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.text import date_text


@dataclass(frozen=True)
class AssessorRow:
    id: int
    name: str
    role: Role
    confidentiality_declared_at: datetime | None
    conflicts: int
    conflicts_declared_at: datetime | None = None
    pin: str = "none"  # the member's own PIN for the shared computer: "none", "set" or "locked" (member_pins.py)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role.value,
            "confidentiality_declared": self.confidentiality_declared_at is not None,
            "conflicts": self.conflicts,
            "conflicts_declared": self.conflicts_declared_at is not None,
            "pin": self.pin,
        }


def list_assessors(sessions: sessionmaker[Session], round_id: int) -> list[AssessorRow]:
    with sessions() as session:
        rnd = find_round(session, round_id)
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
            AssessorRow(
                a.id, a.name, Role(a.role), a.confidentiality_declared_at, conflicts.get(a.id, 0),
                a.conflicts_declared_at, pin_state(a),
            )
            for a in assessors.scalars()
        ]  # fmt: skip


def pin_state(assessor: m.Assessor) -> str:
    if assessor.pin_locked_at is not None:
        return "locked"
    return "none" if assessor.pin_secret is None else "set"


def declared_conflicts(session: Session, assessor_id: int) -> list[tuple[m.ConflictOfInterest, m.Registration]]:
    """The conflicts of interest one member declared, with their registrations, in registration order."""
    rows = session.execute(
        select(m.ConflictOfInterest, m.Registration)
        .join(m.Registration, m.Registration.id == m.ConflictOfInterest.registration_id)
        .where(m.ConflictOfInterest.assessor_id == assessor_id)
        .order_by(m.Registration.sequence)
    ).all()
    return [(conflict, registration) for conflict, registration in rows]


def find_assessor(session: Session, rnd: m.Round, name: str) -> m.Assessor:
    assessor = session.execute(
        select(m.Assessor).where(m.Assessor.round_id == rnd.id, m.Assessor.name == name.strip())
    ).scalar_one_or_none()
    if assessor is None:
        raise UserError(f"'{name}' is geen lid van de commissie van ronde '{rnd.name}'.")
    return assessor


EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _declared_at(declared_on: date | None) -> datetime:
    """When a declaration was signed: now, or noon of the given day (noon: no time zone moves it to another day)."""
    if declared_on is None:
        return utcnow()
    if declared_on > date.today():
        raise UserError(
            f"De geheimhoudingsverklaring kan niet in de toekomst getekend zijn ({date_text(declared_on)})."
        )
    return datetime.combine(declared_on, time(12))


def _optional(text: str | None, limit: int, what: str) -> str | None:
    text = (text or "").strip()
    if len(text) > limit:
        raise UserError(f"{what} is te lang: hooguit {limit} tekens.")
    return text or None


def member_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise UserError("Een lid van de commissie heeft een naam nodig.")
    if len(name) > 200:
        raise UserError("De naam is te lang: hooguit 200 tekens.")
    return name


def member_organisation(organisation: str | None) -> str | None:
    return _optional(organisation, 200, "De organisatie")


def member_email(email: str | None) -> str | None:
    email = _optional(email, 254, "Het e-mailadres")
    if email and not EMAIL.fullmatch(email):
        raise UserError(f"'{email}' is geen geldig e-mailadres (zoals naam@gemeente.nl).")
    return email


def add_assessor(
    sessions: sessionmaker[Session],
    round_id: int,
    name: str,
    *,
    chair: bool = False,
    confidentiality_declared: bool = False,
    declared_on: date | None = None,
    organisation: str | None = None,
    email: str | None = None,
    actor: str,
) -> AssessorRow:
    """A new member; declared_on (the day the confidentiality declaration was signed) defaults to today."""
    name = member_name(name)
    organisation = member_organisation(organisation)
    email = member_email(email)
    declared_at = _declared_at(declared_on) if confidentiality_declared else None
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.COMMISSION)
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
            organisation=organisation,
            email=email,
            confidentiality_declared_at=declared_at,
        )
        session.add(assessor)
        session.flush()
        return AssessorRow(assessor.id, assessor.name, role, assessor.confidentiality_declared_at, 0)


def declare_confidentiality(
    sessions: sessionmaker[Session],
    round_id: int,
    name: str,
    *,
    declared_on: date | None = None,
    actor: str,
) -> datetime:
    """Record that a member signed the confidentiality declaration (on declared_on, default today); once only."""
    declared_at = _declared_at(declared_on)
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.COMMISSION)
        assessor = find_assessor(session, rnd, name)
        if assessor.confidentiality_declared_at is not None:
            raise UserError(
                f"{assessor.name} heeft de geheimhoudingsverklaring al getekend, op "
                f"{date_text(assessor.confidentiality_declared_at)}; er is niets veranderd."
            )
        assessor.confidentiality_declared_at = declared_at
        return declared_at


def declare_conflict(
    sessions: sessionmaker[Session],
    round_id: int,
    assessor_name: str,
    registration_number: str,
    *,
    reason: str = "",
    actor: str,
) -> tuple[str, ...]:
    """Record a declared conflict of interest and take the assessor off that registration. Returns the warning when
    that leaves the registration below the framework's minimum number of assessors."""
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.COMMISSION)
        assessor = find_assessor(session, rnd, assessor_name)
        registration = find_registration(session, rnd, registration_number)
        exists = session.execute(
            select(m.ConflictOfInterest.id).where(
                m.ConflictOfInterest.assessor_id == assessor.id,
                m.ConflictOfInterest.registration_id == registration.id,
            )
        ).first()
        if exists:
            return ()
        add_conflict(session, assessor, registration, reason)
        session.flush()
        return conflict_warnings(session, rnd, [registration.number])


def add_conflict(session: Session, assessor: m.Assessor, registration: m.Registration, reason: str) -> None:
    """A new conflict of interest, and the assessor off that registration."""
    session.add(m.ConflictOfInterest(assessor_id=assessor.id, registration_id=registration.id, reason=reason))
    for assignment in session.execute(
        select(m.Assignment).where(
            m.Assignment.assessor_id == assessor.id, m.Assignment.registration_id == registration.id
        )
    ).scalars():
        session.delete(assignment)
