"""Decisions: proposed from the rules, confirmed or overridden by the chair, listed as plain rows.

A decision is per registration (Decision.lot_id stays None) and records the outcome in every lot it bid for
(Decision.lot_outcomes): the framework's requirements and plan are the same for every lot, so outside a selection a
registration passes or fails as a whole; a selection's maximum is per lot, so there the outcome can differ per lot.
An override never selects a candidate the ranking, the maximum and the draw did not select. Every change is a
new Decision revision; the rules' proposal (proposed_outcome) is kept beside the chair's outcome, and an override
carries its motivation. An override never admits or awards a bid the record says fails a knock-out or a minimum: that
outcome changes only when the settlement or the consensus score itself is revised. Proposing again never touches a
confirmed decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.decisions.decision_inputs import current_decisions, load_inputs, proposals_for, round_standings
from beoordelaar.core.decisions.lot_results import LotOutcome, LotResult, lot_results, uniform_outcomes
from beoordelaar.core.decisions.proposal import Proposal, Reason
from beoordelaar.core.decisions.score_words import score_name
from beoordelaar.core.decisions.standing import Standing
from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.registrations import find_registration
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.framework import Framework, Part
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.procedure import Outcome, Procedure, RoundStatus
from beoordelaar.core.rounds.rounds import find_round, round_framework
from beoordelaar.core.scoring.entry_rules import motivation_shortfall
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.text import and_list

PROPOSED = "proposed"
CONFIRMED = "confirmed"
OVERRIDE_MIN_LENGTH = 20


@dataclass(frozen=True)
class DecisionRow:
    """One registration's current decision (or why it has none yet); plain values only."""

    registration_id: int
    sequence: int
    number: str
    provider: str
    kvk: str
    decision_id: int | None
    revision: int
    proposed_outcome: Outcome | None
    outcome: Outcome | None
    status: str  # proposed, confirmed, or open (no decision)
    reasons: tuple[str, ...]
    override_motivation: str | None
    decided_by: str | None
    decided_at: datetime | None
    blockers: tuple[str, ...]
    # The outcome the rules give now, if that differs from the decision (the facts changed after it was made).
    rules_now: Outcome | None = None
    # The criteria the record fails now (knock-outs and minima), whatever the decision says.
    failed_now: tuple[str, ...] = ()
    # Where the procedure ranks: the place per lot among the valid bids, or why there is none.
    standing: Standing | None = None
    lots: tuple[str, ...] = ()  # the lot codes it bid for
    lot_outcomes: tuple[LotOutcome, ...] = ()  # the decision's (or else the proposal's) outcome in each of them
    choices: tuple[Outcome, ...] = ()  # the outcomes the procedure allows the chair to decide
    score_word: str = "consensusscore"  # what the commission's score is called (score_words.score_name)

    @property
    def overridden(self) -> bool:
        return self.override_motivation is not None

    @property
    def confirmed(self) -> bool:
        return self.status == CONFIRMED

    @property
    def confirmable(self) -> bool:
        """The chair may confirm it: a proposal not yet confirmed, with nothing that blocks a decision."""
        return self.status == PROPOSED and not self.blockers

    @property
    def override_locked(self) -> str:
        """Why the chair may not decide otherwise here, in Dutch: a rejection on failed knock-outs or minima is
        changed only in the record (the settlement or the consensus score), never by an override."""
        if self.outcome is Outcome.REJECT and self.failed_now:
            return (
                f"Afwijken kan niet: niet voldaan aan {and_list(self.failed_now)}. Herzie het oordeel over de eis of "
                f"de {self.score_word}, met motivering; het voorstel volgt dan het dossier."
            )
        return ""

    @property
    def overridable(self) -> bool:
        """The chair may decide otherwise than proposed: there is a decision, nothing blocks it, and the other
        outcome is open (never an admission or award over a failed knock-out)."""
        return self.decision_id is not None and not self.blockers and not self.override_locked

    @property
    def status_label(self) -> str:
        if self.status == CONFIRMED:
            return "Afgeweken en bevestigd" if self.overridden else "Bevestigd"
        return "Voorgesteld" if self.status == PROPOSED else "Nog niet te besluiten"

    def as_json(self) -> dict[str, object]:
        return {
            "registration": self.number,
            "provider": self.provider,
            "kvk": self.kvk,
            "revision": self.revision,
            "proposed_outcome": self.proposed_outcome.value if self.proposed_outcome else None,
            "outcome": self.outcome.value if self.outcome else None,
            "status": self.status,
            "reasons": list(self.reasons),
            "override_motivation": self.override_motivation,
            "decided_by": self.decided_by,
            "blockers": list(self.blockers),
            "rules_now": self.rules_now.value if self.rules_now else None,
            **(self.standing or Standing()).as_json(),
            "lots": list(self.lots),
            "lot_outcomes": [o.as_json() for o in self.lot_outcomes],
        }


@dataclass(frozen=True)
class ProposalResult:
    proposed: int  # new or changed proposals (a new revision each)
    unchanged: int
    confirmed_kept: int
    rows: tuple[DecisionRow, ...]
    lots: tuple[LotResult, ...] = ()

    @property
    def blocked(self) -> tuple[DecisionRow, ...]:
        return tuple(r for r in self.rows if r.blockers)

    def as_json(self) -> dict[str, object]:
        return {
            "proposed": self.proposed,
            "unchanged": self.unchanged,
            "confirmed_kept": self.confirmed_kept,
            "blocked": len(self.blocked),
            "decisions": [r.as_json() for r in self.rows],
            "lots": [lot.as_json() for lot in self.lots],
        }


def _reason_texts(proposal: Proposal) -> list[dict[str, str]]:
    return [{"code": r.code, "part": r.part.value, "text": r.text} for r in proposal.reasons]


def decision_lot_outcomes(decision: m.Decision, registration: m.Registration) -> tuple[LotOutcome, ...]:
    """A decision's outcome per lot; one made before these were kept holds its outcome for every lot."""
    if decision.lot_outcomes:
        return tuple(LotOutcome.from_json(o) for o in decision.lot_outcomes)
    return uniform_outcomes(tuple(lot.code for lot in registration.lots) or ("",), Outcome(decision.outcome))


def _row(
    registration: m.Registration,
    decision: m.Decision | None,
    proposal: Proposal,
    standing: Standing | None,
    choices: tuple[Outcome, ...],
    score_word: str,
) -> DecisionRow:
    rules_now = None
    if decision is not None and proposal.outcome is not None and proposal.outcome.value != decision.proposed_outcome:
        rules_now = proposal.outcome
    return DecisionRow(
        registration_id=registration.id,
        sequence=registration.sequence,
        number=registration.number,
        provider=registration.name,
        kvk=registration.provider.kvk,
        decision_id=decision.id if decision else None,
        revision=decision.revision if decision else 0,
        proposed_outcome=Outcome(decision.proposed_outcome) if decision else proposal.outcome,
        outcome=Outcome(decision.outcome) if decision else None,
        status=decision.status if decision else "open",
        reasons=tuple(r["text"] for r in decision.reasons) if decision else tuple(r.text for r in proposal.reasons),
        override_motivation=decision.override_motivation if decision else None,
        decided_by=decision.decided_by if decision else None,
        decided_at=decision.decided_at if decision else None,
        blockers=proposal.blockers,
        rules_now=rules_now,
        failed_now=tuple(r.code for r in proposal.reasons),
        standing=standing,
        lots=tuple(lot.code for lot in registration.lots),
        lot_outcomes=decision_lot_outcomes(decision, registration) if decision else proposal.lots,
        choices=choices,
        score_word=score_word,
    )


def _rows(session: Session, rnd: m.Round) -> list[DecisionRow]:
    inputs = load_inputs(session, rnd)
    current = current_decisions(session, rnd.id)
    proposals = proposals_for(inputs, current)
    ranked = round_standings(inputs, proposals, current)
    choices = allowed_outcomes(inputs.procedure, inputs.framework)
    word = score_name(inputs.framework)
    return [_row(r, current.get(r.id), proposals[r.id], ranked.get(r.id), choices, word) for r in inputs.registrations]


def _lot_results(rnd: m.Round, rows: tuple[DecisionRow, ...]) -> tuple[LotResult, ...]:
    return lot_results(
        [(lot.code, lot.name) for lot in rnd.lots],
        ((r.number, r.lot_outcomes if r.outcome else (), r.lots) for r in rows),
    )


def _lot_json(proposal: Proposal) -> list[dict[str, str]]:
    return [o.as_json() for o in proposal.lots]


def _follows(decision: m.Decision, proposal: Proposal) -> bool:
    """The decision says what the rules propose now: outcome, reasons and the outcome per lot."""
    return (
        proposal.outcome is not None
        and decision.proposed_outcome == proposal.outcome.value
        and decision.reasons == _reason_texts(proposal)
        and (decision.lot_outcomes or []) == _lot_json(proposal)
    )


def list_decisions(sessions: sessionmaker[Session], round_id: int) -> list[DecisionRow]:
    with sessions() as session:
        return _rows(session, find_round(session, round_id))


def propose_decisions(sessions: sessionmaker[Session], round_id: int, *, actor: str) -> ProposalResult:
    """Apply the rules to every registration. A confirmed decision is never overruled; a proposed one that the
    rules now see differently gets a new revision; a registration something still blocks gets none."""
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.DECIDE)
        inputs = load_inputs(session, rnd)
        current = current_decisions(session, rnd.id)
        proposals = proposals_for(inputs, current)
        counts = {"proposed": 0, "unchanged": 0, "confirmed_kept": 0}
        for registration in inputs.registrations:
            proposal = proposals[registration.id]
            decision = current.get(registration.id)
            if decision is not None and decision.status == CONFIRMED:
                counts["confirmed_kept"] += 1
                continue
            if proposal.outcome is None:
                continue
            if decision is not None and decision.outcome == proposal.outcome.value and _follows(decision, proposal):
                counts["unchanged"] += 1
                continue
            session.add(
                m.Decision(
                    registration_id=registration.id,
                    revision=(decision.revision + 1) if decision else 1,
                    proposed_outcome=proposal.outcome.value,
                    outcome=proposal.outcome.value,
                    reasons=_reason_texts(proposal),
                    lot_outcomes=_lot_json(proposal),
                    status=PROPOSED,
                    decided_at=utcnow(),
                )
            )
            counts["proposed"] += 1
        session.flush()
        record_action(session, "decisions-proposed", "rounds", str(rnd.id), dict(counts))
        rows = tuple(_rows(session, rnd))
        return ProposalResult(rows=rows, lots=_lot_results(rnd, rows), **counts)


def _decidable(session: Session, rnd: m.Round, registration: m.Registration) -> tuple[m.Decision, Proposal]:
    inputs = load_inputs(session, rnd)
    current = current_decisions(session, rnd.id)
    proposal = proposals_for(inputs, current)[registration.id]
    decision = current.get(registration.id)
    if proposal.outcome is None:
        raise UserError(
            f"Over inschrijving {registration.number} kan nog niet worden besloten: " + "; ".join(proposal.blockers)
        )
    if decision is None:
        raise UserError(f"Inschrijving {registration.number} heeft nog geen voorgesteld besluit; stel eerst voor.")
    return decision, proposal


def _next_revision(decision: m.Decision, **changes: object) -> m.Decision:
    values: dict[str, object] = {
        "registration_id": decision.registration_id,
        "lot_id": decision.lot_id,
        "revision": decision.revision + 1,
        "proposed_outcome": decision.proposed_outcome,
        "outcome": decision.outcome,
        "reasons": list(decision.reasons),
        "lot_outcomes": list(decision.lot_outcomes or []),
        "override_motivation": decision.override_motivation,
        "status": CONFIRMED,
        "decided_at": utcnow(),
    }
    values.update(changes)
    return m.Decision(**values)


def _mark_decided(session: Session, rnd: m.Round) -> None:
    """A round whose registrations all have a confirmed decision is decided."""
    session.flush()
    current = current_decisions(session, rnd.id)
    registrations = {r.id for r in rnd.registrations}
    if registrations and all(
        registration in current and current[registration].status == CONFIRMED for registration in registrations
    ):
        rnd.status = RoundStatus.DECIDED.value


def confirm_decision(
    sessions: sessionmaker[Session], round_id: int, registration_number: str, *, actor: str
) -> DecisionRow:
    """The chair confirms the proposed decision (a new revision, status confirmed, decided by the chair)."""
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.DECIDE)
        registration = find_registration(session, rnd, registration_number)
        decision, proposal = _decidable(session, rnd, registration)
        if decision.status == CONFIRMED:
            raise UserError(f"Het besluit over inschrijving {registration.number} is al bevestigd.")
        if not _follows(decision, proposal):
            raise UserError(
                f"Het voorstel voor inschrijving {registration.number} is verouderd: de scores of oordelen zijn "
                "sindsdien gewijzigd. Stel de besluiten opnieuw voor en bevestig dan."
            )
        session.add(_next_revision(decision, decided_by=actor))
        _mark_decided(session, rnd)
        record_action(
            session, "decision-confirmed", "registrations", str(registration.id), {"outcome": decision.outcome}
        )
        return _rows_for(session, rnd, registration.id)


def confirm_all(sessions: sessionmaker[Session], round_id: int, *, actor: str) -> int:
    """Confirm every current proposal that is up to date; returns how many were confirmed."""
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.DECIDE)
        inputs = load_inputs(session, rnd)
        current = current_decisions(session, rnd.id)
        proposals = proposals_for(inputs, current)
        confirmed = 0
        for registration_id, decision in current.items():
            proposal = proposals.get(registration_id)
            if decision.status == CONFIRMED or proposal is None or proposal.outcome is None:
                continue
            if _follows(decision, proposal):
                session.add(_next_revision(decision, decided_by=actor))
                confirmed += 1
        _mark_decided(session, rnd)
        record_action(session, "decisions-confirmed", "rounds", str(rnd.id), {"confirmed": confirmed})
        return confirmed


def allowed_outcomes(procedure: Procedure, framework: Framework) -> tuple[Outcome, Outcome]:
    """The positive outcome (admit, award, or in a selection stage select) and rejection."""
    return (Outcome.SELECT if framework.selection else procedure.positive_outcome), Outcome.REJECT


_POSITIVE_VERB = {Outcome.ADMIT: "toegelaten", Outcome.AWARD: "gegund", Outcome.SELECT: "geselecteerd"}
SELECTION_OVERRIDE = (
    "In een selectie volgt wie doorgaat uit de rangorde, het aangekondigde maximum per perceel en zo nodig de "
    "loting; een afwijking kan een gegadigde alleen afwijzen. Wijzig zo nodig de scores of de oordelen, met motivering."
)


def knockout_refusal(
    number: str, outcome: Outcome, reasons: tuple[Reason, ...], score_word: str = "consensusscore"
) -> str:
    """Why an override may not admit or award a bid the record says fails: a knock-out is changed only by revising
    its settlement (or a score below the minimum by revising the consensus score), and then the proposal follows."""
    requirements = [r.code for r in reasons if r.part is not Part.PLAN]
    minima = [r.code for r in reasons if r.part is Part.PLAN]
    failed = "; ".join(
        part
        for part in (
            f"niet voldaan aan {and_list(requirements)}" if requirements else "",
            f"onder het minimum op {and_list(minima)}" if minima else "",
        )
        if part
    )
    steps = []
    if requirements:
        steps.append(
            "een uitsluitingsgrond of geschiktheidseis verandert alleen door het oordeel over die eis zelf te herzien, "
            "met het bewijs en de motivering (Consolideren, of 'beoordelaar settle')"
        )
    if minima:
        steps.append(
            f"een score onder het minimum verandert alleen door de {score_word} te herzien, met motivering "
            "(Consolideren, of 'beoordelaar consensus')"
        )
    knock_outs = "Dat is een knock-out" if len(reasons) == 1 else "Dat zijn knock-outs"
    return (
        f"Inschrijving {number} kan niet met een afwijking worden {_POSITIVE_VERB[outcome]}: {failed}. "
        f"{knock_outs}: {' en '.join(steps)}. Stel daarna de besluiten opnieuw voor; het voorstel volgt dan het "
        "dossier (een al bevestigd besluit wijzigt u daarna met een gemotiveerde afwijking)."
    )


def override_decision(
    sessions: sessionmaker[Session],
    round_id: int,
    registration_number: str,
    outcome: Outcome,
    motivation: str,
    *,
    actor: str,
) -> DecisionRow:
    """The chair decides otherwise than the rules proposed: a new, confirmed revision with the motivation; the
    rules' proposal and reasons stay in the record beside it."""
    motivation = motivation.strip()
    if motivation_shortfall(motivation, OVERRIDE_MIN_LENGTH):
        raise UserError(
            f"Een afwijking van het voorstel heeft een motivering nodig van ten minste {OVERRIDE_MIN_LENGTH} tekens: "
            "waarom besluit de voorzitter anders dan de regels voorstellen?"
        )
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.DECIDE)
        procedure, framework = Procedure(rnd.procedure), round_framework(rnd)
        if outcome not in allowed_outcomes(procedure, framework):
            raise UserError(f"In een {procedure.label} is '{outcome.label}' geen mogelijk besluit.")
        registration = find_registration(session, rnd, registration_number)
        decision, proposal = _decidable(session, rnd, registration)
        if outcome is not Outcome.REJECT and proposal.reasons:
            raise UserError(knockout_refusal(registration.number, outcome, proposal.reasons, score_name(framework)))
        if framework.selection is not None and outcome is Outcome.SELECT:
            raise UserError(SELECTION_OVERRIDE)
        if decision.outcome == outcome.value:
            raise UserError(f"Het besluit over inschrijving {registration.number} is al '{outcome.label}'.")
        # The lots this entry moment decides (not those admitted to at an earlier one), else every lot bid for.
        lots = tuple(o.lot for o in proposal.lots) or tuple(lot.code for lot in registration.lots) or ("",)
        overridden = [LotOutcome(lot, outcome, "besluit van de voorzitter, met motivering").as_json() for lot in lots]
        session.add(
            _next_revision(
                decision, outcome=outcome.value, override_motivation=motivation, decided_by=actor,
                lot_outcomes=overridden,
            )
        )  # fmt: skip
        _mark_decided(session, rnd)
        record_action(
            session, "decision-overridden", "registrations", str(registration.id),
            {"proposed": decision.proposed_outcome, "outcome": outcome.value, "motivation": motivation},
        )  # fmt: skip
        return _rows_for(session, rnd, registration.id)


def _rows_for(session: Session, rnd: m.Round, registration_id: int) -> DecisionRow:
    session.flush()
    return next(r for r in _rows(session, rnd) if r.registration_id == registration_id)
