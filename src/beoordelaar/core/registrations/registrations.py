"""Registrations of a round: finding one by number, resolving what a user typed, listing them as plain rows."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, sessionmaker

from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.rows import RegistrationRow
from beoordelaar.core.rounds.procedure import Outcome
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage import models as m


def find_registration(session: Session, rnd: m.Round, number: str) -> m.Registration:
    """A registration of the round by its number (inschrijvingsnummer), as the windows pass it."""
    found = session.execute(
        select(m.Registration).where(m.Registration.round_id == rnd.id, m.Registration.number == number)
    ).scalar_one_or_none()
    if found is None:
        raise UserError(f"Inschrijving '{number}' bestaat niet in ronde '{rnd.name}'.")
    return found


def match_registration(session: Session, rnd: m.Round, text: str) -> m.Registration:
    """A registration by what a person wrote: its number or the provider's KvK number (command line, score sheets).

    A text that is the number of one registration and the KvK number of another is refused rather than guessed.
    """
    text = text.strip()
    query = select(m.Registration).join(m.Provider).where(m.Registration.round_id == rnd.id)
    by_number = session.execute(query.where(m.Registration.number == text)).scalar_one_or_none()
    by_kvk = None
    if text.isascii() and text.isdigit():
        by_kvk = session.execute(query.where(m.Provider.kvk == text.zfill(8))).scalar_one_or_none()
    return _matched(rnd, text, by_number, by_kvk)


class RegistrationMatcher:
    """match_registration for the many rows of a sheet: the round's registrations read once, not twice per row."""

    def __init__(self, session: Session, rnd: m.Round) -> None:
        registrations = session.execute(
            select(m.Registration).where(m.Registration.round_id == rnd.id).options(joinedload(m.Registration.provider))
        ).scalars()
        self._rnd = rnd
        self._by_number: dict[str, m.Registration] = {}
        self._by_kvk: dict[str, m.Registration] = {}
        for registration in registrations:
            self._by_number[registration.number] = registration
            self._by_kvk[registration.provider.kvk] = registration

    def match(self, text: str) -> m.Registration:
        text = text.strip()
        by_kvk = self._by_kvk.get(text.zfill(8)) if text.isascii() and text.isdigit() else None
        return _matched(self._rnd, text, self._by_number.get(text), by_kvk)


def _matched(
    rnd: m.Round, text: str, by_number: m.Registration | None, by_kvk: m.Registration | None
) -> m.Registration:
    if by_number is not None and by_kvk is not None and by_number.id != by_kvk.id:
        raise UserError(
            f"'{text}' is het inschrijvingsnummer van de ene inschrijving en het KvK-nummer van een andere "
            f"(inschrijving {by_kvk.number}). Kies welke u bedoelt: geef het KvK-nummer {by_number.provider.kvk} "
            f"voor inschrijving {by_number.number}, of het inschrijvingsnummer {by_kvk.number}."
        )
    found = by_number or by_kvk
    if found is None:
        raise UserError(
            f"Inschrijving '{text}' bestaat niet in ronde '{rnd.name}' (zoek op inschrijvingsnummer of KvK)."
        )
    return found


def resolve_registration(sessions: sessionmaker[Session], round_id: int, text: str) -> str:
    """The number of the registration a user typed (its number or the provider's KvK), for the command line only."""
    with sessions() as session:
        return match_registration(session, find_round(session, round_id), text).number


def list_registrations(sessions: sessionmaker[Session], round_id: int) -> list[RegistrationRow]:
    """The round's registrations in their order, read as plain rows (no ORM objects: the first page a start shows)."""
    in_round = m.Registration.round_id == round_id
    with sessions() as session:
        registrations = session.execute(
            select(
                m.Registration.id,
                m.Registration.sequence,
                m.Registration.number,
                m.Registration.name,
                m.Provider.kvk,
                m.Registration.city,
                m.Registration.submitted_at,
            )
            .join(m.Provider, m.Provider.id == m.Registration.provider_id)
            .where(in_round)
            .order_by(m.Registration.sequence)
        ).all()
        lots: dict[int, list[str]] = defaultdict(list)
        for registration_id, code in session.execute(
            select(m.RegistrationLot.registration_id, m.Lot.code)
            .join(m.Lot, m.Lot.id == m.RegistrationLot.lot_id)
            .join(m.Registration, m.Registration.id == m.RegistrationLot.registration_id)
            .where(in_round)
            .order_by(m.Lot.code)
        ):
            lots[registration_id].append(code)
        documents: dict[int, list[bool]] = defaultdict(list)
        for registration_id, sha in session.execute(
            select(m.Document.registration_id, m.Document.sha256).join(m.Registration).where(in_round)
        ):
            documents[registration_id].append(sha is None)
        scored = (
            select(
                m.ScoreRevision.registration_id,
                m.ScoreRevision.assessor_id,
                m.ScoreRevision.criterion_id,
            )
            .join(m.Registration)
            .where(in_round)
            .distinct()
            .subquery()
        )
        scores = dict(
            session.execute(select(scored.c.registration_id, func.count()).group_by(scored.c.registration_id)).all()
        )
        decisions: dict[int, tuple[str, str]] = {}
        for registration_id, outcome, status in session.execute(
            select(m.Decision.registration_id, m.Decision.outcome, m.Decision.status)
            .join(m.Registration)
            .where(in_round)
            .order_by(m.Decision.revision, m.Decision.id)
        ):
            decisions[registration_id] = (outcome, status)
    rows = []
    for r in registrations:
        decision = decisions.get(r.id)
        rows.append(
            RegistrationRow(
                id=r.id,
                sequence=r.sequence,
                number=r.number,
                name=r.name,
                kvk=r.kvk,
                city=r.city or "",
                lots=", ".join(lots[r.id]),
                submitted_at=r.submitted_at,
                documents=len(documents[r.id]),
                missing_documents=sum(documents[r.id]),
                scores=scores.get(r.id, 0),
                outcome=Outcome(decision[0]) if decision else None,
                confirmed=bool(decision and decision[1] == "confirmed"),
            )
        )
    return rows
