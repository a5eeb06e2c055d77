"""Consolidation of a round: every cell's spread and flags, agreement per criterion, totals per registration."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from operator import itemgetter
from typing import Any

from sqlalchemy import Exists, String, bindparam, select, type_coerce
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.consolidation.ranking import placings
from beoordelaar.core.consolidation.settlement import round_requirement_sheets
from beoordelaar.core.consolidation.spread import (
    Cell,
    CriterionAgreement,
    Exact,
    Figures,
    assessor_deviation,
    below_minimum,
    consolidate_cell,
    frozen_made,
    round_agreement,
)
from beoordelaar.core.decisions.proposal import weighted_total
from beoordelaar.core.rounds.framework import Framework, parse_framework
from beoordelaar.core.rounds.procedure import Procedure, SettledVerdict
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import head_hash
from beoordelaar.core.storage.bulk import collection_paused, plain_rows
from beoordelaar.core.storage.results import results_of


@dataclass(frozen=True)
class RegistrationTotals:
    id: int
    number: str
    name: str
    total: Exact | None  # exact: a Fraction where it has no finite decimal form
    consensus: str  # open, partial, complete
    below_minimum: tuple[str, ...]
    lots: tuple[str, ...] = ()
    # Rank per lot, only where the procedure ranks (never in Open House): ((lot code, rank), ...).
    ranks: tuple[tuple[str, int], ...] = ()
    # Exclusion grounds and requirements not met (settled so, or failing on the declared answer): not ranked.
    failed_requirements: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        """Ranked only when every requirement is met and the plan reaches every minimum."""
        return bool(self.plan_passed) and not self.failed_requirements

    @property
    def plan_passed(self) -> bool | None:
        """Whether every plan criterion reaches its minimum; None while the consensus is not complete."""
        if self.below_minimum:
            return False
        return True if self.consensus == "complete" else None

    @property
    def why(self) -> str:
        if self.below_minimum:
            return "Voldoet niet: onder het minimum op " + ", ".join(self.below_minimum)
        if self.consensus != "complete":
            return "Nog niet alle consensusscores vastgesteld"
        return "Voldoet: elk criterium haalt het minimum"


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
                    "plan_passed": r.plan_passed,
                    "lots": list(r.lots),
                    "ranks": {lot: rank for lot, rank in r.ranks},
                    "failed_requirements": list(r.failed_requirements),
                }
                for r in self.registrations
            ],
        }


def _scored(assignment: type[m.Assignment]) -> Exists:
    """Whether the assessor of an assignment has scored it (every revision holds a value). It asks for the id alone,
    so that SQLite answers from the unique index of the revisions and never reads a revision's row."""
    return (
        select(m.ScoreRevision.id)
        .where(
            m.ScoreRevision.assessor_id == assignment.assessor_id,
            m.ScoreRevision.registration_id == assignment.registration_id,
            m.ScoreRevision.criterion_id == assignment.criterion_id,
        )
        .exists()
    )


# The round's rows as plain values, each statement made once (plain_rows compiles it once per dialect).
_ROUND = bindparam("round_id")
# The scores' values as the stored text on every engine (where plain_rows falls back to an ordinary execute too): a
# Decimal 6.0 would find 6's conversion in a dict keyed by value, and lose its spelling.
_VALUE_TEXT = type_coerce(m.ScoreRevision.value, String)
_SCORES = (
    select(m.ScoreRevision.registration_id, m.ScoreRevision.criterion_id, m.ScoreRevision.assessor_id, _VALUE_TEXT,
           m.ScoreRevision.revision)
    .join(m.Registration, m.Registration.id == m.ScoreRevision.registration_id)
    .where(m.Registration.round_id == _ROUND)
    # A registration's revisions in the order of entry, as SQLite's indexes hold them: it need not sort 100,000 rows.
    # _latest_scores puts them in the order of revision (stable: ties stay in the order of entry).
    .order_by(m.Registration.id, m.ScoreRevision.id)
)  # fmt: skip
_LOTS = (
    select(m.RegistrationLot.registration_id, m.Lot.code).join(m.Lot).where(m.Lot.round_id == _ROUND)
    .order_by(m.Lot.code)
)  # fmt: skip
_ASSESSORS = select(m.Assessor.id, m.Assessor.name).where(m.Assessor.round_id == _ROUND)
_REGISTRATIONS = (
    select(m.Registration.id, m.Registration.number, m.Registration.name).where(m.Registration.round_id == _ROUND)
    .order_by(m.Registration.sequence)
)  # fmt: skip
_ROUND_ROW = (
    select(m.Round.id, m.Round.procedure, m.Framework.source_text, m.Framework.name)
    .join(m.Framework, m.Framework.id == m.Round.framework_id)
    .where(m.Round.id == _ROUND)
)
_PLAN_CRITERIA = (
    select(m.Criterion.id, m.Criterion.code)
    .join(m.Round, m.Round.framework_id == m.Criterion.framework_id)
    .where(m.Round.id == _ROUND, m.Criterion.part == "plan")
    .order_by(m.Criterion.position)
)
_UNSCORED = (
    select(m.Assignment.registration_id, m.Assignment.criterion_id, m.Assignment.assessor_id)
    .join(m.Assessor)
    .where(
        m.Assessor.round_id == _ROUND,
        m.Assignment.criterion_id.in_(_PLAN_CRITERIA.with_only_columns(m.Criterion.id).order_by(None)),
        ~_scored(m.Assignment),
    )
)
_CONSENSUS = (
    select(m.ConsensusScore.registration_id, m.ConsensusScore.criterion_id,
           type_coerce(m.ConsensusScore.value, String), type_coerce(m.ConsensusScore.mean, String))
    .join(m.Registration).where(m.Registration.round_id == _ROUND)
    # Each cell's revisions in order, the last one read last: the order of the unique index, so SQLite need not sort.
    .order_by(m.Registration.id, m.ConsensusScore.criterion_id, m.ConsensusScore.revision)
)  # fmt: skip


def _latest_scores(
    session: Session, round_id: int, criteria: Mapping[int, str], assessors: Mapping[int, str]
) -> tuple[dict[tuple[int, int], dict[str, Decimal]], bool]:
    """Per cell (registration id, criterion id) of the plan the latest score of each assessor, by name; and whether
    each value has one spelling (never 6 beside 6.0)."""
    rows = plain_rows(session, _SCORES, {"round_id": round_id})
    # By revision, then in the order of entry: within a cell (one registration) the order of (revision, id), the order
    # an assessor first appears in and the revision that comes last.
    rows.sort(key=itemgetter(4))
    # The driver gives the stored text; a scale has a handful of steps, so each is converted once.
    exact = _Converted(lambda text: Decimal(str(text)))
    scores: dict[tuple[int, int], dict[str, Decimal]] = defaultdict(dict)
    for registration_id, criterion_id, assessor_id, value, _revision in rows:
        if criterion_id in criteria:  # a later revision overwrites, in its place
            scores[(registration_id, criterion_id)][assessors[assessor_id]] = exact[value]
    return scores, len(set(exact.values())) == len(exact)


class _Converted(dict[object, Any]):
    """Each stored text converted once, when first met: a read of 100,000 scores meets a handful of texts."""

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        super().__init__()
        self._convert = convert

    def __missing__(self, text: object) -> Any:
        value = self[text] = self._convert(text)
        return value


def consolidate_round(
    sessions: sessionmaker[Session], round_id: int, *, agreement: bool = True, keep: bool = True
) -> RoundConsolidation:
    """Every cell's figures and flags, totals per registration and, unless agreement=False (when only the cells and
    totals are wanted), the agreement figures. Reused from the database's result cache while its audit head stays;
    keep=False reuses a cached result but does not cache a new one, for a caller that reads a few figures from it once
    and wants the memory of its cells back (the proces-verbaal)."""
    with sessions() as session:  # one read: the key and the figures of the same history
        found_round = plain_rows(session, _ROUND_ROW, {"round_id": round_id})
        if not found_round:
            find_round(session, round_id)  # the message naming the rounds there are
        [(found_id, procedure, framework_text, framework_name)] = found_round
        key = ("consolidation", found_id, head_hash(session))
        cache = results_of(session)
        # A result with the agreement figures serves a caller that does not need them just as well.
        for candidate in ((*key, agreement), (*key, True)):
            found = cache.get(candidate) if cache is not None else None
            if isinstance(found, RoundConsolidation):
                return found
        with collection_paused():  # the scores, cells and figures all live until the result is made
            framework = parse_framework(framework_text, framework_name)  # as round_framework reads it
            result = _consolidate(sessions, session, found_id, Procedure(procedure), framework, agreement=agreement)
    if cache is not None and keep:
        cache.put((*key, agreement), result)
    return result


def _consolidate(
    sessions: sessionmaker[Session],
    session: Session,
    round_id: int,
    procedure: Procedure,
    framework: Framework,
    *,
    agreement: bool,
) -> RoundConsolidation:
    parameters = {"round_id": round_id}
    criteria: dict[int, str] = dict(plain_rows(session, _PLAN_CRITERIA, parameters))
    lots: dict[int, tuple[str, ...]] = defaultdict(tuple)
    for registration_id, lot_code in plain_rows(session, _LOTS, parameters):
        lots[registration_id] += (lot_code,)
    assessors: dict[int, str] = {a_id: name for a_id, name in plain_rows(session, _ASSESSORS, parameters)}
    registrations = plain_rows(session, _REGISTRATIONS, parameters)
    unscored: dict[tuple[int, int], list[str]] = defaultdict(list)  # assigned on the plan, and never scored
    for registration_id, criterion_id, assessor_id in plain_rows(session, _UNSCORED, parameters):
        unscored[(registration_id, criterion_id)].append(assessors[assessor_id])
    scores, one_spelling = _latest_scores(session, round_id, criteria, assessors)
    consensus: dict[tuple[int, str], Exact] = {}
    means: dict[tuple[int, str], Exact | None] = {}
    dialect = session.get_bind().dialect
    read = _Converted(lambda text: m.Exact.process_result_value(text, dialect))  # as the column reads it
    for registration_id, criterion_id, value, mean in plain_rows(session, _CONSENSUS, parameters):
        cell = (registration_id, criteria[criterion_id])
        consensus[cell] = read[value]
        means[cell] = read[mean]

    by_code = {c.code: c for c in framework.plan_criteria}
    figures: dict[tuple[object, ...], Figures] | None = {} if one_spelling else None
    cells = []
    multisets = []  # each cell's values sorted, once for its figures and its share of the agreement
    for registration_id, _number, _name in registrations:
        for criterion_id, code in criteria.items():
            key = (registration_id, criterion_id)
            found = scores.get(key, {})
            ordered = tuple(sorted(found.values()))
            multisets.append(ordered)
            cells.append(
                consolidate_cell(by_code[code], registration_id, found, unscored.get(key, ()),
                                 framework.spread_threshold, figures=figures, ordered=ordered)
            )  # fmt: skip
    totals = []
    for registration_id, number, name in registrations:
        agreed = {code: consensus[(registration_id, code)] for code in by_code if (registration_id, code) in consensus}
        state = "complete" if len(agreed) == len(by_code) else "partial" if agreed else "open"
        below = tuple(
            code
            for code, value in agreed.items()
            if below_minimum(by_code[code], value, means[(registration_id, code)])
        )
        total = weighted_total(framework, agreed)
        # Not ranked and no failed requirements yet (_ranked adds them).
        totals.append(
            frozen_made(RegistrationTotals, registration_id, number, name, total, state, below,
                        lots.get(registration_id, ()), (), ())
        )  # fmt: skip
    if procedure.ranks:
        totals = _ranked(totals, _failed_requirements(sessions, round_id, framework))
    no_agreement = ((), CriterionAgreement("*", None, None))
    per_criterion, overall = round_agreement(by_code, cells, multisets) if agreement else no_agreement
    return RoundConsolidation(
        round_id=round_id,
        criteria=tuple(by_code),
        cells=tuple(cells),
        agreement=per_criterion,
        overall=overall,
        deviation=assessor_deviation(cells, consensus) if agreement else {},
        registrations=tuple(totals),
    )


def _failed_requirements(
    sessions: sessionmaker[Session], round_id: int, framework: Framework
) -> dict[int, tuple[str, ...]]:
    """Per registration the exclusion grounds and requirements that fail as the decision rules read them: settled
    niet-akkoord, or, while not settled, a mandatory one whose declared answer fails on its face."""
    mandatory = {c.code for c in framework.criteria if c.mandatory}
    return {
        registration_id: tuple(
            row.code
            for row in sheet
            if (
                row.settled.verdict is SettledVerdict.FAIL
                if row.settled
                else row.code in mandatory and row.automatic is False
            )
        )
        for registration_id, sheet in round_requirement_sheets(sessions, round_id).items()
    }


def _ranked(totals: list[RegistrationTotals], failed: dict[int, tuple[str, ...]]) -> list[RegistrationTotals]:
    checked = [replace(row, failed_requirements=failed.get(row.id, ())) for row in totals]
    found = placings((row.id, row.lots, row.total, row.valid) for row in checked)
    return [replace(row, ranks=tuple((p.lot, p.rank) for p in found.get(row.id, ()))) for row in checked]
