"""The consensus discussion (consensusbespreking): from its opening on, assessors may see each other's scores."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.consolidation.consolidation import consolidate_round
from beoordelaar.core.consolidation.interview_answers import (
    InterviewAnswer,
    answer_by_point,
    answer_rested_on,
    held_answers,
)
from beoordelaar.core.consolidation.spread import (
    Exact,
    Flag,
    average_to_scale,
    averaging_note,
    consolidate_cell,
    exact_mean,
    needs_discussion,
    quote_motivations,
)
from beoordelaar.core.errors import ConflictError, UserError
from beoordelaar.core.registrations.registrations import find_registration
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.framework import Criterion, ScoringModel
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.rounds import find_round, round_framework
from beoordelaar.core.scoring.entry_rules import motivation_length, motivation_shortfall
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.text import number_text


def open_consensus(sessions: sessionmaker[Session], round_id: int, registration_number: str, *, actor: str) -> datetime:
    """The chair opens the discussion of one registration; returns when it was opened (the first time)."""
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.CONSOLIDATE)
        registration = find_registration(session, rnd, registration_number)
        open_discussion(session, registration)
        assert registration.consensus_opened_at is not None
        return registration.consensus_opened_at


def open_discussion(session: Session, registration: m.Registration) -> bool:
    """Open the registration's consensus discussion where it is not open yet, as the meeting does; whether it was."""
    if registration.consensus_opened_at is not None:
        return False
    registration.consensus_opened_at = utcnow()
    session.flush()
    record_action(session, "consensus-opened", "registrations", str(registration.id), None)
    return True


@dataclass(frozen=True)
class IndividualScore:
    assessor: str
    value: Decimal
    label: str
    motivation: str


@dataclass(frozen=True)
class ConsensusEntry:
    value: Exact  # a step, or under rounding "none" the exact mean
    label: str
    motivation: str
    revision: int
    source: str
    set_by: str
    set_at: datetime
    interview_id: int | None
    rests_on: InterviewAnswer | None = None  # the interview answer a change after an interview rests on
    mean: Exact | None = None  # a computed average's unrounded mean (what the minimum is tested on)


@dataclass(frozen=True)
class CriterionSheet:
    code: str
    title: str
    description: str
    scale: tuple[tuple[Decimal, str], ...]
    minimum: Decimal | None
    weight: Decimal
    individual: tuple[IndividualScore, ...]
    flags: tuple[Flag, ...]
    consensus: ConsensusEntry | None
    history: tuple[ConsensusEntry, ...]
    answers: tuple[InterviewAnswer, ...] = ()  # the answers on this criterion in held interviews, oldest first
    meanings: tuple[str, ...] = ()  # what each step of the scale means for this criterion, in the scale's order

    def meaning_of(self, value: Decimal) -> str:
        for (step, _label), meaning in zip(self.scale, self.meanings, strict=False):
            if step == value:
                return meaning
        return ""

    def outline(self, value: Decimal) -> str:
        """A structure for the commission's motivation at a chosen step: the findings, the place on the scale (with
        what that step means here) and why not the next step up; the commission fills in the findings."""
        values = [step for step, _label in self.scale]
        labels = dict(self.scale)
        place = f"Plaats op de schaal: {number_text(value)} ({labels[value].lower()})"
        lines = ["Bevindingen: ", place + (f", {self.meaning_of(value)}" if self.meaning_of(value) else "")]
        higher = values[values.index(value) + 1] if values.index(value) + 1 < len(values) else None
        if higher is not None:
            needs = self.meaning_of(higher)
            lines.append(f"Waarom niet {number_text(higher)} ({labels[higher].lower()}): "
                         + (f"daarvoor moet gelden: {needs}; " if needs else ""))  # fmt: skip
        return "\n".join(lines)

    @property
    def quoted(self) -> str:
        """The assessors' motivations, ready to be quoted into the consensus motivation with one action."""
        return quote_motivations((s.assessor, s.motivation) for s in self.individual)


@dataclass(frozen=True)
class ConsensusSheet:
    """Everything the consensus meeting shows for one registration."""

    registration_id: int
    number: str
    label: str
    opened_at: datetime | None
    criteria: tuple[CriterionSheet, ...]
    motivation_min_length: int

    @property
    def discussed(self) -> bool:
        return all(c.consensus is not None for c in self.criteria)


@dataclass(frozen=True)
class AgendaRow:
    registration_id: int
    number: str
    label: str
    flagged: int
    discussed: bool


def chair_round(session: Session, round_id: int) -> m.Round:
    rnd = find_round(session, round_id)
    refuse_on_laptop(session, rnd.id, ChairAction.CONSOLIDATE)
    return rnd


def _entry(row: m.ConsensusScore, criterion: Criterion, rests_on: InterviewAnswer | None = None) -> ConsensusEntry:
    assert criterion.scale is not None
    return ConsensusEntry(
        value=row.value,
        label=criterion.scale.label_for(row.value),
        motivation=row.motivation,
        revision=row.revision,
        source=row.source,
        set_by=row.set_by,
        set_at=row.set_at,
        interview_id=row.interview_id,
        rests_on=rests_on,
        mean=row.mean,
    )


def consensus_sheet(sessions: sessionmaker[Session], round_id: int, registration_number: str) -> ConsensusSheet:
    with sessions() as session:
        rnd = chair_round(session, round_id)
        registration = find_registration(session, rnd, registration_number)
        return consensus_sheets(session, rnd, [registration])[registration.id]


def consensus_sheets(
    session: Session, rnd: m.Round, registrations: Sequence[m.Registration]
) -> dict[int, ConsensusSheet]:
    """The consensus sheets of these registrations of the round, by id, read together (the proces-verbaal reads the
    round a batch at a time)."""
    framework = round_framework(rnd)
    ids = [r.id for r in registrations]
    rows = {c.id: c for c in rnd.framework.criteria}
    assigned: dict[tuple[int, str], list[str]] = defaultdict(list)
    for registration_id, assessor, criterion_id in session.execute(
        select(m.Assignment.registration_id, m.Assessor.name, m.Assignment.criterion_id)
        .join(m.Assessor)
        .where(m.Assignment.registration_id.in_(ids))
    ):
        assigned[(registration_id, rows[criterion_id].code)].append(assessor)
    latest: dict[int, dict[tuple[str, str], tuple[Decimal, str]]] = defaultdict(dict)
    for registration_id, criterion_id, value, motivation, assessor in session.execute(
        select(m.ScoreRevision.registration_id, m.ScoreRevision.criterion_id, m.ScoreRevision.value,
               m.ScoreRevision.motivation, m.Assessor.name)
        .join(m.Assessor)
        .where(m.ScoreRevision.registration_id.in_(ids))
        .order_by(m.ScoreRevision.revision)
    ):  # fmt: skip
        latest[registration_id][(rows[criterion_id].code, assessor)] = (value, motivation)
    history: dict[tuple[int, str], list[m.ConsensusScore]] = defaultdict(list)
    for row in session.execute(
        select(m.ConsensusScore).where(m.ConsensusScore.registration_id.in_(ids)).order_by(m.ConsensusScore.revision)
    ).scalars():
        history[(row.registration_id, rows[row.criterion_id].code)].append(row)
    rested_on = answer_by_point(session, (r.interview_point_id for rs in history.values() for r in rs))
    answers = held_answers(session, ids)
    criterion_ids = {c.code: c.id for c in rnd.framework.criteria}
    sheets: dict[int, ConsensusSheet] = {}
    for registration in registrations:
        scored = latest.get(registration.id, {})
        criteria = []
        for criterion in framework.plan_criteria:
            assert criterion.scale is not None
            own = sorted(((a, s) for (code, a), s in scored.items() if code == criterion.code), key=lambda x: x[0])
            individual = tuple(
                IndividualScore(a, value, criterion.scale.label_for(value), motivation)
                for a, (value, motivation) in own
            )
            cell = consolidate_cell(
                criterion,
                registration.id,
                {s.assessor: s.value for s in individual},
                assigned[(registration.id, criterion.code)],
                framework.spread_threshold,
            )
            entries = tuple(
                _entry(row, criterion, rested_on.get(row.interview_point_id or 0))
                for row in history[(registration.id, criterion.code)]
            )
            criteria.append(
                CriterionSheet(
                    code=criterion.code,
                    title=criterion.title,
                    description=criterion.description,
                    scale=tuple((step.value, step.label) for step in criterion.scale.steps),
                    minimum=criterion.minimum,
                    weight=criterion.weight,
                    individual=individual,
                    flags=cell.flags,
                    consensus=entries[-1] if entries else None,
                    history=entries,
                    answers=tuple(answers.get((registration.id, criterion_ids[criterion.code]), ())),
                    meanings=criterion.step_meanings,
                )
            )
        sheets[registration.id] = ConsensusSheet(
            registration_id=registration.id,
            number=registration.number,
            label=registration.anonymous_label if rnd.anonymised else registration.name,
            opened_at=registration.consensus_opened_at,
            criteria=tuple(criteria),
            motivation_min_length=framework.consensus_motivation_min_length,
        )
    return sheets


def meeting_agenda(sessions: sessionmaker[Session], round_id: int) -> list[AgendaRow]:
    """The registrations in meeting order, with how many flagged cells each has and whether it was discussed."""
    result = consolidate_round(sessions, round_id, agreement=False)
    flagged: dict[int, int] = defaultdict(int)
    for cell in result.cells:
        if needs_discussion(cell.flags):
            flagged[cell.registration] += 1
    with sessions() as session:
        rnd = find_round(session, round_id)
        anonymous = {r.id: r.anonymous_label for r in rnd.registrations} if rnd.anonymised else {}
    return [
        AgendaRow(r.id, r.number, anonymous.get(r.id, r.name), flagged[r.id], r.consensus == "complete")
        for r in result.registrations
    ]


def set_consensus_score(
    sessions: sessionmaker[Session],
    round_id: int,
    registration_number: str,
    code: str,
    value: Decimal,
    motivation: str,
    *,
    actor: str,
    source: str = "consensus",
    interview_id: int | None = None,
    interview_point_id: int | None = None,
    expected_revision: int | None = None,
) -> ConsensusEntry:
    """Set the commission's score on one criterion with its motivation: a new revision when anything changed.

    Opening the discussion of the registration is implied: from then on the assessors may see each other's scores.
    A score that changes after an interview on this criterion names the answer it rests on (interview_point_id).
    expected_revision is the revision the screen showed (0: none yet); when a colleague saved another since, this is
    a ConflictError and nothing is saved.
    """
    with unit_of_work(sessions, actor, source=source) as session:
        rnd = chair_round(session, round_id)
        framework = round_framework(rnd)
        registration = find_registration(session, rnd, registration_number)
        try:
            criterion = framework.criterion(code)
        except KeyError:
            raise UserError(f"Criterium '{code}' bestaat niet in het kader van ronde '{rnd.name}'.") from None
        if criterion.scale is None:
            raise UserError(f"{code} is geen criterium van het plan van aanpak; het krijgt geen score.")
        if value not in criterion.scale.values:
            steps = ", ".join(number_text(v) for v in criterion.scale.values)
            raise UserError(f"{number_text(value)} is geen stap van de schaal van {code} (stappen: {steps}).")
        text = motivation.strip()
        if motivation_shortfall(text, framework.consensus_motivation_min_length):
            raise UserError(
                f"De motivering van de consensusscore op {code} is te kort ({motivation_length(text)} tekens; minimaal "
                f"{framework.consensus_motivation_min_length}). Een score zonder motivering houdt geen stand."
            )
        row = next(c for c in rnd.framework.criteria if c.code == code)
        current = current_consensus(session, registration.id, row.id)
        if expected_revision is not None and (current.revision if current else 0) != expected_revision:
            raise ConflictError()
        point = answer_rested_on(
            session, registration.id, row, interview_point_id, changes=current is None or current.value != value,
            what=f"de score op {code}",
        )  # fmt: skip
        if registration.consensus_opened_at is None:
            registration.consensus_opened_at = utcnow()
        added = add_consensus_revision(
            session, registration.id, row, value, text, current, source=source, actor=actor, interview_id=interview_id,
            interview_point_id=point,
        )  # fmt: skip
        kept = added or current
        assert kept is not None
        rests_on = answer_by_point(session, [kept.interview_point_id]).get(kept.interview_point_id or 0)
        return _entry(kept, criterion, rests_on)


@dataclass(frozen=True)
class AveragingResult:
    set: int
    unchanged: int
    incomplete: tuple[str, ...]


def apply_averaging(sessions: sessionmaker[Session], round_id: int, *, actor: str) -> AveragingResult:
    """The averaging model: every cell whose assessors all scored gets the mean, by the framework's rounding rule,
    in one transaction. Cells where an assigned assessor has not scored are listed, not averaged: in this model
    everyone scores everything."""
    result = consolidate_round(sessions, round_id, agreement=False)
    numbers = {r.id: r.number for r in result.registrations}
    with unit_of_work(sessions, actor, source="averaging") as session:
        rnd = chair_round(session, round_id)
        framework = round_framework(rnd)
        if framework.scoring_model is not ScoringModel.AVERAGING:
            raise UserError(f"Het kader van ronde '{rnd.name}' werkt met consensus, niet met middelen.")
        rows = {c.code: c for c in rnd.framework.criteria}
        motivations = individual_motivations(session, rnd)
        current = round_consensus(session, rnd)
        done = unchanged = 0
        incomplete = []
        for cell in result.cells:
            if cell.missing or not cell.scores:
                incomplete.append(f"{numbers[cell.registration]} {cell.criterion}")
                continue
            criterion = framework.criterion(cell.criterion)
            assert criterion.scale is not None
            value = average_to_scale(cell.scores.values(), criterion.scale, framework.rounding)
            kept = current.get((cell.registration, rows[cell.criterion].id))
            if kept is not None and (kept.source == "interview" or kept.interview_point_id is not None):
                unchanged += 1  # a score set after a verification interview rests on its answer, not on the mean
                continue
            mean = exact_mean(cell.scores.values())
            cell_motivations = motivations[(cell.registration, cell.criterion)]
            quoted = quote_motivations((name, text) for name, _value, text in cell_motivations)
            text = f"{averaging_note(len(cell.scores), framework.rounding)}\n{quoted}"
            added = add_consensus_revision(
                session, cell.registration, rows[cell.criterion], value, text,
                current.get((cell.registration, rows[cell.criterion].id)), source="averaging", actor=actor,
                mean=mean,
            )  # fmt: skip
            done, unchanged = (done + 1, unchanged) if added else (done, unchanged + 1)
        return AveragingResult(done, unchanged, tuple(incomplete))


def individual_motivations(session: Session, rnd: m.Round) -> dict[tuple[int, str], list[tuple[str, Decimal, str]]]:
    codes = {c.id: c.code for c in rnd.framework.criteria}
    latest: dict[tuple[int, str, str], tuple[Decimal, str]] = {}
    for registration_id, criterion_id, assessor, value, motivation in session.execute(
        select(
            m.ScoreRevision.registration_id, m.ScoreRevision.criterion_id, m.Assessor.name,
            m.ScoreRevision.value, m.ScoreRevision.motivation,
        )
        .join(m.Assessor)
        .where(m.Assessor.round_id == rnd.id)
        .order_by(m.ScoreRevision.revision)
    ):  # fmt: skip
        latest[(registration_id, codes[criterion_id], assessor)] = (value, motivation)
    grouped: dict[tuple[int, str], list[tuple[str, Decimal, str]]] = defaultdict(list)
    for (registration_id, code, assessor), (value, motivation) in sorted(latest.items()):
        grouped[(registration_id, code)].append((assessor, value, motivation))
    return grouped


def round_consensus(session: Session, rnd: m.Round) -> dict[tuple[int, int], m.ConsensusScore]:
    current: dict[tuple[int, int], m.ConsensusScore] = {}
    for row in session.execute(
        select(m.ConsensusScore)
        .join(m.Registration)
        .where(m.Registration.round_id == rnd.id)
        .order_by(m.ConsensusScore.revision)
    ).scalars():
        current[(row.registration_id, row.criterion_id)] = row
    return current


def current_consensus(session: Session, registration_id: int, criterion_id: int) -> m.ConsensusScore | None:
    return session.execute(
        select(m.ConsensusScore)
        .where(m.ConsensusScore.registration_id == registration_id, m.ConsensusScore.criterion_id == criterion_id)
        .order_by(m.ConsensusScore.revision.desc())
        .limit(1)
    ).scalar_one_or_none()


def add_consensus_revision(
    session: Session,
    registration_id: int,
    criterion: m.Criterion,
    value: Exact,
    motivation: str,
    current: m.ConsensusScore | None,
    *,
    source: str,
    actor: str,
    interview_id: int | None = None,
    interview_point_id: int | None = None,
    mean: Exact | None = None,
) -> m.ConsensusScore | None:
    """A new consensus revision, or None when value, mean and motivation are what they already are. mean is the
    unrounded mean where the score is a computed average; a score the commission sets itself has none."""
    if (
        current is not None
        and (current.value, current.mean, current.motivation) == (value, mean, motivation)
        and interview_point_id in (None, current.interview_point_id)
    ):
        return None
    row = m.ConsensusScore(
        registration_id=registration_id,
        criterion_id=criterion.id,
        revision=(current.revision + 1) if current else 1,
        value=value,
        mean=mean,
        motivation=motivation,
        source=source,
        interview_id=interview_id,
        interview_point_id=interview_point_id,
        set_by=actor,
        set_at=utcnow(),
    )
    session.add(row)
    session.flush()
    return row
