"""An assessor's own work: scores and checks, the worklist, handing in (inleveren) and the chair reopening it.

The same functions serve the assessor's laptop (a database opened from a work package) and the chair's database
when assessors score on a shared laptop: the assessor is chosen by name. A change is a new revision row; saving the
same thing again adds nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.commission.assessors import find_assessor
from beoordelaar.core.commission.declarations import ensure_declared, undeclared
from beoordelaar.core.commission.exchange_keys import laptop_exchange, registration_ref
from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.registrations import find_registration
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.framework import Framework, Part
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.procedure import CheckVerdict
from beoordelaar.core.rounds.rounds import find_round, round_framework
from beoordelaar.core.scoring.entry_rules import check_problem, read_score, read_verdict, score_problem
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import insert_audited, record_action, unit_of_work
from beoordelaar.core.storage.audit_motivation import motivation_places, motivation_words
from beoordelaar.core.storage.bulk import plain_rows
from beoordelaar.core.storage.clock import utcnow

Key = tuple[int, int]  # (registration id, criterion id)


# -- rows for screens and the command line -------------------------------------------------------------------------


@dataclass(frozen=True)
class SavedScore:
    changed: bool
    revision: int
    # Where the same assessor's current motivation is the very same text (registration and criterion, "INS-002 P1"):
    # flagged to the writer, as a motivation should be about this plan and this criterion.
    same_text_at: tuple[str, ...] = ()


@dataclass(frozen=True)
class WorkRow:
    """One registration on an assessor's worklist, with progress."""

    registration_id: int
    ref: str
    label: str
    scores_done: int
    scores_total: int
    checks_done: int
    checks_total: int

    @property
    def done(self) -> int:
        return self.scores_done + self.checks_done

    @property
    def total(self) -> int:
        return self.scores_total + self.checks_total

    @property
    def complete(self) -> bool:
        return self.done == self.total


@dataclass(frozen=True)
class Worklist:
    round_name: str
    assessor: str
    work_revision: int
    submitted_at: datetime | None
    rows: list[WorkRow]
    reopened_at: datetime | None = None  # when and why the chair reopened the work into this revision
    reopen_reason: str | None = None
    undeclared: str | None = None  # why no score or check of this member is taken yet (Dutch), see ensure_declared

    @property
    def done(self) -> int:
        return sum(r.done for r in self.rows)

    @property
    def total(self) -> int:
        return sum(r.total for r in self.rows)


@dataclass(frozen=True)
class WorkItem:
    """One assigned criterion of one registration, with the assessor's current score or check."""

    code: str
    part: Part
    title: str
    scale: list[tuple[Decimal, str]]
    value: Decimal | None
    motivation: str
    verdict: CheckVerdict | None
    note: str
    revision: int
    draft: bool = False  # value/motivation/verdict/note come from an unsaved draft (see save_draft)


@dataclass(frozen=True)
class VisibleScore:
    assessor: str
    criterion: str
    value: Decimal
    motivation: str
    revision: int
    scored_at: datetime


@dataclass
class WorkBatch:
    """Scores and checks gathered by record_score and record_check for one set-based write (a return file, a sheet
    of any number of members): each member's drafts go in one DELETE, the revisions in one INSERT per table, with
    their history in one append in the order recorded (write). Its revisions share one moment, as the events of one
    append do: they are one unit of work's."""

    drafts: dict[int, set[Key]] = field(default_factory=dict)
    revisions: list[tuple[type[m.ScoreRevision] | type[m.CheckRevision], dict[str, Any]]] = field(default_factory=list)
    at: datetime = field(default_factory=utcnow)

    def write(self, session: Session) -> None:
        for assessor_id, keys in self.drafts.items():
            _drop_drafts(session, assessor_id, keys)
        insert_audited(session, self.revisions)  # type: ignore[arg-type]
        self.drafts, self.revisions = {}, []


# -- queries shared with packages and return files -----------------------------------------------------------------


def latest_scores(session: Session, assessor_id: int) -> dict[Key, m.ScoreRevision]:
    rows = session.execute(
        select(m.ScoreRevision).where(m.ScoreRevision.assessor_id == assessor_id).order_by(m.ScoreRevision.revision)
    ).scalars()
    return {(r.registration_id, r.criterion_id): r for r in rows}


def latest_checks(session: Session, assessor_id: int) -> dict[Key, m.CheckRevision]:
    rows = session.execute(
        select(m.CheckRevision).where(m.CheckRevision.assessor_id == assessor_id).order_by(m.CheckRevision.revision)
    ).scalars()
    return {(r.registration_id, r.criterion_id): r for r in rows}


def _latest_at(session: Session, kind: type[m.ScoreRevision] | type[m.CheckRevision], assessor_id: int,
               key: Key) -> m.ScoreRevision | m.CheckRevision | None:  # fmt: skip
    """The latest revision of one piece of work: one indexed lookup, however much else the assessor did."""
    return session.execute(
        select(kind)
        .where(kind.assessor_id == assessor_id, kind.registration_id == key[0], kind.criterion_id == key[1])
        .order_by(kind.revision.desc())
        .limit(1)
    ).scalar_one_or_none()


def assigned(session: Session, assessor_id: int) -> set[Key]:
    """What the assessor is assigned, read as plain rows (asked once per member by every bulk path)."""
    mine = m.Assignment.assessor_id == assessor_id
    return set(plain_rows(session, select(m.Assignment.registration_id, m.Assignment.criterion_id).where(mine)))


def record_score(
    session: Session,
    assessor: m.Assessor,
    registration_id: int,
    criterion_id: int,
    value: Decimal,
    motivation: str,
    *,
    source: str,
    latest: m.ScoreRevision | None,
    return_file_id: int | None = None,
    batch: WorkBatch | None = None,
) -> SavedScore:
    """Add a revision when the value or motivation differs from the latest; the caller has validated both. Every way
    in ends here, so the declarations are asked here too (a caller may have refused earlier, with more to say). With
    a batch the revision and the dropped draft wait for batch.write."""
    assessor_id = _declared_and_undrafted(session, assessor, registration_id, criterion_id, batch)
    motivation = motivation.strip()
    if latest is not None and latest.value == value and latest.motivation == motivation:
        return SavedScore(changed=False, revision=latest.revision)
    revision = (latest.revision if latest else 0) + 1
    row = {
        "assessor_id": assessor_id, "registration_id": registration_id, "criterion_id": criterion_id,
        "revision": revision, "value": value, "motivation": motivation, "source": source,
        "return_file_id": return_file_id,
    }  # fmt: skip
    if batch is None:
        session.add(m.ScoreRevision(**row))
    else:
        row["scored_at"] = batch.at
        batch.revisions.append((m.ScoreRevision, row))
    return SavedScore(changed=True, revision=revision)


def _work_target(
    session: Session, round_id: int, assessor_name: str, registration_number: str, criterion_code: str
) -> tuple[Framework, m.Assessor, m.Registration, m.Criterion]:
    """What one piece of an assessor's work is about, after checking that the assessor may still work on it."""
    rnd = find_round(session, round_id)
    assessor = find_assessor(session, rnd, assessor_name)
    registration = find_registration(session, rnd, registration_number)
    row = _criterion_row(rnd, criterion_code)
    ensure_declared(assessor)
    ensure_may_work(session, assessor, registration)
    return round_framework(rnd), assessor, registration, row


def _declared_and_undrafted(
    session: Session, assessor: m.Assessor, registration_id: int, criterion_id: int, batch: WorkBatch | None
) -> int:
    """ensure_declared, then the piece's draft dropped (with a batch: gathered for batch.write, and the declarations
    asked at the member's first piece of the batch, the one that starts its drafts); the member's id."""
    assessor_id = assessor.id
    if batch is not None:
        drafts = batch.drafts.get(assessor_id)
        if drafts is None:
            ensure_declared(assessor)
            drafts = batch.drafts[assessor_id] = set()
        drafts.add((registration_id, criterion_id))
        return assessor_id
    ensure_declared(assessor)
    session.execute(
        delete(m.WorkDraft).where(
            m.WorkDraft.assessor_id == assessor_id,
            m.WorkDraft.registration_id == registration_id,
            m.WorkDraft.criterion_id == criterion_id,
        )
    )
    return assessor_id


def _drop_drafts(session: Session, assessor_id: int, keys: set[Key]) -> None:
    """The assessor's drafts of these pieces of work, in one DELETE (an assessor keeps few drafts: they are read)."""
    if not keys:
        return
    drafts = session.execute(
        select(m.WorkDraft.id, m.WorkDraft.registration_id, m.WorkDraft.criterion_id).where(
            m.WorkDraft.assessor_id == assessor_id
        )
    ).all()
    ids = [draft_id for draft_id, registration_id, criterion_id in drafts if (registration_id, criterion_id) in keys]
    if ids:
        session.execute(delete(m.WorkDraft).where(m.WorkDraft.id.in_(ids)))


def save_draft(
    sessions: sessionmaker[Session],
    round_id: int,
    assessor_name: str,
    registration_number: str,
    criterion_code: str,
    *,
    value: Decimal | None = None,
    verdict: CheckVerdict | None = None,
    text: str = "",
) -> None:
    """Keep unfinished work (no step chosen yet, a motivation still too short) so that nothing typed is lost.
    A draft is not a score: it is not audited, never leaves the laptop, and goes when the real save happens."""
    with sessions.begin() as session:
        _framework, assessor, registration, row = _work_target(
            session, round_id, assessor_name, registration_number, criterion_code
        )
        draft = session.execute(
            select(m.WorkDraft).where(
                m.WorkDraft.assessor_id == assessor.id,
                m.WorkDraft.registration_id == registration.id,
                m.WorkDraft.criterion_id == row.id,
            )
        ).scalar_one_or_none()
        if draft is None:
            draft = m.WorkDraft(assessor_id=assessor.id, registration_id=registration.id, criterion_id=row.id)
            session.add(draft)
        draft.value = value
        draft.verdict = verdict.value if verdict else None
        draft.text = text
        draft.saved_at = utcnow()


def record_check(
    session: Session,
    assessor: m.Assessor,
    registration_id: int,
    criterion_id: int,
    verdict: CheckVerdict,
    note: str,
    *,
    source: str,
    latest: m.CheckRevision | None,
    return_file_id: int | None = None,
    batch: WorkBatch | None = None,
) -> SavedScore:
    assessor_id = _declared_and_undrafted(session, assessor, registration_id, criterion_id, batch)
    note, word = note.strip(), verdict.value
    if latest is not None and latest.verdict == word and latest.note == note:
        return SavedScore(changed=False, revision=latest.revision)
    revision = (latest.revision if latest else 0) + 1
    row = {
        "assessor_id": assessor_id, "registration_id": registration_id, "criterion_id": criterion_id,
        "revision": revision, "verdict": word, "note": note, "source": source, "return_file_id": return_file_id,
    }  # fmt: skip
    if batch is None:
        session.add(m.CheckRevision(**row))
    else:
        row["checked_at"] = batch.at
        batch.revisions.append((m.CheckRevision, row))
    return SavedScore(changed=True, revision=revision)


def ensure_may_work(session: Session, assessor: m.Assessor, registration: m.Registration) -> None:
    """Refuse work by an assessor who handed in, or on a registration with a declared conflict."""
    if assessor.submitted_at is not None:
        raise UserError(
            f"{assessor.name} heeft het werk al ingeleverd; wijzigen kan pas als de voorzitter het heropent."
        )
    conflict = session.execute(
        select(m.ConflictOfInterest.id).where(
            m.ConflictOfInterest.assessor_id == assessor.id,
            m.ConflictOfInterest.registration_id == registration.id,
        )
    ).first()
    if conflict:
        raise UserError(
            f"{assessor.name} heeft een belangenverstrengeling gemeld bij inschrijving {registration.number} "
            "en beoordeelt haar niet."
        )


def _criterion_row(rnd: m.Round, code: str) -> m.Criterion:
    for criterion in rnd.framework.criteria:
        if criterion.code == code.strip():
            return criterion
    raise UserError(f"Criterium '{code}' bestaat niet in het kader van ronde '{rnd.name}'.")


def _ensure_assigned(session: Session, assessor: m.Assessor, registration: m.Registration, row: m.Criterion) -> None:
    found = session.execute(
        select(m.Assignment.id).where(
            m.Assignment.assessor_id == assessor.id,
            m.Assignment.registration_id == registration.id,
            m.Assignment.criterion_id == row.id,
        )
    ).first()
    if found is None:
        raise UserError(
            f"Criterium {row.code} van inschrijving {registration.number} is niet aan {assessor.name} toegewezen."
        )


# -- user actions --------------------------------------------------------------------------------------------------


def save_score(
    sessions: sessionmaker[Session],
    round_id: int,
    assessor_name: str,
    registration_number: str,
    criterion_code: str,
    value: Decimal | str | int,
    motivation: str,
    *,
    actor: str,
    source: str = "app",
) -> SavedScore:
    """Save an assessor's score with its motivation; a new revision only when something changed."""
    with unit_of_work(sessions, actor, source) as session:
        framework, assessor, registration, row = _work_target(
            session, round_id, assessor_name, registration_number, criterion_code
        )
        number = read_score(value)
        problem = score_problem(framework.criterion(row.code), number, motivation, framework.motivation_min_length)
        if problem:
            raise UserError(f"Score niet opgeslagen: {problem}.")
        _ensure_assigned(session, assessor, registration, row)
        latest = _latest_at(session, m.ScoreRevision, assessor.id, (registration.id, row.id))
        assert number is not None and not isinstance(latest, m.CheckRevision)
        saved = record_score(
            session, assessor, registration.id, row.id, number, motivation, source=source, latest=latest
        )
        return replace(saved, same_text_at=_same_text_at(session, assessor, (registration.id, row.id), motivation))


def _same_text_at(session: Session, assessor: m.Assessor, here: tuple[int, int], motivation: str) -> tuple[str, ...]:
    """Where else the assessor's current motivation is these very words: the places the history's index names
    (motivation_places), each kept when its latest revision still reads so; the work read is that of those places,
    not all the assessor's."""
    words = motivation_words(motivation)
    places = motivation_places(session.connection(), assessor.id, motivation) - {here}
    if not places:
        return ()
    current: dict[Key, str] = {}
    score = m.ScoreRevision
    for registration_id, criterion_id, text in session.execute(  # plain rows in revision order: the latest wins
        select(score.registration_id, score.criterion_id, score.motivation)
        .where(
            score.assessor_id == assessor.id,
            score.registration_id.in_({g for g, _ in places}),
            score.criterion_id.in_({c for _, c in places}),
        )
        .order_by(score.revision)
    ):
        current[(registration_id, criterion_id)] = text
    elsewhere = [key for key in places if key in current and motivation_words(current[key]) == words]
    if not elsewhere:
        return ()
    registrations = session.execute(
        select(m.Registration).where(m.Registration.id.in_({g for g, _ in elsewhere}))
    ).scalars()
    numbers = {r.id: registration_ref(r.round, r) for r in registrations}  # anonymised rounds show their refs
    codes = dict(
        session.execute(
            select(m.Criterion.id, m.Criterion.code).where(m.Criterion.id.in_({c for _, c in elsewhere}))
        ).all()
    )
    return tuple(sorted(f"{numbers[g]} {codes[c]}" for g, c in elsewhere))


def save_check(
    sessions: sessionmaker[Session],
    round_id: int,
    assessor_name: str,
    registration_number: str,
    criterion_code: str,
    verdict: CheckVerdict | str,
    note: str = "",
    *,
    actor: str,
    source: str = "app",
) -> SavedScore:
    """Save an assessor's verdict (akkoord / niet-akkoord / twijfel); a note is required unless akkoord."""
    with unit_of_work(sessions, actor, source) as session:
        framework, assessor, registration, row = _work_target(
            session, round_id, assessor_name, registration_number, criterion_code
        )
        parsed = read_verdict(verdict)
        problem = check_problem(framework.criterion(row.code), parsed, note)
        if problem:
            raise UserError(f"Toetsing niet opgeslagen: {problem}.")
        _ensure_assigned(session, assessor, registration, row)
        latest = _latest_at(session, m.CheckRevision, assessor.id, (registration.id, row.id))
        assert parsed is not None and not isinstance(latest, m.ScoreRevision)
        return record_check(session, assessor, registration.id, row.id, parsed, note, source=source, latest=latest)


def registration_label(rnd: m.Round, registration: m.Registration) -> str:
    """How a registration reads on an assessor's screens: its number and name, or its label in an anonymised round."""
    return registration.anonymous_label if rnd.anonymised else f"{registration.number} {registration.name}"


def worklist(sessions: sessionmaker[Session], round_id: int, assessor_name: str) -> Worklist:
    """The registrations assigned to an assessor, with done/total per registration."""
    with sessions() as session:
        rnd = find_round(session, round_id)
        assessor = find_assessor(session, rnd, assessor_name)
        parts = {c.id: c.part for c in rnd.framework.criteria}
        scores, checks = latest_scores(session, assessor.id), latest_checks(session, assessor.id)
        counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for key in assigned(session, assessor.id):
            count = counts[key[0]]
            if parts[key[1]] == Part.PLAN.value:
                count[0] += key in scores
                count[1] += 1
            else:
                count[2] += key in checks
                count[3] += 1
        registrations = session.execute(
            select(m.Registration).where(m.Registration.id.in_(counts)).order_by(m.Registration.sequence)
        ).scalars()
        rows = [
            WorkRow(r.id, r.number, registration_label(rnd, r), *counts[r.id])  # type: ignore[arg-type]
            for r in registrations
        ]
        return Worklist(
            rnd.name, assessor.name, assessor.work_revision, assessor.submitted_at, rows, assessor.reopened_at,
            assessor.reopen_reason, undeclared(assessor),
        )  # fmt: skip


def work_items(
    sessions: sessionmaker[Session], round_id: int, assessor_name: str, registration_number: str
) -> list[WorkItem]:
    """The criteria of one registration assigned to the assessor, in framework order, with the current work."""
    with sessions() as session:
        rnd = find_round(session, round_id)
        assessor = find_assessor(session, rnd, assessor_name)
        registration = find_registration(session, rnd, registration_number)
        mine = assigned(session, assessor.id)
        scores, checks = latest_scores(session, assessor.id), latest_checks(session, assessor.id)
        drafts = {
            (d.registration_id, d.criterion_id): d
            for d in session.execute(
                select(m.WorkDraft).where(
                    m.WorkDraft.assessor_id == assessor.id, m.WorkDraft.registration_id == registration.id
                )
            ).scalars()
        }
        items = []
        for row in rnd.framework.criteria:
            key = (registration.id, row.id)
            if key not in mine:
                continue
            score, check, draft = scores.get(key), checks.get(key), drafts.get(key)
            item = WorkItem(
                code=row.code,
                part=Part(row.part),
                title=row.title,
                scale=[(Decimal(s["value"]), s["label"]) for s in row.scale or []],
                value=score.value if score else None,
                motivation=score.motivation if score else "",
                verdict=CheckVerdict(check.verdict) if check else None,
                note=check.note if check else "",
                revision=(score or check).revision if (score or check) else 0,
            )
            if draft is not None:
                item = replace(
                    item, draft=True, value=draft.value, motivation=draft.text, note=draft.text,
                    verdict=CheckVerdict(draft.verdict) if draft.verdict else None,
                )  # fmt: skip
            items.append(item)
        return items


def missing_work(session: Session, rnd: m.Round, assessor: m.Assessor) -> list[str]:
    """What is assigned but not scored or checked yet, as 'registration: codes' lines."""
    codes = {c.id: c.code for c in rnd.framework.criteria}
    parts = {c.id: c.part for c in rnd.framework.criteria}
    scores, checks = latest_scores(session, assessor.id), latest_checks(session, assessor.id)
    missing: dict[int, list[str]] = defaultdict(list)
    for key in sorted(assigned(session, assessor.id)):
        done = scores if parts[key[1]] == Part.PLAN.value else checks
        if key not in done:
            missing[key[0]].append(codes[key[1]])
    if not missing:
        return []
    registrations = session.execute(
        select(m.Registration).where(m.Registration.id.in_(missing)).order_by(m.Registration.sequence)
    ).scalars()
    return [f"{registration_label(rnd, r)}: {', '.join(missing[r.id])}" for r in registrations]


def hand_in(sessions: sessionmaker[Session], round_id: int, assessor_name: str, *, actor: str) -> Worklist:
    """Inleveren: only when everything assigned is scored or checked; then the work is locked."""
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        assessor = find_assessor(session, rnd, assessor_name)
        if assessor.submitted_at is not None:
            raise UserError(f"{assessor.name} heeft het werk al ingeleverd.")
        missing = missing_work(session, rnd, assessor)
        if missing:
            shown = "\n".join(f"- {line}" for line in missing[:20])
            more = f"\n(en nog {len(missing) - 20} inschrijvingen)" if len(missing) > 20 else ""
            raise UserError(f"Inleveren kan nog niet; dit is nog niet beoordeeld:\n{shown}{more}")
        assessor.submitted_at = utcnow()
        session.flush()
        record_action(session, "work-handed-in", "assessors", str(assessor.id), {"revision": assessor.work_revision})
    return worklist(sessions, round_id, assessor_name)


REOPEN_REASON_LIMIT = 2000


def reopen(sessions: sessionmaker[Session], round_id: int, assessor_name: str, *, reason: str, actor: str) -> int:
    """The chair reopens handed-in work, for a reason the assessor sees (the package carries it): it can be changed
    again, as the next work revision. Returns that revision."""
    reason = reason.strip()
    if not reason:
        raise UserError(
            "Geef een reden op voor het heropenen: de beoordelaar ziet die, en hij staat in de geschiedenis. "
            "Er is niets heropend."
        )
    if len(reason) > REOPEN_REASON_LIMIT:
        raise UserError(f"De reden is te lang: hooguit {REOPEN_REASON_LIMIT} tekens. Er is niets heropend.")
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.REOPEN)
        if laptop_exchange(session, rnd) is not None:
            raise UserError("Alleen de voorzitter kan ingeleverd werk heropenen, in de database van de voorzitter.")
        assessor = find_assessor(session, rnd, assessor_name)
        if assessor.submitted_at is None:
            raise UserError(f"{assessor.name} heeft nog niet ingeleverd; er is niets te heropenen.")
        assessor.submitted_at = None
        assessor.work_revision += 1
        assessor.reopened_at = utcnow()
        assessor.reopen_reason = reason
        session.flush()
        record_action(
            session, "work-reopened", "assessors", str(assessor.id),
            {"revision": assessor.work_revision, "reason": reason},
        )  # fmt: skip
        return assessor.work_revision


def visible_scores(
    sessions: sessionmaker[Session], round_id: int, viewer_name: str, registration_number: str
) -> list[VisibleScore]:
    """The individual scores a member may see on a registration: their own, and everyone's once the chair opened
    the consensus discussion. Blindness is enforced here, not in the screens."""
    with sessions() as session:
        rnd = find_round(session, round_id)
        viewer = find_assessor(session, rnd, viewer_name)
        registration = find_registration(session, rnd, registration_number)
        query = (
            select(m.ScoreRevision, m.Assessor.name, m.Criterion.code)
            .join(m.Assessor, m.Assessor.id == m.ScoreRevision.assessor_id)
            .join(m.Criterion, m.Criterion.id == m.ScoreRevision.criterion_id)
            .where(m.ScoreRevision.registration_id == registration.id)
            .order_by(m.ScoreRevision.revision)
        )
        if registration.consensus_opened_at is None:
            query = query.where(m.ScoreRevision.assessor_id == viewer.id)
        latest: dict[tuple[str, str], VisibleScore] = {}
        for score, name, code in session.execute(query).all():
            latest[(name, code)] = VisibleScore(
                name, code, score.value, score.motivation, score.revision, score.scored_at
            )
        positions = {c.code: c.position for c in rnd.framework.criteria}
        return sorted(latest.values(), key=lambda s: (positions[s.criterion], s.assessor))
