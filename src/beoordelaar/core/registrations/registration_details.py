"""One registration as it was registered: the organisation's details, the declared answers per requirement, and the
criteria of the round's framework (for filters). Read-only, plain dataclasses: safe after the session closed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from beoordelaar.core.errors import UserError
from beoordelaar.core.storage import models as m


@dataclass(frozen=True)
class CriterionRef:
    id: int
    code: str
    title: str
    part: str


@dataclass(frozen=True)
class DeclaredAnswerRow:
    code: str
    title: str
    part: str
    answer: str


@dataclass(frozen=True)
class RegistrationDetails:
    id: int
    round_id: int
    sequence: int
    number: str
    name: str
    kvk: str
    vestigingsnummer: str
    agb: str
    address: str
    postcode: str
    city: str
    contact_name: str
    email: str
    phone: str
    lots: tuple[str, ...]
    submitted_at: datetime | None
    answers: tuple[DeclaredAnswerRow, ...]

    @property
    def full_address(self) -> str:
        place = " ".join(p for p in (self.postcode, self.city) if p)
        return ", ".join(p for p in (self.address, place) if p)


def round_criteria(sessions: sessionmaker[Session], round_id: int) -> list[CriterionRef]:
    """The criteria of the round's framework in framework order."""
    with sessions() as session:
        rnd = session.get(m.Round, round_id)
        if rnd is None:
            raise UserError(f"Ronde {round_id} bestaat niet.")
        criteria = sorted(rnd.framework.criteria, key=lambda c: c.position)
        return [CriterionRef(c.id, c.code, c.title, c.part) for c in criteria]


def registration_details(sessions: sessionmaker[Session], round_id: int, registration_id: int) -> RegistrationDetails:
    with sessions() as session:
        registration = session.execute(
            select(m.Registration)
            .where(m.Registration.id == registration_id, m.Registration.round_id == round_id)
            .options(
                selectinload(m.Registration.provider),
                selectinload(m.Registration.lots),
                selectinload(m.Registration.answers).selectinload(m.DeclaredAnswer.criterion),
            )
        ).scalar_one_or_none()
        if registration is None:
            raise UserError(f"Inschrijving {registration_id} bestaat niet in deze ronde.")
        answers = sorted(registration.answers, key=lambda a: a.criterion.position)
        r = registration
        return RegistrationDetails(
            id=r.id, round_id=r.round_id, sequence=r.sequence, number=r.number, name=r.name, kvk=r.provider.kvk,
            vestigingsnummer=r.vestigingsnummer or "", agb=r.agb or "", address=r.address or "",
            postcode=r.postcode or "", city=r.city or "", contact_name=r.contact_name or "", email=r.email or "",
            phone=r.phone or "", lots=tuple(lot.code for lot in r.lots), submitted_at=r.submitted_at,
            answers=tuple(DeclaredAnswerRow(a.criterion.code, a.criterion.title, a.criterion.part, a.value)
                          for a in answers),
        )  # fmt: skip


def assessor_names(sessions: sessionmaker[Session], round_id: int) -> dict[int, str]:
    """The commission of the round by id, to name who scored in a history."""
    with sessions() as session:
        return dict(
            session.execute(select(m.Assessor.id, m.Assessor.name).where(m.Assessor.round_id == round_id)).all()
        )
