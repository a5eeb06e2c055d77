"""What the Beoordelen screens read: the commission's progress at the chair, whose laptop this is, and the context of
the scoring screen (the framework's motivation rule, criterion texts, the registration's declared answers).

Plain rows only; blindness is not at stake here: progress is counted, never shown as scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.commission.assessors import declared_conflicts
from beoordelaar.core.commission.exchange_keys import laptop_exchange
from beoordelaar.core.files.keys import fingerprint
from beoordelaar.core.registrations.answers import answer_warning, evidence_text, norm_text
from beoordelaar.core.rounds.framework import Criterion, Part
from beoordelaar.core.rounds.laptop import laptop_owner
from beoordelaar.core.rounds.procedure import Role
from beoordelaar.core.rounds.rounds import find_round, round_framework
from beoordelaar.core.scoring.scoring import assigned, latest_checks, latest_scores
from beoordelaar.core.storage import models as m
from beoordelaar.core.text import number_text


@dataclass(frozen=True)
class MemberProgress:
    """One member of the commission as the chair's Beoordelen page shows them."""

    id: int
    name: str
    role: Role
    done: int
    total: int
    submitted_at: datetime | None
    work_revision: int
    confidentiality_declared_at: datetime | None
    conflicts: tuple[str, ...]  # the registrations this member declared a conflict of interest for
    package_revision: int | None  # the newest work package exported for this member
    return_revision: int | None  # the newest return file imported from this member
    organisation: str | None = None
    email: str | None = None
    conflicts_declared_at: datetime | None = None  # the conflict statement (possibly "none"); see ensure_declared
    key_fingerprint: str | None = None  # of the laptop key confirmed with this member (return files are signed by it)

    @property
    def handed_in(self) -> bool:
        return self.submitted_at is not None

    @property
    def progress_text(self) -> str:
        return f"{self.done} van {self.total} gedaan" if self.total else "niets toegewezen"


@dataclass(frozen=True)
class CriterionText:
    description: str
    evidence: str
    norm: str = ""  # the norm in words (answers.norm_text)
    legal_basis: str = ""
    rule: str = ""  # a plan criterion's weight and minimum, in words
    meanings: tuple[str, ...] = ()  # what each step of the scale means for this criterion


@dataclass(frozen=True)
class ScoringContext:
    round_name: str
    anonymised: bool
    motivation_min_length: int
    criteria: dict[str, CriterionText]
    laptop_assessor: str | None  # set when this database is that assessor's laptop


@dataclass(frozen=True)
class OwnConflict:
    label: str  # the registration's number and name, or its anonymous label
    reason: str
    declared_at: datetime


@dataclass(frozen=True)
class OwnDeclaration:
    """On the laptop: the assessor's confidentiality declaration and conflicts, as the chair recorded them."""

    assessor: str
    confidentiality_declared_at: datetime | None
    conflicts: tuple[OwnConflict, ...]
    key_fingerprint: str | None = None  # of this laptop's own key: the assessor reads it out to the chair
    chair_fingerprint: str | None = None  # of the round key that signed the packages opened here


def laptop_declaration(sessions: sessionmaker[Session], round_id: int) -> OwnDeclaration | None:
    """The declaration of the assessor whose laptop this is (a round opened from a work package); None at the chair."""
    with sessions() as session:
        rnd = find_round(session, round_id)
        exchange = laptop_exchange(session, rnd)
        if exchange is None or exchange.assessor_id is None:
            return None
        assessor = session.get_one(m.Assessor, exchange.assessor_id)
        rows = declared_conflicts(session, assessor.id)
        return OwnDeclaration(
            assessor=assessor.name,
            confidentiality_declared_at=assessor.confidentiality_declared_at,
            conflicts=tuple(
                OwnConflict(r.anonymous_label if rnd.anonymised else f"{r.number} {r.name}", c.reason, c.declared_at)
                for c, r in rows
            ),
            key_fingerprint=fingerprint(exchange.laptop_signing_public) if exchange.laptop_signing_public else None,
            chair_fingerprint=fingerprint(exchange.chair_signing_public) if exchange.chair_signing_public else None,
        )


def laptop_assessor(sessions: sessionmaker[Session], round_id: int) -> str | None:
    """The assessor whose laptop this database is, for a round opened from a work package; None at the chair."""
    with sessions() as session:
        return laptop_owner(session, find_round(session, round_id).id)


def scoring_context(sessions: sessionmaker[Session], round_id: int) -> ScoringContext:
    with sessions() as session:
        rnd = find_round(session, round_id)
        framework = round_framework(rnd)
        return ScoringContext(
            round_name=rnd.name,
            anonymised=rnd.anonymised,
            motivation_min_length=framework.motivation_min_length,
            criteria={
                c.code: CriterionText(
                    c.description, evidence_text(c), norm_text(c), c.legal_basis, _rule(c), c.step_meanings
                )
                for c in framework.criteria
            },
            laptop_assessor=laptop_owner(session, rnd.id),
        )


def answer_warnings(sessions: sessionmaker[Session], round_id: int, registration_id: int) -> dict[str, str]:
    """Per exclusion ground and requirement: what the check card warns about the provider's answer (it misses the
    norm, or a person must judge it and why); codes whose answer meets the norm are left out."""
    answers = declared_answers(sessions, registration_id)
    with sessions() as session:
        framework = round_framework(find_round(session, round_id))
    warnings = {}
    for criterion in framework.criteria:
        if criterion.part is not Part.PLAN:
            warning = answer_warning(criterion, answers.get(criterion.code))
            if warning:
                warnings[criterion.code] = warning
    return warnings


def _rule(criterion: Criterion) -> str:
    """'Weging 2 · minimum 3 – Voldoende' for a plan criterion; empty for a requirement."""
    if criterion.part is not Part.PLAN or criterion.scale is None:
        return ""
    minimum = (
        f"minimum {number_text(criterion.minimum)} – {criterion.scale.label_for(criterion.minimum)}"
        if criterion.minimum is not None
        else "geen minimum"
    )
    return f"Weging {number_text(criterion.weight)} · {minimum}"


def declared_answers(sessions: sessionmaker[Session], registration_id: int) -> dict[str, str]:
    """What the provider declared per requirement or exclusion ground, by criterion code."""
    with sessions() as session:
        rows = session.execute(
            select(m.Criterion.code, m.DeclaredAnswer.value)
            .join(m.DeclaredAnswer, m.DeclaredAnswer.criterion_id == m.Criterion.id)
            .where(m.DeclaredAnswer.registration_id == registration_id)
        ).all()
        return {code: value for code, value in rows}


def commission_progress(sessions: sessionmaker[Session], round_id: int) -> list[MemberProgress]:
    """Every member of the round's commission with done/total over the assigned work, hand-in and exchanges."""
    with sessions() as session:
        rnd = find_round(session, round_id)
        parts = {c.id: c.part for c in rnd.framework.criteria}
        label = {
            r.id: (r.anonymous_label if rnd.anonymised else f"{r.number} {r.name}")
            for r in session.execute(select(m.Registration).where(m.Registration.round_id == rnd.id)).scalars()
        }
        conflicts: dict[int, list[str]] = {}
        for assessor_id, registration_id in session.execute(
            select(m.ConflictOfInterest.assessor_id, m.ConflictOfInterest.registration_id)
            .join(m.Assessor)
            .where(m.Assessor.round_id == rnd.id)
            .order_by(m.ConflictOfInterest.id)
        ).all():
            conflicts.setdefault(assessor_id, []).append(label.get(registration_id, str(registration_id)))
        packages = dict(
            session.execute(
                select(m.WorkPackage.assessor_id, func.max(m.WorkPackage.revision))
                .where(m.WorkPackage.round_id == rnd.id)
                .group_by(m.WorkPackage.assessor_id)
            ).all()
        )
        returns = dict(
            session.execute(
                select(m.ReturnFile.assessor_id, func.max(m.ReturnFile.revision))
                .where(m.ReturnFile.round_id == rnd.id)
                .group_by(m.ReturnFile.assessor_id)
            ).all()
        )
        members = session.execute(select(m.Assessor).where(m.Assessor.round_id == rnd.id).order_by(m.Assessor.id))
        rows = []
        for assessor in members.scalars():
            mine = assigned(session, assessor.id)
            scores, checks = latest_scores(session, assessor.id), latest_checks(session, assessor.id)
            done = sum(key in (scores if parts[key[1]] == Part.PLAN.value else checks) for key in mine)
            rows.append(
                MemberProgress(
                    id=assessor.id,
                    name=assessor.name,
                    role=Role(assessor.role),
                    done=done,
                    total=len(mine),
                    submitted_at=assessor.submitted_at,
                    work_revision=assessor.work_revision,
                    confidentiality_declared_at=assessor.confidentiality_declared_at,
                    conflicts=tuple(conflicts.get(assessor.id, ())),
                    package_revision=packages.get(assessor.id),
                    return_revision=returns.get(assessor.id),
                    organisation=assessor.organisation,
                    email=assessor.email,
                    conflicts_declared_at=assessor.conflicts_declared_at,
                    key_fingerprint=fingerprint(assessor.laptop_key) if assessor.laptop_key else None,
                )
            )
        return rows
