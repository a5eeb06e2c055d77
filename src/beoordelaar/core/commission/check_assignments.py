"""Changing who checks an exclusion ground or requirement: the chair withdraws a member's checks, or hands them to
another member, as long as no work rests on them (no check, score or draft by that member on that item). Checks with
work stay where they are and are reported; every change is an event in the history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.commission.assessors import find_assessor
from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.registrations import find_registration
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.framework import Part
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work


@dataclass(frozen=True)
class CheckChange:
    changed: int  # withdrawn, or handed to the other member
    kept: tuple[str, ...]  # 'INS-001 U1' for each check left in place because work rests on it
    to: str | None = None

    def as_json(self) -> dict[str, object]:
        return {"changed": self.changed, "kept": list(self.kept), "to": self.to}


def change_checks(
    sessions: sessionmaker[Session],
    round_id: int,
    assessor_name: str,
    *,
    registrations: Sequence[str] = (),
    codes: Sequence[str] = (),
    to: str | None = None,
    actor: str,
) -> CheckChange:
    """Withdraw the member's checks (all of them, or those of the named registrations and criteria), or with to=
    hand them to that member. Only exclusion grounds and requirements: the plan's assignments follow the commission."""
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.ASSIGN)
        assessor = find_assessor(session, rnd, assessor_name)
        receiver = find_assessor(session, rnd, to) if to else None
        if receiver is not None and receiver.id == assessor.id:
            raise UserError(f"{assessor.name} kan de toetsing niet aan zichzelf overdragen. Er is niets veranderd.")
        if receiver is not None and receiver.submitted_at is not None:
            raise UserError(f"{receiver.name} heeft het werk al ingeleverd; heropen het eerst. Er is niets veranderd.")
        checks = {c.id: c for c in rnd.framework.criteria if c.part != Part.PLAN.value}
        wanted_codes = _codes(rnd, checks, codes)
        wanted_ids = {find_registration(session, rnd, number).id for number in registrations}
        rows = [
            a
            for a in session.execute(select(m.Assignment).where(m.Assignment.assessor_id == assessor.id)).scalars()
            if a.criterion_id in checks
            and (not wanted_ids or a.registration_id in wanted_ids)
            and (not wanted_codes or checks[a.criterion_id].code in wanted_codes)
        ]
        if not rows:
            raise UserError(f"{assessor.name} heeft hier geen toetsing toegewezen gekregen. Er is niets veranderd.")
        numbers = dict(
            session.execute(
                select(m.Registration.id, m.Registration.number).where(m.Registration.round_id == rnd.id)
            ).all()
        )
        worked = _worked(session, assessor.id)
        label = {id(a): f"{numbers[a.registration_id]} {checks[a.criterion_id].code}" for a in rows}
        kept = [a for a in rows if (a.registration_id, a.criterion_id) in worked]
        free = [a for a in rows if (a.registration_id, a.criterion_id) not in worked]
        if not free:
            raise UserError(
                f"Op alle gekozen toetsingen van {assessor.name} is al werk gedaan; die blijven staan. "
                "Er is niets veranderd."
            )
        if receiver is not None:
            _hand_over(session, receiver, free, label)
        for row in free:
            session.delete(row)
        session.flush()
        changed, stayed = sorted(label[id(a)] for a in free), sorted(label[id(a)] for a in kept)
        details = {"assessor": assessor.name, "to": receiver.name if receiver else None, "count": len(free),
                   "checks": changed, "kept": stayed}  # fmt: skip
        if receiver is not None:
            record_action(session, "checks-reassigned", "assessors", str(assessor.id), details)
        else:
            record_action(session, "checks-withdrawn", "assessors", str(assessor.id), details)
        return CheckChange(len(free), tuple(stayed), receiver.name if receiver else None)


def _codes(rnd: m.Round, checks: dict[int, m.Criterion], codes: Sequence[str]) -> set[str]:
    known = {c.code for c in checks.values()}
    wrong = [c for c in codes if c.strip() not in known]
    if wrong:
        raise UserError(
            f"{', '.join(wrong)}: geen uitsluitingsgrond of eis in het kader van ronde '{rnd.name}' (bekend: "
            f"{', '.join(sorted(known))}). Er is niets veranderd."
        )
    return {c.strip() for c in codes}


def _worked(session: Session, assessor_id: int) -> set[tuple[int, int]]:
    """The (registration, criterion) pairs on which the member has a check, a score or a draft."""
    found: set[tuple[int, int]] = set()
    for model in (m.CheckRevision, m.ScoreRevision, m.WorkDraft):
        found |= set(
            session.execute(
                select(model.registration_id, model.criterion_id).where(model.assessor_id == assessor_id)
            ).all()
        )
    return found


def _hand_over(session: Session, receiver: m.Assessor, rows: list[m.Assignment], label: dict[int, str]) -> None:
    conflicted = set(
        session.execute(
            select(m.ConflictOfInterest.registration_id).where(m.ConflictOfInterest.assessor_id == receiver.id)
        ).scalars()
    )
    refused = sorted({label[id(a)].split()[0] for a in rows if a.registration_id in conflicted})
    if refused:
        raise UserError(
            f"{receiver.name} heeft een belangenverstrengeling gemeld bij {', '.join(refused)} en toetst die niet. "
            "Er is niets veranderd."
        )
    has = set(
        session.execute(
            select(m.Assignment.registration_id, m.Assignment.criterion_id).where(
                m.Assignment.assessor_id == receiver.id
            )
        ).all()
    )
    session.add_all(
        m.Assignment(assessor_id=receiver.id, registration_id=a.registration_id, criterion_id=a.criterion_id)
        for a in rows
        if (a.registration_id, a.criterion_id) not in has
    )
