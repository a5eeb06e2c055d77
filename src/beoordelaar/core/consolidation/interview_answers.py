"""The answers given in verification interviews, as the settlements and consensus scores that rest on them see them.

A requirement verdict or consensus score that changes after an interview on its criterion was held names the answer
it rests on: one point of an approved interview record (a record still open may change, so nothing rests on it yet).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from beoordelaar.core.errors import UserError
from beoordelaar.core.storage import models as m
from beoordelaar.core.text import date_text
from beoordelaar.core.verification.interview_rules import InterviewStatus


@dataclass(frozen=True)
class InterviewAnswer:
    """One answer on one criterion in a held interview; only an approved record's answer can carry a change."""

    point_id: int
    interview_id: int
    revision: int
    held_at: datetime | None
    approved: bool
    question: str
    answer: str

    @property
    def quote(self) -> str:
        """'verificatiegesprek van 05-10-2026: "Alleen SKJ-geregistreerden."' as the record and the PV quote it."""
        return f"verificatiegesprek van {date_text(self.held_at)}: \u201c{self.answer}\u201d"


def _answer(point: m.InterviewPoint, interview: m.Interview) -> InterviewAnswer:
    return InterviewAnswer(
        point.id, interview.id, interview.revision, interview.held_at,
        interview.status == InterviewStatus.APPROVED.value, point.question, point.answer,
    )  # fmt: skip


def held_answers(session: Session, registration_ids: Iterable[int]) -> dict[tuple[int, int], list[InterviewAnswer]]:
    """Per (registration id, criterion id) the answers of its held or approved interviews, oldest first; a record
    replaced by an approved correction is left out (its correction carries the answer)."""
    interviews = list(
        session.execute(
            select(m.Interview).where(
                m.Interview.registration_id.in_(list(registration_ids)),
                m.Interview.status != InterviewStatus.PLANNED.value,
            )
        ).scalars()
    )
    replaced = {i.supersedes_id for i in interviews if i.supersedes_id and i.status == InterviewStatus.APPROVED.value}
    answers: dict[tuple[int, int], list[InterviewAnswer]] = defaultdict(list)
    for interview in sorted(interviews, key=lambda i: i.id):
        if interview.id in replaced:
            continue
        for point in interview.points:
            answers[(interview.registration_id, point.criterion_id)].append(_answer(point, interview))
    return dict(answers)


def answer_by_point(session: Session, point_ids: Iterable[int | None]) -> dict[int, InterviewAnswer]:
    """The answers these points hold, by point id (for the record of what a settlement rests on)."""
    wanted = {p for p in point_ids if p is not None}
    if not wanted:
        return {}
    return {
        point.id: _answer(point, interview)
        for point, interview in session.execute(
            select(m.InterviewPoint, m.Interview).join(m.Interview).where(m.InterviewPoint.id.in_(wanted))
        ).all()
    }


def answer_rested_on(
    session: Session, registration_id: int, criterion: m.Criterion, point_id: int | None, *, changes: bool, what: str
) -> int | None:
    """The interview answer a change rests on, checked: required when the change follows a held interview on this
    criterion, and then one of that interview's answers on it, from an approved record. what names the change in the
    message ("het oordeel op G3"). Returns the point id to store (None when nothing rests on an interview)."""
    answers = held_answers(session, [registration_id]).get((registration_id, criterion.id), [])
    if point_id is not None:
        chosen = next((a for a in answers if a.point_id == point_id), None)
        if chosen is None:
            raise UserError(
                f"Antwoord {point_id} is geen antwoord uit een verificatiegesprek over {criterion.code} met deze "
                "aanbieder. Er is niets veranderd."
            )
        if not chosen.approved:
            raise UserError(
                f"Het verslag van het verificatiegesprek van {date_text(chosen.held_at)} is nog niet goedgekeurd: "
                f"{what} rust pas op een antwoord als het verslag is vastgelegd. Er is niets veranderd."
            )
        return point_id
    if not changes or not answers:
        return None
    approved = [a for a in answers if a.approved]
    if not approved:
        raise UserError(
            f"Over {criterion.code} is een verificatiegesprek gehouden ({date_text(answers[-1].held_at)}) waarvan het "
            f"verslag nog niet is goedgekeurd. Keur het verslag eerst goed; {what} wijzigt dan met het antwoord "
            "waarop de wijziging rust. Er is niets veranderd."
        )
    choices = "; ".join(f"antwoord {a.point_id}: {a.quote}" for a in approved)
    raise UserError(
        f"Na het verificatiegesprek hierover wijzigt {what}: noem het antwoord uit het gesprek waarop de wijziging "
        f"rust ({choices}). Er is niets veranderd."
    )
