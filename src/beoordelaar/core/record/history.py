"""History from the audit trail: every change to a registration, a criterion or a decision, in time order, with
who, when, before and after, and the source (import, return file, consensus, interview, override)."""

from __future__ import annotations

from sqlalchemy import and_, or_, select, tuple_
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.record.history_text import HistoryEvent
from beoordelaar.core.registrations.registrations import find_registration
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import ROW_ACTIONS
from beoordelaar.core.storage.audit_registration import BELONGING_TABLES

# An event's fields in HistoryEvent's order, read as plain rows (no ORM objects to build for a long history).
_FIELDS = (
    m.AuditEvent.id, m.AuditEvent.at, m.AuditEvent.actor, m.AuditEvent.source, m.AuditEvent.action,
    m.AuditEvent.entity, m.AuditEvent.entity_id, m.AuditEvent.before, m.AuditEvent.after,
)  # fmt: skip

# The tables of a registration's rows that name a criterion (an interview's points among them).
_CRITERION_TABLES = tuple(t for t in BELONGING_TABLES if "criterion_id" in m.Base.metadata.tables[t].c)


def registration_history(
    sessions: sessionmaker[Session], round_id: int, registration_number: str, *, criterion: str | None = None
) -> list[HistoryEvent]:
    """Every change to a registration and what belongs to it (its rows, the letters of its decisions, the attendees and
    points of its interviews), oldest first. One indexed read (audit_events.registration_id).

    With criterion: only the rows of it that concern that criterion (an event of theirs names it: their insert, their
    delete), with every event of those rows, as an update names only the columns it changed (a point's answer, a
    doubt resolved)."""
    with sessions() as session:
        rnd = find_round(session, round_id)
        registration = find_registration(session, rnd, registration_number)
        e = m.AuditEvent
        query = select(*_FIELDS).where(e.registration_id == registration.id)
        if criterion is not None:
            criterion_id = next((c.id for c in rnd.framework.criteria if c.code == criterion), -1)
            names_it = and_(
                e.entity.in_(_CRITERION_TABLES),
                or_(e.after["criterion_id"].as_integer() == criterion_id,
                    e.before["criterion_id"].as_integer() == criterion_id),
            )  # fmt: skip
            its_rows = select(e.entity, e.entity_id).where(e.registration_id == registration.id, names_it)
            query = query.where(or_(names_it, tuple_(e.entity, e.entity_id).in_(its_rows)))
        return [HistoryEvent(*row) for row in session.execute(query.order_by(e.id))]


def round_timeline(sessions: sessionmaker[Session], round_id: int) -> list[HistoryEvent]:
    """The named actions of a round (round created, import, packages out, returns in, consensus opened,
    interviews approved, decisions, letters), oldest first: the timeline of the assessment report."""
    with sessions() as session:
        rnd = find_round(session, round_id)
        registration_ids = [
            str(i) for (i,) in session.execute(select(m.Registration.id).where(m.Registration.round_id == rnd.id))
        ]
        assessor_ids = [str(a.id) for a in rnd.assessors]
        interview_ids = [
            str(i) for (i,) in session.execute(select(m.Interview.id).where(m.Interview.round_id == rnd.id))
        ]
        return_ids = [
            str(i) for (i,) in session.execute(select(m.ReturnFile.id).where(m.ReturnFile.round_id == rnd.id))
        ]
        named = m.AuditEvent.action.not_in(ROW_ACTIONS)
        scope = or_(
            and_(m.AuditEvent.entity == "rounds", m.AuditEvent.entity_id == str(rnd.id)),
            and_(m.AuditEvent.entity == "registrations", m.AuditEvent.entity_id.in_(registration_ids)),
            and_(m.AuditEvent.entity == "assessors", m.AuditEvent.entity_id.in_(assessor_ids)),
            and_(m.AuditEvent.entity == "interviews", m.AuditEvent.entity_id.in_(interview_ids)),
            and_(m.AuditEvent.entity == "return_files", m.AuditEvent.entity_id.in_(return_ids)),
            m.AuditEvent.after["round_id"].as_integer() == rnd.id,
        )
        rows = session.execute(select(*_FIELDS).where(named, scope).order_by(m.AuditEvent.id))
        return [HistoryEvent(*row) for row in rows]
