"""Settling exclusion grounds and requirements: the members' verdicts side by side, the chair's settled verdict.

A settled verdict is akkoord, niet akkoord, or verificatie nodig (which the verification interview resolves).
Like consensus scores, each change is a new revision; the older ones stay as history.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.consolidation.exclusion_grounds import (
    NO_FINDING,
    ExclusionFinding,
    finding_problem,
    named_ground,
    stored_finding,
)
from beoordelaar.core.consolidation.interview_answers import (
    InterviewAnswer,
    answer_by_point,
    answer_rested_on,
    held_answers,
)
from beoordelaar.core.consolidation.verified_values import refuse_verdict_against_verified
from beoordelaar.core.errors import ConflictError, UserError
from beoordelaar.core.registrations.answers import answer_meets
from beoordelaar.core.registrations.registrations import find_registration
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.framework import Criterion, Part
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.procedure import CheckVerdict, SettledVerdict
from beoordelaar.core.rounds.rounds import find_round, round_framework
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.text import and_list


@dataclass(frozen=True)
class MemberVerdict:
    assessor: str
    verdict: CheckVerdict
    note: str


@dataclass(frozen=True)
class SettledEntry:
    verdict: SettledVerdict
    motivation: str
    revision: int
    source: str
    set_by: str
    set_at: datetime
    interview_id: int | None
    verified: str | None = None  # what the commission verified, as it wrote it (a number in any accepted form)
    verified_source: str | None = None  # the document it was read from (name, page)
    rests_on: InterviewAnswer | None = None  # the interview answer a change after an interview rests on

    @property
    def verified_text(self) -> str:
        """'0,31 (bron: jaarrekening 2025, p. 12)', or empty when nothing was verified."""
        return f"{self.verified} (bron: {self.verified_source})" if self.verified else ""

    finding: ExclusionFinding = NO_FINDING  # on a declared exclusion ground: which ground, evidence, self-cleaning


@dataclass(frozen=True)
class RequirementRow:
    code: str
    part: Part
    title: str
    declared: str | None
    automatic: bool | None  # what the declared answer says on its face; None where a person must judge
    members: tuple[MemberVerdict, ...]
    settled: SettledEntry | None
    history: tuple[SettledEntry, ...]
    answers: tuple[InterviewAnswer, ...] = ()  # the answers on this criterion in held interviews, oldest first
    grounds: tuple[str, ...] = ()  # an exclusion criterion's grounds, to name the one that applies
    intended_only: bool = False  # evidence asked only of the intended contractor, before the decision
    pending: tuple[str, ...] = ()  # the members this check is assigned to who have not given their verdict yet

    @property
    def ground_declared(self) -> bool:
        """The provider's answer reports an exclusion ground: a person judges it, never the rules."""
        return self.part is Part.EXCLUSION and self.automatic is False and not self.intended_only

    @property
    def uncontested(self) -> SettledVerdict | None:
        """The verdict everyone agrees on (every member it is assigned to, and the declared answer), if they do: with
        one checker per requirement, that checker's verdict agreeing with the answer. Nothing is uncontested while an
        assigned member has still to check it. A declared exclusion ground and a missing document asked only of the
        intended contractor are never uncontested: a person settles them."""
        if self.pending or self.ground_declared or (self.intended_only and self.automatic is not True):
            return None
        verdicts = {v.verdict for v in self.members}
        if self.automatic is not None:
            verdicts.add(CheckVerdict.PASS if self.automatic else CheckVerdict.FAIL)
        if len(verdicts) != 1:
            return None
        (only,) = verdicts
        return {CheckVerdict.PASS: SettledVerdict.PASS, CheckVerdict.FAIL: SettledVerdict.FAIL}.get(only)


def _entry(row: m.RequirementVerdict, rests_on: InterviewAnswer | None = None) -> SettledEntry:
    return SettledEntry(
        SettledVerdict(row.verdict), row.motivation, row.revision, row.source, row.set_by, row.set_at, row.interview_id,
        row.verified_value, row.verified_source, rests_on,
        finding=stored_finding(row.ground, row.ground_evidence, row.self_cleaning, row.self_cleaning_sufficient),
    )  # fmt: skip


def _sheets(session: Session, rnd: m.Round, registration_ids: list[int]) -> dict[int, list[RequirementRow]]:
    framework = round_framework(rnd)
    rows = {c.id: c for c in rnd.framework.criteria}
    declared: dict[tuple[int, str], str] = {
        (registration_id, rows[criterion_id].code): value
        for registration_id, criterion_id, value in session.execute(
            select(m.DeclaredAnswer.registration_id, m.DeclaredAnswer.criterion_id, m.DeclaredAnswer.value).where(
                m.DeclaredAnswer.registration_id.in_(registration_ids)
            )
        )
    }
    latest: dict[tuple[int, str, str], tuple[str, str]] = {}
    for registration_id, criterion_id, assessor, verdict, note in session.execute(
        select(
            m.CheckRevision.registration_id, m.CheckRevision.criterion_id, m.Assessor.name, m.CheckRevision.verdict,
            m.CheckRevision.note,
        )
        .join(m.Assessor)
        .where(m.CheckRevision.registration_id.in_(registration_ids))
        .order_by(m.CheckRevision.revision)
    ):  # fmt: skip
        latest[(registration_id, rows[criterion_id].code, assessor)] = (verdict, note)
    members: dict[tuple[int, str], list[MemberVerdict]] = defaultdict(list)
    for (registration_id, code, assessor), (verdict, note) in sorted(latest.items()):
        members[(registration_id, code)].append(MemberVerdict(assessor, CheckVerdict(verdict), note))
    settled: dict[tuple[int, str], list[SettledEntry]] = defaultdict(list)
    verdict_rows = session.execute(
        select(m.RequirementVerdict)
        .where(m.RequirementVerdict.registration_id.in_(registration_ids))
        .order_by(m.RequirementVerdict.revision)
    ).scalars().all()  # fmt: skip
    rested_on = answer_by_point(session, (v.interview_point_id for v in verdict_rows))
    for verdict_row in verdict_rows:
        rests_on = rested_on.get(verdict_row.interview_point_id) if verdict_row.interview_point_id else None
        settled[(verdict_row.registration_id, rows[verdict_row.criterion_id].code)].append(
            _entry(verdict_row, rests_on)
        )
    ids = {c.code: c.id for c in rnd.framework.criteria}
    answers = held_answers(session, registration_ids)
    checkers: dict[tuple[int, str], list[str]] = defaultdict(list)
    for registration_id, criterion_id, assessor in session.execute(
        select(m.Assignment.registration_id, m.Assignment.criterion_id, m.Assessor.name)
        .join(m.Assessor)
        .where(m.Assignment.registration_id.in_(registration_ids), m.Assignment.criterion_id.in_(rows))
        .order_by(m.Assessor.id)
    ):
        checkers[(registration_id, rows[criterion_id].code)].append(assessor)
    result: dict[int, list[RequirementRow]] = {}
    for registration_id in registration_ids:
        sheet = []
        for criterion in framework.criteria:
            if criterion.part is Part.PLAN:
                continue
            answer = declared.get((registration_id, criterion.code))
            verdicts = tuple(members.get((registration_id, criterion.code), ()))
            checked = {v.assessor for v in verdicts}
            pending = tuple(a for a in checkers.get((registration_id, criterion.code), ()) if a not in checked)
            history = tuple(settled.get((registration_id, criterion.code), ()))
            sheet.append(
                RequirementRow(
                    code=criterion.code,
                    part=criterion.part,
                    title=criterion.title,
                    declared=answer,
                    automatic=answer_meets(criterion, answer),
                    members=verdicts,
                    settled=history[-1] if history else None,
                    history=history,
                    answers=tuple(answers.get((registration_id, ids[criterion.code]), ())),
                    grounds=criterion.grounds,
                    intended_only=criterion.asked_of_intended_only,
                    pending=pending,
                )
            )
        result[registration_id] = sheet
    return result


def requirement_sheet(sessions: sessionmaker[Session], round_id: int, registration_number: str) -> list[RequirementRow]:
    with sessions() as session:
        rnd = find_round(session, round_id)
        registration = find_registration(session, rnd, registration_number)
        return _sheets(session, rnd, [registration.id])[registration.id]


def requirement_sheets(session: Session, rnd: m.Round, registration_ids: list[int]) -> dict[int, list[RequirementRow]]:
    """The requirement rows of these registrations of the round, keyed by registration id, inside an open session."""
    return _sheets(session, rnd, registration_ids)


def round_requirement_sheets(sessions: sessionmaker[Session], round_id: int) -> dict[int, list[RequirementRow]]:
    """Every registration's requirement rows, keyed by registration id (for overviews and the open list)."""
    with sessions() as session:
        rnd = find_round(session, round_id)
        ids = [r.id for r in rnd.registrations]
        return _sheets(session, rnd, ids)


def add_verdict(
    session: Session,
    registration_id: int,
    criterion: m.Criterion,
    verdict: SettledVerdict,
    motivation: str,
    *,
    actor: str,
    source: str,
    interview_id: int | None,
    verified: tuple[str, str] | None = None,
    interview_point_id: int | None = None,
    finding: ExclusionFinding = NO_FINDING,
) -> SettledEntry:
    """A new settled-verdict revision inside the caller's unit of work (unchanged: the current one). verified is the
    value or answer the commission verified with its source, interview_point_id the interview answer it rests on,
    finding what was found on a declared exclusion ground."""
    current = _current_verdict(session, registration_id, criterion.id)
    value, value_source = verified or (None, None)
    if (
        current is not None
        and (current.verdict, current.motivation, current.verified_value, current.verified_source)
        == (verdict.value, motivation, value, value_source)
        and _entry(current).finding == finding
        and interview_point_id in (None, current.interview_point_id)
    ):
        return _entry(current)
    row = m.RequirementVerdict(
        registration_id=registration_id,
        criterion_id=criterion.id,
        revision=(current.revision + 1) if current else 1,
        verdict=verdict.value,
        motivation=motivation,
        source=source,
        interview_id=interview_id,
        verified_value=value,
        verified_source=value_source,
        interview_point_id=interview_point_id,
        set_by=actor,
        set_at=utcnow(),
        ground=finding.ground or None,
        ground_evidence=finding.evidence or None,
        self_cleaning=finding.self_cleaning or None,
        self_cleaning_sufficient=finding.self_cleaning_sufficient,
    )
    session.add(row)
    session.flush()
    return _entry(row, answer_by_point(session, [interview_point_id]).get(interview_point_id or 0))


def _current_verdict(session: Session, registration_id: int, criterion_id: int) -> m.RequirementVerdict | None:
    return session.execute(
        select(m.RequirementVerdict)
        .where(
            m.RequirementVerdict.registration_id == registration_id,
            m.RequirementVerdict.criterion_id == criterion_id,
        )
        .order_by(m.RequirementVerdict.revision.desc())
        .limit(1)
    ).scalar_one_or_none()


def settle_requirement(
    sessions: sessionmaker[Session],
    round_id: int,
    registration_number: str,
    code: str,
    verdict: SettledVerdict,
    motivation: str,
    *,
    actor: str,
    source: str = "consensus",
    interview_id: int | None = None,
    verified: str = "",
    verified_source: str = "",
    interview_point_id: int | None = None,
    finding: ExclusionFinding = NO_FINDING,
    expected_revision: int | None = None,
) -> SettledEntry:
    """The chair settles one exclusion ground or requirement. Niet akkoord and verificatie nodig need a reason.
    expected_revision is the revision the screen showed (0: none yet): a colleague's save since is a ConflictError.

    verified is the value or answer the commission verified (for a number: as read from the jaarrekening), with the
    document it comes from in verified_source; a number's verdict must follow it against the threshold, exactly.
    A verdict that changes after an interview on this criterion names the answer it rests on (interview_point_id).
    On a declared exclusion ground the finding records which ground applies (from the framework's list), the evidence
    and any self-cleaning measures with the commission's judgement; a ground whose self-cleaning suffices passes.
    """
    text = motivation.strip()
    value, value_source = verified.strip(), verified_source.strip()
    if verdict is not SettledVerdict.PASS and not text:
        raise UserError(f"Geef bij '{verdict.label}' op {code} de reden: die komt in de brief en het dossier.")
    if value and not value_source:
        raise UserError(
            f"Noem bij de geverifieerde waarde '{value}' op {code} de bron: welk document (en welke pagina) de "
            "commissie las. Er is niets veranderd."
        )
    if value_source and not value:
        raise UserError(f"Er is een bron opgegeven bij {code}, maar geen geverifieerde waarde. Er is niets veranderd.")
    with unit_of_work(sessions, actor, source=source) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.CONSOLIDATE)
        registration = find_registration(session, rnd, registration_number)
        criterion = next((c for c in rnd.framework.criteria if c.code == code and c.part != Part.PLAN.value), None)
        if criterion is None:
            raise UserError(f"'{code}' is geen uitsluitingsgrond of eis in het kader van ronde '{rnd.name}'.")
        rule = round_framework(rnd).criterion(code)
        sheet_row = next(r for r in _sheets(session, rnd, [registration.id])[registration.id] if r.code == code)
        finding = _spelled(rule, finding)
        problem = finding_problem(rule, verdict, finding, ground_declared=sheet_row.ground_declared)
        if problem:
            raise UserError(problem)
        if value:
            refuse_verdict_against_verified(rule, verdict, value)
        elif verdict is SettledVerdict.PASS and not text:
            _refuse_unexplained_pass(sheet_row, criterion)
        current = _current_verdict(session, registration.id, criterion.id)
        if expected_revision is not None and (current.revision if current else 0) != expected_revision:
            raise ConflictError()
        changes = verdict is not SettledVerdict.VERIFY and (current is None or current.verdict != verdict.value)
        point = answer_rested_on(
            session, registration.id, criterion, interview_point_id, changes=changes, what=f"het oordeel op {code}"
        )
        return add_verdict(
            session, registration.id, criterion, verdict, text, actor=actor, source=source, interview_id=interview_id,
            verified=(value, value_source) if value else None, interview_point_id=point, finding=finding,
        )  # fmt: skip


def _spelled(criterion: Criterion, finding: ExclusionFinding) -> ExclusionFinding:
    """The finding as typed, trimmed, with the ground as the framework spells it whatever the case the user typed (an
    unknown ground is kept, to be refused)."""
    ground = " ".join(finding.ground.split())
    return ExclusionFinding(
        named_ground(criterion, ground) or ground, finding.evidence.strip(), finding.self_cleaning.strip(),
        finding.self_cleaning_sufficient,
    )  # fmt: skip


def _refuse_unexplained_pass(row: RequirementRow, criterion: m.Criterion) -> None:
    """Akkoord against a failing answer or an earlier niet-akkoord lifts a knock-out: that takes its reason and
    evidence in the record, the one place where such an outcome may change (an override of the decision may not)."""
    if row.settled is not None and row.settled.verdict is SettledVerdict.FAIL:
        against = f"het eerder vastgestelde oordeel '{row.settled.verdict.label}'"
    elif row.settled is None and row.automatic is False:
        against = f"de opgave '{(row.declared or '').strip()}'"
    else:
        return
    raise UserError(
        f"Akkoord op {criterion.code} gaat in tegen {against}: geef de reden en het bewijs (welk document of welke "
        "verduidelijking aantoont dat aan de eis is voldaan). Een eis wordt zonder afronding toegepast."
    )


def uncontested_motivation(row: RequirementRow, verdict: SettledVerdict) -> str:
    """What the record carries of an uncontested settlement, and nothing more: the provider's answer (or that there
    was none) and who checked it with which verdict."""
    declared = (row.declared or "").strip()
    answer = f"opgegeven '{declared}'" if declared else "geen opgave van de aanbieder"
    checked = and_list([v.assessor for v in row.members])
    verb = "oordeelde" if len(row.members) == 1 else "oordeelden"
    outcome = "voldaan" if verdict is SettledVerdict.PASS else "niet voldaan"
    word = "akkoord" if verdict is SettledVerdict.PASS else "niet akkoord"
    return f"Vastgesteld zonder bespreking ({outcome}): {answer}; {checked} {verb} {word}."


def count_uncontested(sessions: sessionmaker[Session], round_id: int) -> int:
    """How many requirements settle_uncontested would settle now (asked before the chair settles them all)."""
    sheets = round_requirement_sheets(sessions, round_id)
    return sum(
        1
        for sheet in sheets.values()
        for row in sheet
        if row.settled is None and row.uncontested is not None and row.members
    )


def settle_uncontested(sessions: sessionmaker[Session], round_id: int, *, actor: str) -> int:
    """Settle, in one go, every unsettled requirement on which the declared answer and every member it is assigned to
    agree, whichever way it was assigned (one checker or several).

    What is contested (a doubt, a disagreement, an answer a person must judge) or not yet checked by every member it
    is assigned to stays for the chair to settle.
    Returns the number settled.
    """
    sheets = round_requirement_sheets(sessions, round_id)
    settled = 0
    with unit_of_work(sessions, actor, source="consensus") as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.CONSOLIDATE)
        rows = {c.code: c for c in rnd.framework.criteria}
        for registration_id, sheet in sheets.items():
            for row in sheet:
                verdict = row.uncontested
                if row.settled is not None or verdict is None or not row.members:
                    continue
                motivation = uncontested_motivation(row, verdict)
                add_verdict(
                    session, registration_id, rows[row.code], verdict, motivation,
                    actor=actor, source="consensus", interview_id=None,
                )  # fmt: skip
                settled += 1
    return settled
