"""What the rules decide on, read once per round: declared answers and the commission's settled results.

The latest revision of a consensus score or requirement verdict is the current one; older ones are history.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from beoordelaar.core.consolidation.exclusion_grounds import stored_finding
from beoordelaar.core.consolidation.ranking import NO_LOT, Placing
from beoordelaar.core.consolidation.spread import Exact
from beoordelaar.core.decisions.entry_facts import load_entry_facts
from beoordelaar.core.decisions.entry_lots import EntryFacts, entry_lot_outcomes
from beoordelaar.core.decisions.lot_results import LotOutcome, uniform_outcomes
from beoordelaar.core.decisions.proposal import Proposal, Settled, propose, weighted_total
from beoordelaar.core.decisions.selection import Candidate, LotSelection, pending_text, select_lot
from beoordelaar.core.decisions.standing import Bid, Standing, not_ranked_reason, standings
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
    draws: dict[str, tuple[int, ...]]  # per lot code, the latest recorded draw's order (registration ids)
    entry: EntryFacts | None = None  # the procurement's earlier admissions and closed product groups

    def lot_codes(self, registration: m.Registration) -> tuple[str, ...]:
        """The lots a registration bid for; NO_LOT for a round without lots."""
        return tuple(lot.code for lot in registration.lots) or (NO_LOT,)


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
    for registration_id, criterion_id, verdict, motivation, verified, verified_source, *finding in session.execute(
        select(m.RequirementVerdict.registration_id, m.RequirementVerdict.criterion_id, m.RequirementVerdict.verdict,
               m.RequirementVerdict.motivation, m.RequirementVerdict.verified_value,
               m.RequirementVerdict.verified_source, m.RequirementVerdict.ground, m.RequirementVerdict.ground_evidence,
               m.RequirementVerdict.self_cleaning, m.RequirementVerdict.self_cleaning_sufficient)
        .join(m.Registration)
        .where(m.Registration.round_id == rnd.id)
        .order_by(m.RequirementVerdict.revision)
    ):  # fmt: skip
        settled[registration_id][codes[criterion_id]] = Settled(
            motivation,
            verdict=SettledVerdict(verdict),
            verified=verified,
            verified_source=verified_source,
            finding=stored_finding(*finding),
        )
    draws = {
        lot: tuple(order)
        for lot, order in session.execute(
            select(m.LotDraw.lot_code, m.LotDraw.order).where(m.LotDraw.round_id == rnd.id).order_by(m.LotDraw.id)
        )
    }
    return RoundInputs(
        framework=round_framework(rnd),
        procedure=Procedure(rnd.procedure),
        registrations=registrations,
        declared=dict(declared),
        settled=dict(settled),
        draws=draws,
        entry=load_entry_facts(session, rnd),
    )


def current_decisions(session: Session, round_id: int) -> dict[int, m.Decision]:
    """The current (latest revision) decision per registration (lot_id None: decisions are per registration)."""
    current: dict[int, m.Decision] = {}
    for decision in session.execute(
        select(m.Decision).join(m.Registration).where(m.Registration.round_id == round_id).order_by(m.Decision.revision)
    ).scalars():
        current[decision.registration_id] = decision
    return current


def _rule_proposals(inputs: RoundInputs) -> dict[int, Proposal]:
    """Each registration on its own: its requirements and minima, before any competition."""
    return {
        r.id: propose(inputs.framework, inputs.procedure, inputs.declared.get(r.id, {}), inputs.settled.get(r.id, {}))
        for r in inputs.registrations
    }


def proposals_for(inputs: RoundInputs, decisions: dict[int, m.Decision]) -> dict[int, Proposal]:
    """The rules' proposal for every registration of the round, with its outcome per lot. In a selection the
    outcome follows each lot's maximum and tie-break (a tie that needs drawing lots blocks its candidates)."""
    proposals = _rule_proposals(inputs)
    if inputs.framework.selection is None:
        return {r.id: _entry_proposal(inputs, r, proposals[r.id]) for r in inputs.registrations}
    selections = _selections(inputs, proposals, decisions)
    names = {r.id: r.number for r in inputs.registrations}
    return {
        r.id: _selection_proposal(inputs.lot_codes(r), r.id, proposals[r.id], selections, names, decisions.get(r.id))
        for r in inputs.registrations
    }


def _entry_proposal(inputs: RoundInputs, registration: m.Registration, proposal: Proposal) -> Proposal:
    """Outside a selection: the same outcome in every lot, except where the procurement decided it already (an
    earlier admission) or a municipality closed it for this entry moment."""
    if inputs.entry is None:
        return replace(proposal, lots=uniform_outcomes(inputs.lot_codes(registration), proposal.outcome))
    outcome, lots = entry_lot_outcomes(
        inputs.lot_codes(registration), proposal.outcome, registration.provider_id, inputs.entry
    )
    return replace(proposal, outcome=outcome, lots=lots)


def _rejected_by_chair(decision: m.Decision | None) -> bool:
    """Out of the competition by the chair's motivated decision (not by the rules, which follow the record)."""
    return (
        decision is not None and decision.outcome == Outcome.REJECT.value and decision.override_motivation is not None
    )


def round_selections(inputs: RoundInputs, decisions: dict[int, m.Decision]) -> dict[str, LotSelection[int]]:
    """Per lot the selection among the valid candidates: every requirement met, every minimum reached, all scored,
    not rejected by the chair."""
    return _selections(inputs, _rule_proposals(inputs), decisions)


def _selections(
    inputs: RoundInputs, proposals: dict[int, Proposal], decisions: dict[int, m.Decision]
) -> dict[str, LotSelection[int]]:
    selection = inputs.framework.selection
    assert selection is not None
    candidates: dict[str, list[Candidate[int]]] = defaultdict(list)
    for r in inputs.registrations:
        proposal, total = proposals[r.id], plan_total(inputs, r.id)
        if proposal.outcome is None or proposal.reasons or total is None or _rejected_by_chair(decisions.get(r.id)):
            continue
        scores = {code: s.score for code, s in inputs.settled.get(r.id, {}).items() if s.score is not None}
        for lot in inputs.lot_codes(r):
            candidates[lot].append(Candidate(r.id, total, scores))
    return {lot: select_lot(lot, found, selection, inputs.draws.get(lot)) for lot, found in candidates.items()}


def _selection_proposal(
    lots: tuple[str, ...],
    key: int,
    proposal: Proposal,
    selections: dict[str, LotSelection[int]],
    names: dict[int, str],
    decision: m.Decision | None,
) -> Proposal:
    if proposal.outcome is None:
        return proposal
    if proposal.reasons:
        reason = not_ranked_reason(Bid(key, lots, None, failed=tuple(x.code for x in proposal.reasons)))
        return replace(
            proposal, lots=tuple(LotOutcome(lot, Outcome.REJECT, f"niet gerangschikt: {reason}") for lot in lots)
        )
    if _rejected_by_chair(decision):  # the rules still see a valid candidate; the chair's decision took it out
        return replace(proposal, outcome=Outcome.SELECT, lots=uniform_outcomes(lots, Outcome.SELECT))
    pending = [selections[lot].pending for lot in lots]
    blockers = tuple(pending_text(p, names) for p in pending if p is not None and key in p.candidates)
    if blockers:
        return Proposal(None, (), blockers)
    outcomes = tuple(
        LotOutcome(lot, Outcome.SELECT if key in selections[lot].selected else Outcome.REJECT,
                   selections[lot].outcome_text(key))
        for lot in lots
    )  # fmt: skip
    chosen = any(o.outcome is Outcome.SELECT for o in outcomes)
    return Proposal(Outcome.SELECT if chosen else Outcome.REJECT, (), (), outcomes)


def plan_total(inputs: RoundInputs, registration_id: int) -> Exact | None:
    settled = inputs.settled.get(registration_id, {})
    return weighted_total(inputs.framework, {code: s.score for code, s in settled.items() if s.score is not None})


def round_standings(
    inputs: RoundInputs, proposals: dict[int, Proposal], decisions: dict[int, m.Decision]
) -> dict[int, Standing]:
    """Each registration's place per lot among the valid bids (where the procedure ranks), or why it has none."""
    if not inputs.procedure.ranks:
        return {}
    if inputs.framework.selection is not None:
        return _selection_standings(inputs, proposals, decisions)
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


def _selection_standings(
    inputs: RoundInputs, proposals: dict[int, Proposal], decisions: dict[int, m.Decision]
) -> dict[int, Standing]:
    """In a selection the place follows the tie-break and any draw: distinct places where a rule separated a tie."""
    selections = round_selections(inputs, decisions)
    found: dict[int, Standing] = {}
    for r in inputs.registrations:
        placings = tuple(
            Placing(lot, selections[lot].ranks[r.id], selections[lot].of)
            for lot in inputs.lot_codes(r)
            if lot in selections and r.id in selections[lot].ranks
        )
        bid = Bid(
            r.id, inputs.lot_codes(r), plan_total(inputs, r.id),
            failed=tuple(reason.code for reason in proposals[r.id].reasons),
            blocked=proposals[r.id].outcome is None,
            rejected=_rejected_by_chair(decisions.get(r.id)),
        )  # fmt: skip
        found[r.id] = Standing(placings, "" if placings else not_ranked_reason(bid))
    return found
