"""Read-only facts the consolidation screens need beside consolidate_round: the plan criteria with their scales,
the scoring model, whether the procedure ranks, the names to show (anonymised or not) and the current consensus
score of every cell. One call, plain values, no changes."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.consolidation.spread import Exact
from beoordelaar.core.rounds.framework import ScoringModel
from beoordelaar.core.rounds.procedure import Procedure, RoundStatus
from beoordelaar.core.rounds.rounds import find_round, round_framework
from beoordelaar.core.storage import models as m


@dataclass(frozen=True)
class PlanCriterion:
    code: str
    title: str
    description: str
    scale: tuple[tuple[Decimal, str], ...]  # (value, label), lowest first
    minimum: Decimal | None
    weight: Decimal

    @property
    def lowest(self) -> Decimal:
        return self.scale[0][0]

    @property
    def highest(self) -> Decimal:
        return self.scale[-1][0]

    def label_for(self, value: Exact) -> str:
        """The label of the step a value reaches (an unrounded mean between steps: the highest step not above it)."""
        return next((label for step, label in reversed(self.scale) if step <= value), "")


@dataclass(frozen=True)
class RoundOverview:
    round_id: int
    name: str
    procedure: Procedure
    status: RoundStatus
    scoring_model: ScoringModel
    anonymised: bool
    spread_threshold: int
    criteria: tuple[PlanCriterion, ...]
    labels: dict[int, str]  # registration id -> what to call it on screen (the anonymous label when anonymised)
    consensus: dict[tuple[int, str], Exact]  # (registration id, criterion code) -> current consensus score
    lots: tuple[str, ...]

    @property
    def averaging(self) -> bool:
        return self.scoring_model is ScoringModel.AVERAGING


def round_overview(sessions: sessionmaker[Session], round_id: int) -> RoundOverview:
    with sessions() as session:
        rnd = find_round(session, round_id)
        framework = round_framework(rnd)
        codes = {c.id: c.code for c in rnd.framework.criteria}
        labels = {
            reg_id: (f"Inschrijving {sequence:03d}" if rnd.anonymised else name)
            for reg_id, sequence, name in session.execute(
                select(m.Registration.id, m.Registration.sequence, m.Registration.name).where(
                    m.Registration.round_id == rnd.id
                )
            )
        }
        consensus: dict[tuple[int, str], Exact] = {}
        for registration_id, criterion_id, value in session.execute(
            select(m.ConsensusScore.registration_id, m.ConsensusScore.criterion_id, m.ConsensusScore.value)
            .join(m.Registration)
            .where(m.Registration.round_id == rnd.id)
            .order_by(m.ConsensusScore.revision)
        ):
            consensus[(registration_id, codes[criterion_id])] = value
        lots = tuple(session.execute(select(m.Lot.code).where(m.Lot.round_id == rnd.id).order_by(m.Lot.code)).scalars())
        criteria = tuple(
            PlanCriterion(
                code=c.code,
                title=c.title,
                description=c.description,
                scale=tuple((step.value, step.label) for step in c.scale.steps) if c.scale else (),
                minimum=c.minimum,
                weight=c.weight,
            )
            for c in framework.plan_criteria
        )
        return RoundOverview(
            round_id=rnd.id,
            name=rnd.name,
            procedure=Procedure(rnd.procedure),
            status=RoundStatus(rnd.status),
            scoring_model=framework.scoring_model,
            anonymised=bool(rnd.anonymised),
            spread_threshold=framework.spread_threshold,
            criteria=criteria,
            labels=labels,
            consensus=consensus,
            lots=lots,
        )
