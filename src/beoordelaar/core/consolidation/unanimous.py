"""Consensus where the commission already agrees: the cells where every assessor independently gave the same step,
confirmed by the chair in one step, each with a commission motivation composed from the assessors' findings (without
their names or scores, as "Citeer motiveringen" in the meeting does).

Only in a consensus round, only for a registration whose independent scoring is complete (every assigned assessor
scored every plan criterion and handed in) and not conflicted (no score from a member who declared a conflict with
it, and at least the framework's minimum number of assessors), and only for cells without a consensus score yet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.consolidation.consensus import chair_round, individual_motivations, round_consensus
from beoordelaar.core.consolidation.consensus_batch import ConsensusBatch
from beoordelaar.core.consolidation.consolidation import RoundConsolidation, consolidate_round
from beoordelaar.core.consolidation.spread import quote_motivations
from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.framework import Framework, ScoringModel
from beoordelaar.core.rounds.rounds import round_framework
from beoordelaar.core.scoring.entry_rules import motivation_length, motivation_shortfall
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.text import count_text

Progress = Callable[[int, int], None]
MAX_NAMED = 10


@dataclass(frozen=True)
class UnanimousCell:
    number: str
    label: str  # the provider's name, or its anonymous label in an anonymised round
    code: str
    value: Decimal
    step: str  # the step's label on the scale
    assessors: int
    motivation: str  # composed from the assessors' findings, without names or scores
    shortfall: int  # characters the composed motivation lacks to reach the framework's minimum; 0 when long enough


@dataclass(frozen=True)
class UnanimousCells:
    cells: tuple[UnanimousCell, ...]
    min_length: int
    left_out: int  # registrations whose scoring is not complete, or conflicted


@dataclass(frozen=True)
class Confirmation:
    """One cell the chair confirms, with the motivation as it stands after editing."""

    number: str
    code: str
    motivation: str


@dataclass(frozen=True)
class BulkResult:
    confirmed: int
    registrations: int
    opened: int  # discussions opened by this confirmation

    def as_json(self) -> dict[str, int]:
        return {"confirmed": self.confirmed, "registrations": self.registrations, "opened": self.opened}


def _refuse_averaging(framework: Framework, round_name: str) -> None:
    if framework.scoring_model is not ScoringModel.CONSENSUS:
        raise UserError(
            f"Het kader van ronde '{round_name}' werkt met middelen, niet met consensus: eensgezinde cellen worden "
            "daar niet bevestigd."
        )


def _eligible(
    session: Session, rnd: m.Round, result: RoundConsolidation
) -> tuple[dict[tuple[str, str], UnanimousCell], int]:
    framework = round_framework(rnd)
    _refuse_averaging(framework, rnd.name)
    registrations = {r.id: r for r in rnd.registrations}
    assessors = {a.name: a for a in session.execute(select(m.Assessor).where(m.Assessor.round_id == rnd.id)).scalars()}
    members = [a.id for a in assessors.values()]
    declared = select(m.ConflictOfInterest.assessor_id, m.ConflictOfInterest.registration_id)
    conflicts = set(session.execute(declared.where(m.ConflictOfInterest.assessor_id.in_(members))).all())
    criteria = {c.code: c for c in rnd.framework.criteria}
    current = round_consensus(session, rnd)
    motivations = individual_motivations(session, rnd)
    cells_of: dict[int, list] = defaultdict(list)
    for cell in result.cells:
        cells_of[cell.registration].append(cell)
    found: dict[tuple[str, str], UnanimousCell] = {}
    left_out = 0
    for registration_id, cells in cells_of.items():
        registration = registrations[registration_id]
        scorers = {name for cell in cells for name in cell.scores}
        complete = all(cell.scores and not cell.missing for cell in cells) and all(
            assessors[name].submitted_at is not None for name in scorers
        )
        conflicted = any((assessors[name].id, registration_id) in conflicts for name in scorers) or (
            framework.minimum_assessors is not None
            and min(len(cell.scores) for cell in cells) < framework.minimum_assessors
        )
        if not complete or conflicted:
            left_out += 1
            continue
        label = registration.anonymous_label if rnd.anonymised else registration.name
        for cell in cells:
            values = set(cell.scores.values())
            if len(cell.scores) < 2 or len(values) != 1:
                continue
            if (registration_id, criteria[cell.criterion].id) in current:
                continue
            criterion = framework.criterion(cell.criterion)
            assert criterion.scale is not None
            value = values.pop()
            text = quote_motivations(
                (name, motivation) for name, _v, motivation in motivations[(registration_id, cell.criterion)]
            )
            found[(registration.number, cell.criterion)] = UnanimousCell(
                registration.number, label, cell.criterion, value, criterion.scale.label_for(value), len(cell.scores),
                text, motivation_shortfall(text, framework.consensus_motivation_min_length),
            )  # fmt: skip
    return found, left_out


def unanimous_cells(sessions: sessionmaker[Session], round_id: int) -> UnanimousCells:
    """The cells the chair may confirm in one step, in the round's order, each with its composed motivation."""
    result = consolidate_round(sessions, round_id, agreement=False)
    with sessions() as session:
        rnd = chair_round(session, round_id)
        found, left_out = _eligible(session, rnd, result)
        min_length = round_framework(rnd).consensus_motivation_min_length
    return UnanimousCells(tuple(found.values()), min_length, left_out)


def _named(keys: Iterable[str]) -> str:
    shown = list(keys)
    more = f" (en nog {len(shown) - MAX_NAMED})" if len(shown) > MAX_NAMED else ""
    return ", ".join(shown[:MAX_NAMED]) + more


def confirm_unanimous(
    sessions: sessionmaker[Session],
    round_id: int,
    confirmations: Iterable[Confirmation],
    *,
    actor: str,
    progress: Progress | None = None,
) -> BulkResult:
    """Confirm these unanimous cells as the commission's consensus scores, each with its (edited) motivation, in one
    transaction: every cell is checked first (still unanimous and open, motivation long enough) and one wrong cell
    refuses them all. Each score is recorded with source "bulk" and the chair as who set it."""
    chosen = list({(c.number, c.code): c for c in confirmations}.values())
    if not chosen:
        raise UserError("Er is geen cel gekozen om te bevestigen.")
    result = consolidate_round(sessions, round_id, agreement=False)
    with unit_of_work(sessions, actor, source="bulk") as session:
        rnd = chair_round(session, round_id)
        found, _left_out = _eligible(session, rnd, result)
        min_length = round_framework(rnd).consensus_motivation_min_length
        unknown = [f"{c.number} {c.code}" for c in chosen if (c.number, c.code) not in found]
        if unknown:
            raise UserError(
                f"Niet (meer) eensgezind of al vastgesteld: {_named(unknown)}. Er is niets bevestigd; open het "
                "overzicht opnieuw."
            )
        short = [
            f"{c.number} {c.code} ({motivation_length(c.motivation)} tekens)"
            for c in chosen
            if motivation_shortfall(c.motivation, min_length)
        ]
        if short:
            raise UserError(
                f"De motivering is te kort (minimaal {min_length} tekens) bij {_named(short)}. Vul die aan of laat die "
                "cellen uit; er is niets bevestigd."
            )
        registrations = {r.number: r for r in rnd.registrations}
        rows = {c.code: c for c in rnd.framework.criteria}
        opened = 0
        writes = ConsensusBatch()
        for done, confirmation in enumerate(chosen, start=1):
            registration = registrations[confirmation.number]
            opened += writes.open_discussion(registration)
            cell = found[(confirmation.number, confirmation.code)]
            writes.add_revision(
                registration.id, rows[confirmation.code], cell.value, confirmation.motivation.strip(), None,
                source="bulk", actor=actor,
            )  # fmt: skip
            if progress is not None:
                progress(done, len(chosen))
        writes.write(session)
        count = len({c.number for c in chosen})
        record_action(
            session, "consensus-confirmed-in-bulk", "rounds", str(rnd.id),
            {"cells": len(chosen), "registrations": count, "by": actor,
             "summary": f"{count_text(len(chosen), 'cel', 'cellen')} eensgezind bevestigd"},
        )  # fmt: skip
        return BulkResult(len(chosen), count, opened)
