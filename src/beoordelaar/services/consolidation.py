"""Consolidation of a round: every cell's spread and flags, agreement per criterion, totals per registration."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.domain.consolidation import (
    Cell,
    CriterionAgreement,
    assessor_deviation,
    consolidate_cell,
    criterion_agreement,
    overall_agreement,
)
from beoordelaar.domain.decisions import weighted_total
from beoordelaar.services.rounds import find_round, round_framework
from beoordelaar.storage import models as m


@dataclass(frozen=True)
class RegistrationTotals:
    id: int
    number: str
    name: str
    total: Decimal | None
    consensus: str  # open, partial, complete
    below_minimum: tuple[str, ...]


@dataclass(frozen=True)
class RoundConsolidation:
    round_id: int
    criteria: tuple[str, ...]
    cells: tuple[Cell, ...]
    agreement: tuple[CriterionAgreement, ...]
    overall: CriterionAgreement
    deviation: dict[str, Decimal]
    registrations: tuple[RegistrationTotals, ...]

    def as_json(self) -> dict[str, object]:
        numbers = {r.id: r.number for r in self.registrations}
        flagged: dict[str, list[dict[str, object]]] = defaultdict(list)
        for cell in self.cells:
            if cell.flags:
                flagged[cell.criterion].append(
                    {
                        "registration": numbers[cell.registration],
                        "flags": [f.value for f in cell.flags],
                        "scores": {a: float(v) for a, v in cell.scores.items()},
                        "spread": cell.spread_steps,
                        "missing": list(cell.missing),
                    }
                )
        return {
            "criteria": [
                {
                    "code": a.code,
                    "alpha_ordinal": a.alpha_ordinal,
                    "alpha_interval": a.alpha_interval,
                    "flagged": flagged.get(a.code, []),
                }
                for a in self.agreement
            ],
            "overall": {"alpha_ordinal": self.overall.alpha_ordinal, "alpha_interval": self.overall.alpha_interval},
            "assessors": [{"name": n, "mean_deviation": float(d)} for n, d in self.deviation.items()],
            "registrations": [
                {
                    "registration": r.number,
                    "provider": r.name,
                    "total": None if r.total is None else float(r.total),
                    "consensus": r.consensus,
                    "below_minimum": list(r.below_minimum),
                }
                for r in self.registrations
            ],
        }


def _latest_scores(session: Session, round_id: int) -> dict[tuple[int, int, int], Decimal]:
    rows = session.execute(
        select(m.ScoreRevision.registration_id, m.ScoreRevision.criterion_id, m.ScoreRevision.assessor_id,
               m.ScoreRevision.value)
        .join(m.Registration, m.Registration.id == m.ScoreRevision.registration_id)
        .where(m.Registration.round_id == round_id)
        .order_by(m.ScoreRevision.revision)
    )  # fmt: skip
    return {(r, c, a): value for r, c, a, value in rows}


def consolidate_round(sessions: sessionmaker[Session], round_ref: str | int) -> RoundConsolidation:
    with sessions() as session:
        rnd = find_round(session, round_ref)
        framework = round_framework(rnd)
        criteria = {c.id: c.code for c in rnd.framework.criteria if c.part == "plan"}
        assessors: dict[int, str] = {
            a_id: name
            for a_id, name in session.execute(
                select(m.Assessor.id, m.Assessor.name).where(m.Assessor.round_id == rnd.id)
            )
        }
        registrations = session.execute(
            select(m.Registration.id, m.Registration.number, m.Registration.name)
            .where(m.Registration.round_id == rnd.id)
            .order_by(m.Registration.sequence)
        ).all()
        assigned: dict[tuple[int, int], list[str]] = defaultdict(list)
        for registration_id, criterion_id, assessor_id in session.execute(
            select(m.Assignment.registration_id, m.Assignment.criterion_id, m.Assignment.assessor_id)
            .join(m.Assessor)
            .where(m.Assessor.round_id == rnd.id, m.Assignment.criterion_id.in_(criteria))
        ):
            assigned[(registration_id, criterion_id)].append(assessors[assessor_id])
        scores: dict[tuple[int, int], dict[str, Decimal]] = defaultdict(dict)
        for (registration_id, criterion_id, assessor_id), value in _latest_scores(session, rnd.id).items():
            if criterion_id in criteria:
                scores[(registration_id, criterion_id)][assessors[assessor_id]] = value
        consensus: dict[tuple[int, str], Decimal] = {}
        for registration_id, criterion_id, value in session.execute(
            select(m.ConsensusScore.registration_id, m.ConsensusScore.criterion_id, m.ConsensusScore.value)
            .join(m.Registration)
            .where(m.Registration.round_id == rnd.id)
            .order_by(m.ConsensusScore.revision)
        ):
            consensus[(registration_id, criteria[criterion_id])] = value

    by_code = {c.code: c for c in framework.plan_criteria}
    cells = [
        consolidate_cell(
            by_code[code],
            registration_id,
            scores.get((registration_id, criterion_id), {}),
            assigned.get((registration_id, criterion_id), []),
            framework.spread_threshold,
        )
        for registration_id, _number, _name in registrations
        for criterion_id, code in criteria.items()
    ]
    totals = []
    for registration_id, number, name in registrations:
        agreed = {code: consensus[(registration_id, code)] for code in by_code if (registration_id, code) in consensus}
        state = "complete" if len(agreed) == len(by_code) else "partial" if agreed else "open"
        below = tuple(
            code
            for code, value in agreed.items()
            if by_code[code].minimum is not None and value < by_code[code].minimum
        )
        totals.append(
            RegistrationTotals(registration_id, number, name, weighted_total(framework, agreed), state, below)
        )
    return RoundConsolidation(
        round_id=rnd.id,
        criteria=tuple(by_code),
        cells=tuple(cells),
        agreement=tuple(criterion_agreement(code, cells) for code in by_code),
        overall=overall_agreement(cells),
        deviation=assessor_deviation(cells, consensus),
        registrations=tuple(totals),
    )
