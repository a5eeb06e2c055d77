"""The parts of the proces-verbaal that go beyond the scores: the procedure's facts, the framework as applied, who
was assigned what and when each assessor handed in, when each registration's consensus discussion was opened against
those hand-ins, each member's checks, the consensus meeting and what it set, the interviews, the letters with their
sending, and the commission's approval. Each as plain rows of Dutch text,
every time in local time with its zone."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, distinct, func, select
from sqlalchemy.orm import Session

from beoordelaar.core.consolidation.consensus import ConsensusSheet
from beoordelaar.core.consolidation.settlement import RequirementRow
from beoordelaar.core.decisions.letter_sending import SendingRow, batch_sendings, registration_sendings
from beoordelaar.core.record.consensus_meetings import ConsensusMeeting
from beoordelaar.core.record.procedure_facts import facts_of
from beoordelaar.core.record.report_approval import approvals_of, changes_since
from beoordelaar.core.rounds.framework import Criterion, Framework, Part
from beoordelaar.core.storage import models as m
from beoordelaar.core.text import (
    and_list,
    count_text,
    date_text,
    number_text,
    word,
    zoned_local_text,
    zoned_moment_text,
)
from beoordelaar.core.verification.verification import InterviewRecord

Rows = tuple[tuple[str, ...], ...]
NOT_ENTERED = "niet vastgelegd"


def procedure_rows(session: Session, rnd: m.Round) -> tuple[Rows, str]:
    """The facts of the procedure as label and value, and a note where they were not (fully) entered."""
    facts = facts_of(session, rnd.id)
    # counted, not loaded: the round's registrations as objects would stay in the session for the rest of the report
    count = select(func.count(m.Registration.id)).where(m.Registration.round_id == rnd.id)
    imported = session.execute(count).scalar_one()
    received = NOT_ENTERED if facts.bids_received is None else str(facts.bids_received)
    rows = (
        ("Publicatie", date_text(facts.published_on) or NOT_ENTERED),
        ("Aankondiging", facts.publication or NOT_ENTERED),
        ("Vragenrondes (nota's van inlichtingen)", facts.questions or NOT_ENTERED),
        ("Sluiting van de inschrijving", zoned_moment_text(facts.deadline) or NOT_ENTERED),
        ("Inschrijvingen ontvangen", f"{received}; ingelezen in Beoordelaar: {imported}"),
        ("Te laat ontvangen", facts.late_bids or NOT_ENTERED),
    )
    if not facts.entered:
        return rows, "De feiten van de procedure zijn nog niet vastgelegd (Documenten › Feiten van de procedure…)."
    note = f"Vastgelegd door {facts.entered_by} op {zoned_moment_text(facts.entered_at)}."
    if facts.bids_received is not None and facts.bids_received != imported:
        note += f" Let op: {facts.bids_received} ontvangen, {imported} ingelezen."
    return rows, note


@dataclass(frozen=True)
class FrameworkApplied:
    settings: Rows  # label, value
    exclusions: Rows  # code, title, passing answer, grounds and legal basis, evidence
    requirements: Rows  # code, title, answer kind, what passes, evidence
    plan: Rows  # code, title, weight, minimum, scale
    scales: tuple[tuple[str, Rows], ...]  # per scale (or criterion with its own descriptors): value, label, meaning
    description: str


def _passes(criterion: Criterion) -> str:
    if criterion.threshold is not None:
        t = criterion.threshold
        said = f"{t.operator} {number_text(t.value)}"
        extra = "; ".join(x for x in (t.definition, t.source) if x)
        return f"{said} ({extra})" if extra else said
    accepted = list(criterion.accepted) + [f"{e} (gelijkwaardig)" for e in criterion.equivalents]
    if accepted:
        return and_list(accepted)
    return criterion.expected or "beoordeling door de commissie"


def framework_applied(framework: Framework, digest: str) -> FrameworkApplied:
    """The framework's content as the round applied it: settings, every criterion, the scales and their meanings."""
    settings = (
        ("Naam en versie", f"{framework.name} (versie {framework.version})"),
        ("SHA-256 van het kader", digest),
        ("Beoordelingsmodel", word("scoring_model", framework.scoring_model.value)),
        ("Afronding van een gemiddelde", word("rounding", framework.rounding.value)),
        ("Grote spreiding vanaf", count_text(framework.spread_threshold, "stap", "stappen")),
        ("Minimale motivering", f"{framework.motivation_min_length} tekens per score, "
                                f"{framework.consensus_motivation_min_length} per consensusscore"),
        ("Minimum aantal beoordelaars", str(framework.minimum_assessors) if framework.minimum_assessors else "geen"),
        ("Toetsers per eis", str(framework.checks_per_registration)),
        ("Percelen", "; ".join(f"{lot.code} {lot.name}" for lot in framework.lots) or "geen"),
    )  # fmt: skip
    exclusions = tuple(
        (c.code, c.title, c.expected or "—",
         "; ".join(x for x in (and_list(list(c.grounds)), c.legal_basis) if x) or "—", c.evidence or "—")
        for c in framework.by_part(Part.EXCLUSION)
    )  # fmt: skip
    requirements = tuple(
        (c.code, c.title, word("answer_kind", c.answer.value), _passes(c), c.evidence or "—")
        for c in framework.by_part(Part.REQUIREMENT)
    )
    plan_criteria = framework.by_part(Part.PLAN)
    plan = tuple(
        (c.code, c.title, number_text(c.weight), number_text(c.minimum) if c.minimum is not None else "geen",
         c.scale.name if c.scale else "—")
        for c in plan_criteria
    )  # fmt: skip
    scales: dict[str, Rows] = {}
    for c in plan_criteria:
        if c.scale is None:
            continue
        rows = tuple(
            (number_text(step.value), step.label, meaning or "—")
            for step, meaning in zip(c.scale.steps, c.step_meanings or ("",) * len(c.scale.steps), strict=False)
        )
        scales[f"{c.code} – {c.title}" if c.descriptors else f"Schaal {c.scale.name}"] = rows
    return FrameworkApplied(settings, exclusions, requirements, plan, tuple(scales.items()), framework.description)


def _parsed(value: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def hand_ins(session: Session, rnd: m.Round) -> dict[int, list[datetime]]:
    """Every moment each assessor handed in, oldest first, from the history (a revision reopened and handed in again
    adds one); the current hand-in where the history holds none."""
    ids = {str(a.id): a for a in rnd.assessors}
    moments: dict[int, list[datetime]] = defaultdict(list)
    events = session.execute(
        select(m.AuditEvent.entity_id, m.AuditEvent.after)
        .where(m.AuditEvent.entity == "assessors", m.AuditEvent.entity_id.in_(ids), m.AuditEvent.action != "delete")
        .order_by(m.AuditEvent.id)
    )
    for entity_id, after in events:
        moment = _parsed((after or {}).get("submitted_at"))
        if moment is not None and moment not in moments[ids[entity_id].id]:
            moments[ids[entity_id].id].append(moment)
    for assessor in rnd.assessors:
        if assessor.submitted_at is not None and assessor.submitted_at not in moments[assessor.id]:
            moments[assessor.id].append(assessor.submitted_at)
    return moments


def assignment_rows(session: Session, rnd: m.Round, handed: dict[int, list[datetime]]) -> Rows:
    """Per member: what was assigned (registrations, plan criteria, checks), when, and each hand-in."""
    # Counted and gathered by the database: a round holds an assignment (and an insert in the history) per cell.
    plan = [c.id for c in rnd.framework.criteria if c.part == Part.PLAN.value]
    counts = {
        assessor_id: (registrations, scored, cells)
        for assessor_id, registrations, scored, cells in session.execute(
            select(
                m.Assignment.assessor_id,
                func.count(distinct(m.Assignment.registration_id)),
                func.sum(case((m.Assignment.criterion_id.in_(plan), 1), else_=0)),
                func.count(m.Assignment.id),
            )
            .join(m.Assessor, m.Assessor.id == m.Assignment.assessor_id)
            .where(m.Assessor.round_id == rnd.id)
            .group_by(m.Assignment.assessor_id)
        )
    }
    made: dict[int, list[str]] = defaultdict(list)  # per member: when assignments were made, from the history
    member = m.AuditEvent.after["assessor_id"].as_integer()
    for assessor_id, at in session.execute(
        select(member, m.AuditEvent.at)
        .distinct()
        .where(m.AuditEvent.entity == "assignments", m.AuditEvent.action == "insert")
        .order_by(m.AuditEvent.at)
    ):
        moment = zoned_moment_text(at)
        if assessor_id is not None and moment not in made[assessor_id]:
            made[assessor_id].append(moment)
    rows = []
    for assessor in sorted(rnd.assessors, key=lambda a: a.name):
        registrations, scored, cells = counts.get(assessor.id, (0, 0, 0))
        what = (
            f"{count_text(registrations, 'inschrijving', 'inschrijvingen')}: "
            f"{count_text(scored, 'plancriterium', 'plancriteria')} te scoren, "
            f"{count_text(cells - scored, 'eis', 'eisen')} te toetsen"
            if cells else "niets toegewezen"
        )  # fmt: skip
        moments = handed.get(assessor.id, [])
        handed_text = (
            "; ".join(f"revisie {i}: {zoned_moment_text(at)}" for i, at in enumerate(moments, start=1))
            or "nog niet ingeleverd"
        )
        if assessor.reopened_at is not None:
            handed_text += f"; heropend {zoned_moment_text(assessor.reopened_at)}: {assessor.reopen_reason or ''}"
        rows.append((assessor.name, what, and_list(made.get(assessor.id, [])) or "—", handed_text))
    return tuple(rows)


def opening_rows(session: Session, rnd: m.Round, handed: dict[int, list[datetime]]) -> Rows:
    """Per registration: when its consensus discussion was opened, the hand-ins of its assessors before it, and
    whether every one of them had handed in by then (assessors never see each other's scores before)."""
    names = {a.id: a.name for a in rnd.assessors}
    assessors: dict[int, set[int]] = defaultdict(set)
    for assessor_id, registration_id in session.execute(
        select(m.Assignment.assessor_id, m.Assignment.registration_id)
        .distinct()  # a member has an assignment per criterion of the registration
        .join(m.Assessor, m.Assessor.id == m.Assignment.assessor_id)
        .where(m.Assessor.round_id == rnd.id)
    ):
        assessors[registration_id].add(assessor_id)
    rows = []
    for registration_id, number, opened in session.execute(
        select(m.Registration.id, m.Registration.number, m.Registration.consensus_opened_at)
        .where(m.Registration.round_id == rnd.id)
        .order_by(m.Registration.sequence)
    ):
        members = sorted(assessors.get(registration_id, ()), key=lambda a: names[a])
        if opened is None:
            rows.append((number, "niet geopend", "—", "—"))
            continue
        before, late = [], []
        for assessor_id in members:
            first = next(iter(handed.get(assessor_id, [])), None)
            if first is not None and first <= opened:
                before.append(f"{names[assessor_id]} {zoned_moment_text(first)}")
            else:
                late.append(names[assessor_id])
        verdict = (
            "geopend na de inlevering van alle beoordelaars" if not late
            else f"LET OP: geopend vóór de inlevering van {and_list(late)}"
        )  # fmt: skip
        rows.append((number, zoned_moment_text(opened), "; ".join(before) or "—", verdict))
    return tuple(rows)


def letter_rows(session: Session, rnd: m.Round, registration: m.Registration) -> Rows:
    """The letters of a registration: version and kenmerk, made, the sending recorded, the standstill, superseded."""
    return letter_lines(registration_sendings(session, rnd, registration))


def letters_by_registration(session: Session, rnd: m.Round, ids: Sequence[int]) -> dict[str, Rows]:
    """letter_rows of the registrations ids that have letters, by number, read at once (a batch of the report)."""
    sendings: dict[str, list[SendingRow]] = defaultdict(list)
    for row in batch_sendings(session, rnd, ids):
        sendings[row.registration].append(row)
    return {number: letter_lines(rows) for number, rows in sendings.items()}


def letter_lines(sendings: Iterable[SendingRow]) -> Rows:
    rows = []
    for row in sendings:
        if row.sent_on is not None and row.channel is not None:
            sent = f"verzonden {date_text(row.sent_on)} {row.channel.label}"
            if row.recorded_by:
                sent += f" (vastgelegd door {row.recorded_by}, {zoned_moment_text(row.recorded_at)})"
        elif row.planned_sending is not None:
            sent = f"nog niet verzonden (verzenddatum in de brief: {date_text(row.planned_sending)})"
        else:
            sent = "nog niet verzonden"
        state = (
            f"vervangen door versie {row.superseded_by}" if row.superseded
            else "besluit sindsdien gewijzigd" if row.outdated else "geldend"
        )  # fmt: skip
        end = f"t/m {date_text(row.standstill_end)}" if row.standstill_end else "geen"
        rows.append(
            (f"versie {row.version}, {row.kenmerk}", f"{row.made_by}, {zoned_moment_text(row.made_at)}", sent, end,
             state)
        )  # fmt: skip
    return tuple(rows)


def approval_lines(session: Session, rnd: m.Round) -> tuple[str, ...]:
    """The commission's approvals of the proces-verbaal, each with what changed in the history since."""
    lines = []
    for approval in approvals_of(session, rnd.id):
        members = f" met {and_list(list(approval.members))}" if approval.members else ""
        said = (
            f"Goedgekeurd door {approval.approved_by}{members} op {zoned_moment_text(approval.approved_at)}, "
            f"gelezen tegen de geschiedenis van {count_text(approval.events, 'gebeurtenis', 'gebeurtenissen')} "
            f"(laatste hash {approval.head})"
        )
        if approval.report_sha256:
            said += f"; het goedgekeurde proces-verbaal had SHA-256 {approval.report_sha256}"
        changed = changes_since(session, approval.events)
        said += (
            ". Sindsdien is er niets gewijzigd." if not changed
            else f". Sindsdien {count_text(changed, 'wijziging', 'wijzigingen')} in de geschiedenis: lees dit "
            "proces-verbaal opnieuw en keur het opnieuw goed."
        )  # fmt: skip
        lines.append(said)
    return tuple(lines)


def interview_lines(record: InterviewRecord) -> str:
    """One verification interview: when (with its zone), its status in Dutch, who attended, every point."""
    when = zoned_local_text(record.held_at) or f"gepland {zoned_local_text(record.planned_at) or '(geen datum)'}"
    said = f"Verificatiegesprek {when}, {record.status.label.lower()} (revisie {record.revision})"
    if record.approved_at:
        said += f", goedgekeurd {zoned_moment_text(record.approved_at)} door {record.approved_by}"
    if record.attendees:
        said += ". Aanwezig: " + "; ".join(f"{a.name} ({a.role}, {a.side_label})" for a in record.attendees)
    points = [
        f"{p.code}: {p.reason}" + (f" Vraag: {p.question}" if p.question else "")
        + (f" Antwoord: {p.answer}" if p.answer else "")
        + f" Uitkomst: {p.outcome.label if p.outcome else 'open'}." + (f" {p.motivation}" if p.motivation else "")
        for p in record.points
    ]  # fmt: skip
    return "\n".join([said + ".", *points])


def meeting_lines(meeting: ConsensusMeeting | None, sheet: ConsensusSheet) -> tuple[str, ...]:
    """The consensus meeting of a registration: when it was opened, who attended, and the summary."""
    if sheet.opened_at is None:
        return ("De consensusbespreking is niet geopend.",)
    lines = [f"Consensusbespreking geopend {zoned_moment_text(sheet.opened_at)}."]
    if meeting is None:
        lines.append("Wie er bij de bespreking was en wat er besproken is, is niet vastgelegd.")
    else:
        held = f" op {date_text(meeting.held_on)}" if meeting.held_on else ""
        lines.append(f"Aanwezig{held}: {and_list(list(meeting.attendees))}. Samenvatting: {meeting.summary} "
                     f"(vastgelegd door {meeting.recorded_by}, {zoned_moment_text(meeting.recorded_at)})")  # fmt: skip
    return tuple(lines)


def settled_rows(sheet: ConsensusSheet) -> tuple[tuple[str, str, str, str], ...]:
    """What the meeting set per criterion against the individual scores: their range, the score set, and every
    revision of it (source, who, when)."""
    rows = []
    for c in sheet.criteria:
        if c.consensus is None:
            continue
        values = sorted({s.value for s in c.individual})
        spread = "–".join(dict.fromkeys(number_text(v) for v in (values[0], values[-1]))) if values else "geen"
        history = "; ".join(
            f"revisie {e.revision}: {number_text(e.value)} ({word('source', e.source)}, {e.set_by}, "
            f"{zoned_moment_text(e.set_at)})"
            for e in c.history
        )  # fmt: skip
        rows.append((c.code, spread, number_text(c.consensus.value), history))
    return tuple(rows)


def member_checks(rows: tuple[RequirementRow, ...]) -> tuple[tuple[str, str, str, str], ...]:
    """Each member's check of the exclusion grounds and requirements: per member and verdict the codes, and a row of
    its own for a check with a note; the checks still to be done by whom."""
    grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
    noted = []
    for row in rows:
        for v in row.members:
            if v.note:
                noted.append((v.assessor, v.verdict.label, row.code, v.note))
            else:
                grouped[(v.assessor, v.verdict.label)].append(row.code)
        for who in row.pending:
            grouped[(who, "nog niet getoetst")].append(row.code)
    found = [(who, verdict, ", ".join(codes), "—") for (who, verdict), codes in grouped.items()]
    return tuple(sorted(found + noted))
