"""Registrations of a round: finding one, and listing them as plain rows for screens and the command line."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.procedure import Outcome
from beoordelaar.core.storage import models as m


@dataclass(frozen=True)
class RegistrationRow:
    """One registration as a list shows it; plain values only, safe after the session closed."""

    id: int
    sequence: int
    number: str
    name: str
    kvk: str
    city: str
    lots: str
    submitted_at: datetime | None
    documents: int
    missing_documents: int
    scores: int
    outcome: Outcome | None
    confirmed: bool

    @property
    def anonymous_label(self) -> str:
        return f"Inschrijving {self.sequence:03d}"


def find_registration(session: Session, rnd: m.Round, ref: str) -> m.Registration:
    """A registration of the round by its number (inschrijvingsnummer) or the provider's KvK number."""
    text = ref.strip()
    query = select(m.Registration).join(m.Provider).where(m.Registration.round_id == rnd.id)
    found = session.execute(query.where(m.Registration.number == text)).scalar_one_or_none()
    if found is None and text.isdigit():
        found = session.execute(query.where(m.Provider.kvk == text.zfill(8))).scalar_one_or_none()
    if found is None:
        raise UserError(
            f"Inschrijving '{text}' bestaat niet in ronde '{rnd.name}' (zoek op inschrijvingsnummer of KvK)."
        )
    return found


def list_registrations(sessions: sessionmaker[Session], round_id: int) -> list[RegistrationRow]:
    with sessions() as session:
        registrations = (
            session.execute(
                select(m.Registration)
                .where(m.Registration.round_id == round_id)
                .options(selectinload(m.Registration.lots), selectinload(m.Registration.provider))
                .order_by(m.Registration.sequence)
            )
            .scalars()
            .all()
        )
        documents: dict[int, list[bool]] = defaultdict(list)
        for registration_id, sha in session.execute(
            select(m.Document.registration_id, m.Document.sha256)
            .join(m.Registration)
            .where(m.Registration.round_id == round_id)
        ):
            documents[registration_id].append(sha is None)
        scored = (
            select(
                m.ScoreRevision.registration_id,
                m.ScoreRevision.assessor_id,
                m.ScoreRevision.criterion_id,
            )
            .join(m.Registration)
            .where(m.Registration.round_id == round_id)
            .distinct()
            .subquery()
        )
        scores = dict(
            session.execute(select(scored.c.registration_id, func.count()).group_by(scored.c.registration_id)).all()
        )
        decisions: dict[int, m.Decision] = {}
        for decision in session.execute(
            select(m.Decision)
            .join(m.Registration)
            .where(m.Registration.round_id == round_id)
            .order_by(m.Decision.revision)
        ).scalars():
            decisions[decision.registration_id] = decision
        rows = []
        for r in registrations:
            decision = decisions.get(r.id)
            rows.append(
                RegistrationRow(
                    id=r.id,
                    sequence=r.sequence,
                    number=r.number,
                    name=r.name,
                    kvk=r.provider.kvk,
                    city=r.city or "",
                    lots=", ".join(lot.code for lot in r.lots),
                    submitted_at=r.submitted_at,
                    documents=len(documents[r.id]),
                    missing_documents=sum(documents[r.id]),
                    scores=scores.get(r.id, 0),
                    outcome=Outcome(decision.outcome) if decision else None,
                    confirmed=bool(decision and decision.status == "confirmed"),
                )
            )
        return rows
