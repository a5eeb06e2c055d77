"""Verification interviews (verificatiegesprekken): from a doubt to a clarified, approved and locked record.

A doubt is a requirement settled as "verificatie nodig", or a plan criterion marked for verification. An interview
with the provider takes its points from the open doubts; per point the question, the answer, whether the answer
only clarifies the registration, and the outcome. Approving the record applies the outcomes (a new requirement
verdict, or a confirmed or adjusted consensus score, each linked back to the interview) and locks it; a correction
is a new revision of the record.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from beoordelaar.core.consolidation.consensus import add_consensus_revision, current_consensus
from beoordelaar.core.consolidation.settlement import (
    RequirementRow,
    add_verdict,
    round_requirement_sheets,
    settle_requirement,
)
from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.registrations import find_registration
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.framework import Part
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.procedure import Procedure, SettledVerdict
from beoordelaar.core.rounds.rounds import find_round, round_framework
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.text import date_text, moment_text, word
from beoordelaar.core.verification.comparable_doubts import UnequalDoubts, unequal_doubts
from beoordelaar.core.verification.interview_rules import (
    PLAN_OUTCOMES,
    REQUIREMENT_OUTCOMES,
    InterviewStatus,
    PointOutcome,
    approval_problems,
    approval_refusal,
)


@dataclass(frozen=True)
class Doubt:
    registration_id: int
    registration: str
    label: str
    code: str
    title: str
    part: Part
    reason: str
    interview_id: int | None  # an interview in preparation or held that covers it


@dataclass(frozen=True)
class Attendee:
    name: str
    role: str
    side: str  # region, provider

    @property
    def side_label(self) -> str:
        return word("side", self.side)


@dataclass(frozen=True)
class PointInput:
    code: str
    reason: str
    question: str = ""
    answer: str = ""
    only_clarifies: bool | None = None
    documents_requested: str = ""
    documents_received: str = ""
    outcome: PointOutcome | None = None
    adjusted_value: Decimal | None = None
    motivation: str = ""


@dataclass(frozen=True)
class PointRow(PointInput):
    title: str = ""
    part: Part = Part.REQUIREMENT
    point_id: int | None = None  # what a settlement that rests on this answer links to


@dataclass(frozen=True)
class InterviewRecord:
    id: int
    round_id: int
    registration_id: int
    registration: str
    label: str
    revision: int
    status: InterviewStatus
    planned_at: datetime | None
    held_at: datetime | None
    location: str
    attendees: tuple[Attendee, ...]
    points: tuple[PointRow, ...]
    approved_at: datetime | None
    approved_by: str | None
    approvals: tuple[str, ...] = field(default=())
    lots: tuple[str, ...] = field(default=())

    @property
    def locked(self) -> bool:
        return self.status is InterviewStatus.APPROVED

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "registration": self.registration,
            "provider": self.label,
            "revision": self.revision,
            "status": self.status.value,
            "planned_at": self.planned_at.isoformat() if self.planned_at else None,
            "held_at": self.held_at.isoformat() if self.held_at else None,
            "location": self.location,
            "points": [
                {
                    "id": p.point_id,
                    "criterion": p.code,
                    "reason": p.reason,
                    "question": p.question,
                    "answer": p.answer,
                    "only_clarifies": p.only_clarifies,
                    "outcome": p.outcome.value if p.outcome else None,
                }
                for p in self.points
            ],
            "approved_by": self.approved_by,
        }


# -- doubts ------------------------------------------------------------------------------------------------------


def _label(rnd: m.Round, registration: m.Registration) -> str:
    return registration.anonymous_label if rnd.anonymised else registration.name


def open_doubts(
    sessions: sessionmaker[Session],
    round_id: int,
    requirement_sheets: dict[int, list[RequirementRow]] | None = None,
) -> list[Doubt]:
    """Every doubt not yet resolved by an approved interview, in registration order. Pass the round's requirement
    sheets when you have them already (they are the slow part)."""
    with sessions() as session:
        rnd = find_round(session, round_id)
        framework = round_framework(rnd)
        registrations = {r.id: r for r in rnd.registrations}
        rows = {c.id: c for c in rnd.framework.criteria}
        pending: dict[tuple[int, str], int] = {}
        for interview in session.execute(
            select(m.Interview)
            .where(m.Interview.round_id == rnd.id, m.Interview.status != InterviewStatus.APPROVED.value)
            .options(selectinload(m.Interview.points))
        ).scalars():
            for point in interview.points:
                pending[(interview.registration_id, rows[point.criterion_id].code)] = interview.id
        doubts = []
        for mark in session.execute(
            select(m.VerificationMark)
            .join(m.Registration)
            .where(m.Registration.round_id == rnd.id, m.VerificationMark.resolved_at.is_(None))
        ).scalars():
            code = rows[mark.criterion_id].code
            registration = registrations[mark.registration_id]
            criterion = framework.criterion(code)
            doubts.append(
                Doubt(registration.id, registration.number, _label(rnd, registration), code, criterion.title,
                      criterion.part, mark.reason, pending.get((registration.id, code)))
            )  # fmt: skip
    if requirement_sheets is None:
        requirement_sheets = round_requirement_sheets(sessions, round_id)
    for registration_id, sheet in requirement_sheets.items():
        registration = registrations[registration_id]
        for row in sheet:
            if row.settled is not None and row.settled.verdict is SettledVerdict.VERIFY:
                doubts.append(
                    Doubt(registration_id, registration.number, _label(rnd, registration), row.code, row.title,
                          row.part, row.settled.motivation, pending.get((registration_id, row.code)))
                )  # fmt: skip
    order = {r.id: r.sequence for r in registrations.values()}
    positions = {c.code: i for i, c in enumerate(framework.criteria)}
    return sorted(doubts, key=lambda d: (order[d.registration_id], positions[d.code]))


def mark_for_verification(
    sessions: sessionmaker[Session], round_id: int, registration_number: str, code: str, reason: str, *, actor: str
) -> None:
    """Mark a requirement or a plan criterion "verificatie nodig", with the reason (required)."""
    text = reason.strip()
    if not text:
        raise UserError(f"Noem bij {code} waarom verificatie nodig is: dat punt komt zo in het gesprek.")
    with sessions() as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.VERIFY)
        part = round_framework(rnd).criterion(code).part if code in _codes(rnd) else None
        open_house = rnd.procedure == Procedure.OPEN_HOUSE.value
    if part is None:
        raise UserError(f"Criterium '{code}' bestaat niet in het kader van deze ronde.")
    if part is Part.PLAN and open_house:
        raise UserError(
            "In een Open House-procedure toetst een verificatiegesprek alleen of aan de eisen is voldaan; "
            f"{code} is een criterium van het plan van aanpak."
        )
    if part is not Part.PLAN:
        settle_requirement(sessions, round_id, registration_number, code, SettledVerdict.VERIFY, text, actor=actor)
        return
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        registration = find_registration(session, rnd, registration_number)
        criterion = next(c for c in rnd.framework.criteria if c.code == code)
        session.add(m.VerificationMark(registration_id=registration.id, criterion_id=criterion.id, reason=text,
                                       marked_by=actor))  # fmt: skip


def _codes(rnd: m.Round) -> set[str]:
    return {c.code for c in rnd.framework.criteria}


# -- interview records -------------------------------------------------------------------------------------------


def _record(session: Session, interview: m.Interview) -> InterviewRecord:
    rnd = session.get(m.Round, interview.round_id)
    assert rnd is not None
    framework = round_framework(rnd)
    registration = session.get(m.Registration, interview.registration_id)
    assert registration is not None
    rows = {c.id: c for c in rnd.framework.criteria}
    points = []
    for point in interview.points:
        criterion = framework.criterion(rows[point.criterion_id].code)
        points.append(
            PointRow(
                code=criterion.code, reason=point.reason, question=point.question, answer=point.answer,
                only_clarifies=point.only_clarifies, documents_requested=point.documents_requested,
                documents_received=point.documents_received or "",
                outcome=PointOutcome(point.outcome) if point.outcome else None,
                adjusted_value=point.adjusted_value, motivation=point.motivation, title=criterion.title,
                part=criterion.part, point_id=point.id,
            )
        )  # fmt: skip
    return InterviewRecord(
        id=interview.id, round_id=rnd.id, registration_id=registration.id, registration=registration.number,
        label=_label(rnd, registration), revision=interview.revision, status=InterviewStatus(interview.status),
        planned_at=interview.planned_at, held_at=interview.held_at, location=interview.location,
        attendees=tuple(Attendee(a.name, a.role, a.side) for a in interview.attendees), points=tuple(points),
        approved_at=interview.approved_at, approved_by=interview.approved_by,
        approvals=tuple(interview.approvals or ()), lots=tuple(lot.code for lot in registration.lots),
    )  # fmt: skip


def _latest_interviews(session: Session, round_id: int) -> list[m.Interview]:
    """The current revision of every interview of the round (a revision supersedes the one it corrects)."""
    interviews = session.execute(
        select(m.Interview).where(m.Interview.round_id == round_id).order_by(m.Interview.id)
    ).scalars()
    current: dict[int, m.Interview] = {}
    superseded: set[int] = set()
    for interview in interviews:
        current[interview.id] = interview
        if interview.supersedes_id:
            superseded.add(interview.supersedes_id)
    return [i for i in current.values() if i.id not in superseded]


def list_interviews(sessions: sessionmaker[Session], round_id: int) -> list[InterviewRecord]:
    with sessions() as session:
        rnd = find_round(session, round_id)
        return [_record(session, i) for i in _latest_interviews(session, rnd.id)]


def get_interview(sessions: sessionmaker[Session], interview_id: int) -> InterviewRecord:
    with sessions() as session:
        return _record(session, _interview(session, interview_id))


def _interview(session: Session, interview_id: int) -> m.Interview:
    interview = session.get(m.Interview, interview_id)
    if interview is None:
        raise UserError(f"Verificatiegesprek {interview_id} bestaat niet.")
    return interview


def _interview_to_change(session: Session, interview_id: int) -> m.Interview:
    """The interview a write is about; refused on an assessor's laptop, where interviews are the chair's."""
    interview = _interview(session, interview_id)
    refuse_on_laptop(session, interview.round_id, ChairAction.VERIFY)
    return interview


def plan_interview(
    sessions: sessionmaker[Session],
    round_id: int,
    registration_number: str,
    *,
    planned_at: datetime,
    location: str,
    attendees: Sequence[Attendee] = (),
    actor: str,
) -> InterviewRecord:
    """Plan an interview with one provider; its points are prefilled from that registration's open doubts."""
    doubts = open_doubts(sessions, round_id)
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.VERIFY)
        registration = find_registration(session, rnd, registration_number)
        mine = [d for d in doubts if d.registration_id == registration.id]
        if not mine:
            raise UserError(
                f"Inschrijving {registration.number} heeft geen open twijfelpunten. Markeer eerst wat verificatie "
                "nodig heeft (met de reden): een verificatiegesprek mag alleen verduidelijken waarover twijfel is."
            )
        if any(d.interview_id is not None for d in mine):
            raise UserError(f"Voor inschrijving {registration.number} is al een verificatiegesprek in voorbereiding.")
        rows = {c.code: c for c in rnd.framework.criteria}
        interview = m.Interview(
            round_id=rnd.id, registration_id=registration.id, revision=1, status=InterviewStatus.PLANNED.value,
            planned_at=planned_at, location=location.strip(),
        )  # fmt: skip
        interview.attendees = [m.InterviewAttendee(name=a.name, role=a.role, side=a.side) for a in attendees]
        interview.points = [m.InterviewPoint(criterion_id=rows[d.code].id, reason=d.reason) for d in mine]
        session.add(interview)
        session.flush()
        return _record(session, interview)


def record_interview(
    sessions: sessionmaker[Session],
    interview_id: int,
    *,
    held_at: datetime | None = None,
    planned_at: datetime | None = None,
    location: str | None = None,
    attendees: Sequence[Attendee] | None = None,
    points: Sequence[PointInput] | None = None,
    actor: str,
) -> InterviewRecord:
    """Save what was asked and answered (any number of times) until the record is approved."""
    with unit_of_work(sessions, actor) as session:
        interview = _interview_to_change(session, interview_id)
        if interview.status == InterviewStatus.APPROVED.value:
            raise UserError("Dit verslag is goedgekeurd en daarmee vastgelegd. Maak een correctie (nieuwe revisie).")
        rnd = session.get(m.Round, interview.round_id)
        assert rnd is not None
        rows = {c.code: c for c in rnd.framework.criteria}
        if planned_at is not None:
            interview.planned_at = planned_at
        if location is not None:
            interview.location = location.strip()
        if held_at is not None:
            # The record is of a conversation that took place; the margin covers any time zone of the one typing.
            if held_at > utcnow() + timedelta(hours=14):
                raise UserError(
                    f"Het gesprek kan niet gehouden zijn op {moment_text(held_at)}: dat ligt in de toekomst. Leg het "
                    "verslag vast na het gesprek. Er is niets veranderd."
                )
            interview.held_at = held_at
            interview.status = InterviewStatus.HELD.value
        if attendees is not None:
            interview.attendees = [m.InterviewAttendee(name=a.name, role=a.role, side=a.side) for a in attendees]
        if points is not None:
            existing = {p.criterion_id: p for p in interview.points}
            kept = []
            for given in points:
                if given.code not in rows:
                    raise UserError(f"Criterium '{given.code}' bestaat niet in het kader van deze ronde.")
                point = existing.get(rows[given.code].id) or m.InterviewPoint(criterion_id=rows[given.code].id)
                point.reason = given.reason.strip()
                point.question = given.question.strip()
                point.answer = given.answer.strip()
                point.only_clarifies = given.only_clarifies
                point.documents_requested = given.documents_requested.strip()
                point.documents_received = given.documents_received.strip() or None
                point.outcome = given.outcome.value if given.outcome else None
                point.adjusted_value = given.adjusted_value
                point.motivation = given.motivation.strip()
                kept.append(point)
            interview.points = kept
        session.flush()
        return _record(session, interview)


def approve_interview(
    sessions: sessionmaker[Session],
    interview_id: int,
    *,
    chair: str,
    members_present: Sequence[str] = (),
    actor: str,
) -> InterviewRecord:
    """The chair (with the members present) approves the record: every point must be complete; the outcomes are
    applied, each linked back to this interview; the record is locked."""
    with sessions() as session:
        record = _record(session, _interview_to_change(session, interview_id))
        framework = round_framework(session.get(m.Round, record.round_id))  # type: ignore[arg-type]
    if record.locked:
        return record
    problems = approval_problems(record.points, framework, held=record.held_at is not None)
    if problems:
        raise UserError(approval_refusal(problems))
    # One transaction: the outcomes, the resolved doubts and the lock land together or not at all.
    with unit_of_work(sessions, actor, source="interview") as session:
        interview = _interview_to_change(session, interview_id)
        rnd = session.get(m.Round, interview.round_id)
        assert rnd is not None
        rows = {c.code: c for c in rnd.framework.criteria}
        for point in record.points:
            motivation = f"Na het verificatiegesprek van {date_text(record.held_at)}: {point.motivation}"
            if point.part is not Part.PLAN:
                verdict = SettledVerdict.PASS if point.outcome is PointOutcome.MEETS else SettledVerdict.FAIL
                add_verdict(session, interview.registration_id, rows[point.code], verdict, motivation,
                            actor=actor, source="interview", interview_id=interview.id,
                            interview_point_id=point.point_id)  # fmt: skip
            elif point.outcome is PointOutcome.ADJUSTED:
                assert point.adjusted_value is not None
                current = current_consensus(session, interview.registration_id, rows[point.code].id)
                add_consensus_revision(session, interview.registration_id, rows[point.code], point.adjusted_value,
                                       motivation, current, source="interview", actor=actor,
                                       interview_id=interview.id, interview_point_id=point.point_id)  # fmt: skip
        interview.status = InterviewStatus.APPROVED.value
        interview.approved_at = utcnow()
        interview.approved_by = chair.strip()
        interview.approvals = [chair.strip(), *(name.strip() for name in members_present if name.strip())]
        codes = {c.id: c.code for c in rnd.framework.criteria}
        covered = {p.criterion_id for p in interview.points}
        for mark in session.execute(
            select(m.VerificationMark).where(
                m.VerificationMark.registration_id == interview.registration_id,
                m.VerificationMark.resolved_at.is_(None),
                m.VerificationMark.criterion_id.in_(covered),
            )
        ).scalars():
            mark.interview_id = interview.id
            mark.resolved_at = utcnow()
        session.flush()
        record_action(session, "interview-approved", "interviews", str(interview.id),
                      {"points": sorted(codes[c] for c in covered)})  # fmt: skip
        return _record(session, interview)


def correct_interview(sessions: sessionmaker[Session], interview_id: int, *, actor: str) -> InterviewRecord:
    """Start a correction of an approved record: a new revision, editable, that supersedes the approved one."""
    with unit_of_work(sessions, actor) as session:
        old = _interview_to_change(session, interview_id)
        if old.status != InterviewStatus.APPROVED.value:
            raise UserError("Alleen een goedgekeurd verslag wordt gecorrigeerd; dit verslag kan nog worden bewerkt.")
        new = m.Interview(
            round_id=old.round_id, registration_id=old.registration_id, revision=old.revision + 1,
            supersedes_id=old.id, status=InterviewStatus.HELD.value, planned_at=old.planned_at, held_at=old.held_at,
            location=old.location,
        )  # fmt: skip
        new.attendees = [m.InterviewAttendee(name=a.name, role=a.role, side=a.side) for a in old.attendees]
        new.points = [
            m.InterviewPoint(
                criterion_id=p.criterion_id, reason=p.reason, question=p.question, answer=p.answer,
                only_clarifies=p.only_clarifies, documents_requested=p.documents_requested,
                documents_received=p.documents_received, outcome=p.outcome, adjusted_value=p.adjusted_value,
                motivation=p.motivation,
            )
            for p in old.points
        ]  # fmt: skip
        session.add(new)
        session.flush()
        return _record(session, new)


# -- equal treatment ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EqualTreatment:
    """How many interviews were held per lot, which questions were asked of whom, per criterion, and the comparable
    doubts (same requirement, same answer) that were not treated alike."""

    per_lot: dict[str, int]
    questions: dict[str, list[tuple[str, str]]]  # criterion code -> [(provider label, question)]
    unequal: tuple[UnequalDoubts, ...] = ()


def equal_treatment(sessions: sessionmaker[Session], round_id: int) -> EqualTreatment:
    per_lot: dict[str, int] = defaultdict(int)
    questions: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for record in list_interviews(sessions, round_id):
        if record.status is InterviewStatus.PLANNED:
            continue
        for lot in record.lots or ("(geen perceel)",):
            per_lot[lot] += 1
        for point in record.points:
            if point.question:
                questions[point.code].append((record.label, point.question))
    return EqualTreatment(
        dict(sorted(per_lot.items())), dict(sorted(questions.items())), tuple(unequal_doubts(sessions, round_id))
    )


__all__ = [
    "PLAN_OUTCOMES",
    "REQUIREMENT_OUTCOMES",
    "Attendee",
    "Doubt",
    "EqualTreatment",
    "InterviewRecord",
    "PointInput",
    "PointRow",
    "approve_interview",
    "correct_interview",
    "equal_treatment",
    "get_interview",
    "list_interviews",
    "mark_for_verification",
    "open_doubts",
    "plan_interview",
    "record_interview",
]
