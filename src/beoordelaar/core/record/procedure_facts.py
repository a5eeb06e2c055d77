"""The facts of the procedure, entered once per round: where and when it was published, the questions rounds, the
deadline, the bids received and the late ones. The proces-verbaal opens with them; a change is kept in the history
(before and after), and the newest counts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.text import date_text, local_from_utc, moment_text, typed_day, typed_utc_moment

_Read = TypeVar("_Read")


@dataclass(frozen=True)
class ProcedureFacts:
    published_on: date | None = None
    publication: str = ""  # where and under which reference ("TenderNed, kenmerk 123456")
    questions: str = ""  # the questions rounds and their nota's van inlichtingen
    deadline: datetime | None = None  # stored UTC
    bids_received: int | None = None
    late_bids: str = ""  # the late ones and what became of them ("geen")
    entered_by: str = ""
    entered_at: datetime | None = None

    @property
    def entered(self) -> bool:
        return self.entered_at is not None

    def as_json(self) -> dict[str, object]:
        return {
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "publication": self.publication, "questions": self.questions,
            "deadline": self.deadline.isoformat() + "Z" if self.deadline else None,
            "bids_received": self.bids_received, "late_bids": self.late_bids, "entered_by": self.entered_by or None,
            "entered_at": self.entered_at.isoformat() + "Z" if self.entered_at else None,
        }  # fmt: skip


def _row(session: Session, round_id: int) -> m.ProcedureFacts | None:
    return session.execute(select(m.ProcedureFacts).where(m.ProcedureFacts.round_id == round_id)).scalar()


def facts_of(session: Session, round_id: int) -> ProcedureFacts:
    row = _row(session, round_id)
    if row is None:
        return ProcedureFacts()
    return ProcedureFacts(
        row.published_on, row.publication, row.questions, row.deadline, row.bids_received, row.late_bids,
        row.entered_by, row.entered_at,
    )  # fmt: skip


def procedure_facts(sessions: sessionmaker[Session], round_id: int) -> ProcedureFacts:
    with sessions() as session:
        return facts_of(session, find_round(session, round_id).id)


def facts_problems(facts: ProcedureFacts) -> list[str]:
    """What keeps the facts from being taken, in Dutch; empty when they can be."""
    problems = []
    if facts.bids_received is not None and facts.bids_received < 0:
        problems.append("Het aantal ontvangen inschrijvingen kan niet negatief zijn.")
    if facts.published_on and facts.deadline and facts.deadline.date() < facts.published_on:
        problems.append("De sluiting van de inschrijving ligt vóór de publicatie.")
    if not any((facts.published_on, facts.publication.strip(), facts.questions.strip(), facts.deadline,
                facts.bids_received is not None, facts.late_bids.strip())):  # fmt: skip
        problems.append("Vul ten minste één feit van de procedure in.")
    return problems


def set_procedure_facts(
    sessions: sessionmaker[Session], round_id: int, facts: ProcedureFacts, *, actor: str
) -> ProcedureFacts:
    """Enter (or correct) the round's procedure facts; every field as given replaces the one before."""
    problems = facts_problems(facts)
    if problems:
        raise UserError(" ".join(problems) + " Er is niets vastgelegd.")
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.RECORD)
        row = _row(session, rnd.id) or m.ProcedureFacts(round_id=rnd.id)
        row.published_on, row.publication, row.questions = facts.published_on, facts.publication.strip(), \
            facts.questions.strip()  # fmt: skip
        row.deadline, row.bids_received, row.late_bids = facts.deadline, facts.bids_received, facts.late_bids.strip()
        row.entered_by, row.entered_at = actor, utcnow()
        session.add(row)
        session.flush()
        record_action(session, "procedure-facts-entered", "rounds", str(rnd.id), None)
        return facts_of(session, rnd.id)


def _typed(read: Callable[[str], _Read | None], text: str, what: str) -> _Read | None:
    try:
        return read(text)
    except ValueError as exc:
        raise UserError(f"{what}: {exc}.") from None


def typed_facts(
    *, published_on: str, publication: str, questions: str, deadline: str, bids_received: int | None, late_bids: str
) -> ProcedureFacts:
    """The facts as typed in the window (dates as dd-mm-jjjj, the deadline in local time); a Dutch refusal for what
    cannot be read."""
    return ProcedureFacts(
        published_on=_typed(typed_day, published_on, "Publicatie"), publication=publication, questions=questions,
        deadline=_typed(typed_utc_moment, deadline, "Sluiting van de inschrijving"), bids_received=bids_received,
        late_bids=late_bids,
    )  # fmt: skip


def facts_as_typed(facts: ProcedureFacts) -> dict[str, str]:
    """The facts in the form the window shows them for editing (dates dd-mm-jjjj, the deadline in local time)."""
    return {
        "published_on": date_text(facts.published_on),
        "deadline": moment_text(local_from_utc(facts.deadline)),
    }
