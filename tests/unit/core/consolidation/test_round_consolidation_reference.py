"""consolidate_round against a straightforward reference computed here from the ORM objects, one cell at a time: every
figure (cells, flags, agreement, deviation, totals, ranks) and every order (repr) must be the same, on rounds with
disagreements, missing scores, revisions, consensus set and not set, exact means and a second spelling of a value."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import FrozenInstanceError, replace
from decimal import Decimal
from fractions import Fraction

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.consolidation import consolidation as c
from beoordelaar.core.consolidation.agreement import Level, alphas
from beoordelaar.core.consolidation.spread import Cell, CriterionAgreement, Exact, Flag, below_minimum
from beoordelaar.core.decisions.proposal import weighted_total
from beoordelaar.core.rounds.framework import Criterion
from beoordelaar.core.rounds.procedure import Procedure
from beoordelaar.core.rounds.rounds import round_framework
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database
from templates import DemoCopies

LEVELS = (Level.ORDINAL, Level.INTERVAL)


def _reference_cell(
    criterion: Criterion, registration: int, scores: dict[str, Decimal], assigned: list[str], threshold: int
) -> Cell:
    assert criterion.scale is not None
    missing = tuple(sorted(set(assigned) - set(scores)))
    if not scores:
        return Cell(registration, criterion.code, {}, missing, None, None, None, (Flag.MISSING,) if missing else ())
    values = list(scores.values())
    low, high = min(values), max(values)
    spread = criterion.scale.index_of(high) - criterion.scale.index_of(low)
    flags = [Flag.SPREAD] if len(values) > 1 and spread >= threshold else []
    if criterion.minimum is not None and low < criterion.minimum <= high:
        flags.append(Flag.BOTH_SIDES_OF_MINIMUM)
    if missing:
        flags.append(Flag.MISSING)
    mean = sum(values, Decimal(0)) / len(values)
    median = Decimal(statistics.median(values))
    return Cell(registration, criterion.code, dict(scores), missing, mean, median, spread, tuple(flags))


def _deviation(cells: list[Cell], consensus: dict[tuple[int, str], Exact]) -> dict[str, Decimal]:
    differences: dict[str, list[Fraction]] = defaultdict(list)
    for cell in cells:
        if (cell.registration, cell.criterion) in consensus:
            agreed = Fraction(consensus[(cell.registration, cell.criterion)])
            for assessor, value in cell.scores.items():
                differences[assessor].append(Fraction(value) - agreed)
    means = {a: sum(differences[a], Fraction(0)) / len(differences[a]) for a in sorted(differences)}
    return {a: Decimal(f.numerator) / Decimal(f.denominator) for a, f in means.items()}


def _agreement(code: str, cells: list[Cell]) -> CriterionAgreement:
    found = alphas((tuple(cell.scores.values()) for cell in cells), LEVELS)
    return CriterionAgreement(code, *(found[level] for level in LEVELS))


def reference(sessions: sessionmaker[Session], round_id: int, *, agreement: bool) -> c.RoundConsolidation:
    with sessions() as session:
        return _reference(sessions, session, round_id, agreement=agreement)


def _reference(
    sessions: sessionmaker[Session], session: Session, round_id: int, *, agreement: bool
) -> c.RoundConsolidation:
    rnd = session.get(m.Round, round_id)
    assert rnd is not None
    framework = round_framework(rnd)
    plan = framework.plan_criteria
    ids = {row.code: row.id for row in rnd.framework.criteria}
    names = {a.id: a.name for a in rnd.assessors}
    registrations = sorted(rnd.registrations, key=lambda r: r.sequence)
    cells, consensus, means = [], {}, {}
    for registration in registrations:
        for criterion in plan:
            where = (
                m.ScoreRevision.registration_id == registration.id,
                m.ScoreRevision.criterion_id == ids[criterion.code],
            )
            revisions = session.scalars(select(m.ScoreRevision).where(*where)).all()
            scores: dict[str, Decimal] = {}
            for row in sorted(revisions, key=lambda r: (r.revision, r.id)):  # the latest wins, in its first place
                scores[names[row.assessor_id]] = Decimal(str(row.value))
            assigned = [
                names[a.assessor_id]
                for a in session.scalars(
                    select(m.Assignment).where(
                        m.Assignment.registration_id == registration.id,
                        m.Assignment.criterion_id == ids[criterion.code],
                    )
                )
                if a.assessor_id not in {r.assessor_id for r in revisions}
            ]
            cells.append(_reference_cell(criterion, registration.id, scores, assigned, framework.spread_threshold))
            agreed = session.scalars(
                select(m.ConsensusScore)
                .where(
                    m.ConsensusScore.registration_id == registration.id,
                    m.ConsensusScore.criterion_id == ids[criterion.code],
                )
                .order_by(m.ConsensusScore.revision.desc())
            ).first()
            if agreed is not None:
                consensus[(registration.id, criterion.code)] = agreed.value
                means[(registration.id, criterion.code)] = agreed.mean
    totals = []
    for registration in registrations:
        agreed = {k.code: consensus[(registration.id, k.code)] for k in plan if (registration.id, k.code) in consensus}
        state = "complete" if len(agreed) == len(plan) else "partial" if agreed else "open"
        below = tuple(
            k.code
            for k in plan
            if k.code in agreed and below_minimum(k, agreed[k.code], means[(registration.id, k.code)])
        )
        lots = tuple(sorted(lot.code for lot in registration.lots))
        total = weighted_total(framework, agreed)
        totals.append(
            c.RegistrationTotals(
                registration.id, registration.number, registration.name, total, state, below, lots=lots
            )
        )
    if Procedure(rnd.procedure).ranks:
        totals = c._ranked(totals, c._failed_requirements(sessions, round_id, framework))
    if agreement:
        per_code = tuple(_agreement(k.code, [cell for cell in cells if cell.criterion == k.code]) for k in plan)
        overall = _agreement("*", cells)
        deviation = _deviation(cells, consensus)
    else:
        per_code, overall, deviation = (), CriterionAgreement("*", None, None), {}
    return c.RoundConsolidation(
        round_id, tuple(k.code for k in plan), tuple(cells), per_code, overall, deviation, tuple(totals)
    )


def _unsettle(db: Database, round_id: int, *, procedure: Procedure, second_spelling: bool) -> None:
    """Disagreements, missing scores, revisions, consensus missing here and there, an exact mean (10/3)."""
    with unit_of_work(db.sessions, "t") as session:
        rnd = session.get(m.Round, round_id)
        assert rnd is not None
        rnd.procedure = procedure.value
        registrations = sorted(rnd.registrations, key=lambda r: r.sequence)
        plan = [k for k in sorted(rnd.framework.criteria, key=lambda k: k.position) if k.part == "plan"]
        scores = session.scalars(
            select(m.ScoreRevision)
            .join(m.Registration)
            .where(m.Registration.round_id == round_id)
            .order_by(m.ScoreRevision.id)
        ).all()
        by_cell: dict[tuple[int, int], list[m.ScoreRevision]] = defaultdict(list)
        for row in scores:
            by_cell[(row.registration_id, row.criterion_id)].append(row)
        first, second, third = registrations[0], registrations[1], registrations[2]
        reordered = (first.id, plan[3].id)
        for row in by_cell[(first.id, plan[0].id)][:2]:  # two assessors missing on one cell
            session.delete(row)
        for row in by_cell[(second.id, plan[1].id)]:  # everyone missing on another
            session.delete(row)
        for index, row in enumerate(by_cell[(third.id, plan[2].id)] + by_cell[(first.id, plan[3].id)]):
            step = Decimal(1) if index % 2 else Decimal(5)  # revised apart: a spread, both sides of a minimum
            text = f"{step}.0" if second_spelling and index == 0 else step
            session.add(
                m.ScoreRevision(
                    assessor_id=row.assessor_id,
                    registration_id=row.registration_id,
                    criterion_id=row.criterion_id,
                    revision=row.revision + 1,
                    value=Decimal(text),
                    motivation=row.motivation,
                    source="app",
                )
            )
        consensus = session.scalars(
            select(m.ConsensusScore).join(m.Registration).where(m.Registration.round_id == round_id)
        ).all()
        for row in consensus:
            if row.registration_id == second.id or (row.registration_id == third.id and row.criterion_id == plan[0].id):
                session.delete(row)  # one registration open, one partial
            elif row.registration_id == registrations[3].id and row.criterion_id == plan[1].id:
                session.add(_revised(row, Fraction(10, 3), Fraction(10, 3)))
            elif row.registration_id == registrations[4].id and row.criterion_id == plan[0].id:
                session.add(_revised(row, Decimal(3), Decimal("2.5")))
    _out_of_entry_order(db, *reordered)


def _revised(row: m.ConsensusScore, value: Exact, mean: Exact) -> m.ConsensusScore:
    """The cell's consensus score once more, as its next revision, with this value and mean."""
    return m.ConsensusScore(
        registration_id=row.registration_id, criterion_id=row.criterion_id, revision=row.revision + 1, value=value,
        mean=mean, motivation=row.motivation, source="averaging", set_by="t",
    )  # fmt: skip


def _out_of_entry_order(db: Database, registration_id: int, criterion_id: int) -> None:
    """On a revised cell one assessor whose first revision is gone (theirs start at 2) and one whose first revision
    was entered after the others' second: the order of (revision, entry) is not the order of entry alone."""
    where = (m.ScoreRevision.registration_id == registration_id, m.ScoreRevision.criterion_id == criterion_id)
    with unit_of_work(db.sessions, "t") as session:
        gone, late = session.scalars(
            select(m.ScoreRevision).where(*where, m.ScoreRevision.revision == 1).order_by(m.ScoreRevision.id)
        ).all()[:2]
        again = {"assessor_id": late.assessor_id, "value": late.value, "motivation": late.motivation}
        session.delete(gone)
        session.delete(late)
    with unit_of_work(db.sessions, "t") as session:
        session.add(
            m.ScoreRevision(
                registration_id=registration_id, criterion_id=criterion_id, revision=1, source="app", **again
            )
        )


@pytest.mark.parametrize("second_spelling", [False, True])
@pytest.mark.parametrize("procedure", [Procedure.OPEN_HOUSE, Procedure.TENDER])
def test_every_figure_and_order_is_the_reference(
    db: Database, cached_demo: DemoCopies, procedure: Procedure, second_spelling: bool
) -> None:
    round_id = cached_demo(db, providers=8, assessors=3, actor="t").id
    untouched = c.consolidate_round(db.sessions, round_id)
    assert repr(untouched) == repr(reference(db.sessions, round_id, agreement=True))
    _unsettle(db, round_id, procedure=procedure, second_spelling=second_spelling)
    for agreement in (False, True):
        db.results.clear()
        found = c.consolidate_round(db.sessions, round_id, agreement=agreement)
        expected = reference(db.sessions, round_id, agreement=agreement)
        assert found == expected
        assert repr(found) == repr(expected)
    states = {r.consensus for r in found.registrations}
    flags = {flag for cell in found.cells for flag in cell.flags}
    assert states == {"open", "partial", "complete"} and flags == set(Flag)
    assert any(isinstance(r.total, Fraction) for r in found.registrations)
    assert any(r.below_minimum for r in found.registrations) and found.deviation
    assert any(r.ranks for r in found.registrations) is procedure.ranks
    for made in (found.cells[0], found.registrations[0]):  # made without __init__: the same object, still frozen
        assert list(vars(made).items()) == list(vars(replace(made)).items())
        with pytest.raises(FrozenInstanceError):
            made.id = 0  # type: ignore[misc]
