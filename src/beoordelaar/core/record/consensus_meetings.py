"""The consensus meeting's record of one registration: who of the commission attended and a summary of the discussion
(what was weighed, what changed and why). The proces-verbaal prints it beside the individual scores and the scores
the commission set; a correction replaces it, and the history keeps the one before."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.registrations import find_registration
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.text import and_list

MIN_SUMMARY = 20


@dataclass(frozen=True)
class ConsensusMeeting:
    registration: str
    held_on: date | None
    attendees: tuple[str, ...]
    summary: str
    recorded_by: str
    recorded_at: datetime

    def as_json(self) -> dict[str, object]:
        return {
            "registration": self.registration, "held_on": self.held_on.isoformat() if self.held_on else None,
            "attendees": list(self.attendees), "summary": self.summary, "recorded_by": self.recorded_by,
            "recorded_at": self.recorded_at.isoformat() + "Z",
        }  # fmt: skip


def meetings_of(session: Session, round_id: int) -> dict[int, ConsensusMeeting]:
    """The meetings of a round, by registration id."""
    rows = session.execute(
        select(m.ConsensusDiscussion, m.Registration.number)
        .join(m.Registration, m.Registration.id == m.ConsensusDiscussion.registration_id)
        .where(m.Registration.round_id == round_id)
    ).all()
    return {
        row.registration_id: ConsensusMeeting(
            number, row.held_on, tuple(row.attendees or ()), row.summary, row.recorded_by, row.recorded_at
        )
        for row, number in rows
    }


def commission_members(rnd: m.Round, names: list[str]) -> list[str]:
    """The names given, each once, refused whole where one is not a member of the round's commission."""
    members = {a.name for a in rnd.assessors}
    named = list(dict.fromkeys(name.strip() for name in names if name.strip()))
    strangers = [name for name in named if name not in members]
    if strangers:
        raise UserError(
            f"{and_list(strangers)} {'is geen lid' if len(strangers) == 1 else 'zijn geen leden'} van de "
            f"commissie van deze ronde (leden: {and_list(sorted(members))}). Er is niets vastgelegd."
        )
    return named


def record_consensus_meeting(
    sessions: sessionmaker[Session],
    round_id: int,
    registration_number: str,
    *,
    attendees: list[str],
    summary: str,
    held_on: date | None = None,
    actor: str,
) -> ConsensusMeeting:
    """Record who attended the registration's consensus discussion and what was discussed; refused before the
    discussion was opened, for a name that is not a member of the commission, or without a summary."""
    summary = summary.strip()
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.CONSOLIDATE)
        registration = find_registration(session, rnd, registration_number)
        if registration.consensus_opened_at is None:
            raise UserError(
                f"De consensusbespreking van {registration.number} is nog niet geopend: open die eerst, en leg dan "
                "vast wie er bij was en wat er besproken is."
            )
        present = commission_members(rnd, attendees)
        if not present:
            raise UserError("Noem ten minste één aanwezig commissielid. Er is niets vastgelegd.")
        if len(summary) < MIN_SUMMARY:
            raise UserError(
                f"Vat de bespreking samen in ten minste {MIN_SUMMARY} tekens: wat is gewogen, wat veranderde en "
                "waarom. Er is niets vastgelegd."
            )
        row = session.execute(
            select(m.ConsensusDiscussion).where(m.ConsensusDiscussion.registration_id == registration.id)
        ).scalar() or m.ConsensusDiscussion(registration_id=registration.id)
        row.held_on, row.attendees, row.summary = held_on, present, summary
        row.recorded_by, row.recorded_at = actor, utcnow()
        session.add(row)
        session.flush()
        record_action(session, "consensus-discussion-recorded", "registrations", str(registration.id), None)
        return meetings_of(session, rnd.id)[registration.id]
