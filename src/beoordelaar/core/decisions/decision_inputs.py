"""What the rules decide on, read once per round: declared answers and the commission's settled results.

The latest revision of a consensus score or requirement verdict is the current one; older ones are history.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from beoordelaar.core.consolidation.spread import Exact
from beoordelaar.core.decisions.proposal import Proposal, Settled, propose, weighted_total
from beoordelaar.core.decisions.standing import Bid, Standing, standings
from beoordelaar.core.rounds.framework import Framework
from beoordelaar.core.rounds.procedure import Outcome, Procedure, SettledVerdict
from beoordelaar.core.rounds.rounds import round_framework
from beoordelaar.core.storage import models as m


@dataclass(frozen=True)
class RoundInputs:
    framework: Framework
    procedure: Procedure
    registrations: tuple[m.Registration, ...]
    declared: dict[int, dict[str, str]]
    settled: dict[int, dict[str, Settled]]


def load_inputs(session: Session, rnd: m.Round) -> RoundInputs:
    codes = {c.id: c.code for c in rnd.framework.criteria}
    registrations = tuple(
        session.execute(
            select(m.Registration)
            .where(m.Registration.round_id == rnd.id)
            .options(selectinload(m.Registration.lots), selectinload(m.Registration.provider))
            .order_by(m.Registration.sequence)
        ).scalars()
    )
    declared: dict[int, dict[str, str]] = defaultdict(dict)
    for registration_id, criterion_id, value in session.execute(
        select(m.DeclaredAnswer.registration_id, m.DeclaredAnswer.criterion_id, m.DeclaredAnswer.value)
        .join(m.Registration)
        .where(m.Registration.round_id == rnd.id)
    ):
        declared[registration_id][codes[criterion_id]] = value
    settled: dict[int, dict[str, Settled]] = defaultdict(dict)
    for registration_id, criterion_id, value, mean, motivation in session.execute(
        select(m.ConsensusScore.registration_id, m.ConsensusScore.criterion_id, m.ConsensusScore.value,
               m.ConsensusScore.mean, m.ConsensusScore.motivation)
        .join(m.Registration)
        .where(m.Registration.round_id == rnd.id)
        .order_by(m.ConsensusScore.revision)
    ):  # fmt: skip
        settled[registration_id][codes[criterion_id]] = Settled(motivation, score=value, mean=mean)
    for registration_id, criterion_id, verdict, motivation in session.execute(
        select(m.RequirementVerdict.registration_id, m.RequirementVerdict.criterion_id, m.RequirementVerdict.verdict,
               m.RequirementVerdict.motivation)
        .join(m.Registration)
        .where(m.Registration.round_id == rnd.id)
        .order_by(m.RequirementVerdict.revision)
    ):  # fmt: skip
        settled[registration_id][codes[criterion_id]] = Settled(motivation, verdict=SettledVerdict(verdict))
    return RoundInputs(
        framework=round_framework(rnd),
        procedure=Procedure(rnd.procedure),
        registrations=registrations,
        declared=dict(declared),
        settled=dict(settled),
    )


def current_decisions(session: Session, round_id: int) -> dict[int, m.Decision]:
    """The current (latest revision) decision per registration (lot_id None: decisions are per registration)."""
    current: dict[int, m.Decision] = {}
    for decision in session.execute(
        select(m.Decision).join(m.Registration).where(m.Registration.round_id == round_id).order_by(m.Decision.revision)
    ).scalars():
        current[decision.registration_id] = decision
    return current


def proposals_for(inputs: RoundInputs) -> dict[int, Proposal]:
    """The rules' proposal for every registration of the round."""
    return {
        r.id: propose(inputs.framework, inputs.procedure, inputs.declared.get(r.id, {}), inputs.settled.get(r.id, {}))
        for r in inputs.registrations
    }


def plan_total(inputs: RoundInputs, registration_id: int) -> Exact | None:
    settled = inputs.settled.get(registration_id, {})
    return weighted_total(inputs.framework, {code: s.score for code, s in settled.items() if s.score is not None})


def round_standings(
    inputs: RoundInputs, proposals: dict[int, Proposal], decisions: dict[int, m.Decision]
) -> dict[int, Standing]:
    """Each registration's place per lot among the valid bids (where the procedure ranks), or why it has none."""
    if not inputs.procedure.ranks:
        return {}
    return standings(
        Bid(
            key=r.id,
            lots=tuple(lot.code for lot in r.lots),
            total=plan_total(inputs, r.id),
            failed=tuple(reason.code for reason in proposals[r.id].reasons),
            blocked=proposals[r.id].outcome is None,
            rejected=r.id in decisions and decisions[r.id].outcome == Outcome.REJECT.value,
        )
        for r in inputs.registrations
    )
