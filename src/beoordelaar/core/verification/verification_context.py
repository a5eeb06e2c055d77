"""What the verification screen needs to know about a round besides the interviews: its framework (the criteria,
scales and outcome rules), the registrations to choose from, and the commission (chair and members)."""

from __future__ import annotations

from dataclasses import dataclass

from beoordelaar.core.rounds.framework import Framework
from beoordelaar.core.rounds.procedure import Procedure, Role
from beoordelaar.core.rounds.rounds import find_round, round_framework
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database


@dataclass(frozen=True)
class RegistrationChoice:
    number: str
    label: str  # the provider's name, or the anonymous label in an anonymised round


@dataclass(frozen=True)
class VerificationContext:
    round_id: int
    framework: Framework
    registrations: tuple[RegistrationChoice, ...]
    chair: str | None
    members: tuple[str, ...]  # the commission members other than the chair
    procedure: Procedure = Procedure.OPEN_HOUSE

    @property
    def plan_doubts(self) -> bool:
        """In Open House the interview only checks whether requirements are met: no plan criteria as doubt points."""
        return self.procedure is not Procedure.OPEN_HOUSE


def verification_context(database: Database, round_id: int) -> VerificationContext:
    with database.sessions() as session:
        rnd = find_round(session, round_id)
        registrations = sorted(rnd.registrations, key=lambda r: r.sequence)
        assessors = session.query(m.Assessor).filter_by(round_id=rnd.id).order_by(m.Assessor.id).all()
        chair = next((a.name for a in assessors if a.role == Role.CHAIR.value), None)
        return VerificationContext(
            round_id=rnd.id,
            framework=round_framework(rnd),
            registrations=tuple(
                RegistrationChoice(r.number, r.anonymous_label if rnd.anonymised else r.name) for r in registrations
            ),
            chair=chair,
            members=tuple(a.name for a in assessors if a.role != Role.CHAIR.value),
            procedure=Procedure(rnd.procedure),
        )
