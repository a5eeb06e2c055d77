"""The assessment report (proces-verbaal) of a round: gathered from the record, rendered as PDF."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from beoordelaar.core.commission.exchange_keys import round_exchange
from beoordelaar.core.consolidation.agreement import alpha_reading, alpha_text
from beoordelaar.core.consolidation.consensus import ConsensusEntry, ConsensusSheet, consensus_sheets
from beoordelaar.core.consolidation.consolidation import consolidate_round
from beoordelaar.core.consolidation.exclusion_grounds import GROUND_DECLARED, finding_text
from beoordelaar.core.consolidation.interview_answers import InterviewAnswer
from beoordelaar.core.consolidation.settlement import RequirementRow, requirement_sheets
from beoordelaar.core.consolidation.spread import Exact
from beoordelaar.core.decisions.lot_draws import list_draws
from beoordelaar.core.decisions.relative_advantages import list_relative_advantages
from beoordelaar.core.decisions.selection import selection_rule_text
from beoordelaar.core.errors import UserError, os_reason
from beoordelaar.core.files.keys import fingerprint
from beoordelaar.core.record import assessment_report_pdf as pdf
from beoordelaar.core.record.audit_check import checkpoint_row
from beoordelaar.core.record.consensus_meetings import ConsensusMeeting, meetings_of
from beoordelaar.core.record.history import round_timeline
from beoordelaar.core.record.report_sections import (
    approval_lines,
    assignment_rows,
    framework_applied,
    hand_ins,
    interview_lines,
    letters_by_registration,
    meeting_lines,
    member_checks,
    opening_rows,
    procedure_rows,
    settled_rows,
)
from beoordelaar.core.record.signed_returns import confirmed_keys
from beoordelaar.core.registrations.answers import INTENDED_ONLY_SHORT
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.procedure import Outcome, Procedure, Role
from beoordelaar.core.rounds.rounds import find_round, round_framework
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import head_hash
from beoordelaar.core.storage.checkpoints import check_checkpoints
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.storage.database import Database
from beoordelaar.core.text import (
    ROUNDED_FOR_DISPLAY,
    decimal_text,
    number_text,
    shown_rounded,
    word,
    zoned_local_text,
    zoned_moment_text,
)
from beoordelaar.core.verification.verification import list_interviews


def _score(value: Exact | None, label: str = "") -> str:
    if value is None:
        return "—"
    number = number_text(value)
    notes = [label] if label else []
    if shown_rounded(value):
        notes.append(ROUNDED_FOR_DISPLAY)
    return f"{number} ({'; '.join(notes)})" if notes else number


def _consensus_score(entry: ConsensusEntry) -> str:
    """The commission's score; where a rounded average rests on another mean, that mean, which the minimum tested."""
    shown = _score(entry.value, entry.label)
    if entry.mean is None or entry.mean == entry.value:
        return shown
    return f"{shown}, afgerond gemiddelde van {number_text(entry.mean)} (het minimum is op dat gemiddelde getoetst)"


def _rests_on(answer: InterviewAnswer | None) -> str:
    return f" Rust op het antwoord in het {answer.quote}" if answer else ""  # the quote ends the sentence


def gather(database: Database, round_id: int, *, actor: str) -> pdf.AssessmentReport:
    sessions = database.sessions
    # Only the figures the pages print are kept, not the consolidation's cells (nor are they cached for the layout).
    consolidation = consolidate_round(sessions, round_id, keep=False)
    totals = {t.id: (_score(t.total), t.why) for t in consolidation.registrations}
    agreement = tuple(
        ("Alle criteria" if a.code == "*" else a.code, alpha_text(a.alpha_ordinal), alpha_text(a.alpha_interval),
         alpha_reading(a.alpha_ordinal))
        for a in (*consolidation.agreement, consolidation.overall)
    )  # fmt: skip
    deviation = tuple((name, decimal_text(d, 2, signed=True)) for name, d in consolidation.deviation.items())
    del consolidation
    interviews = defaultdict(list)
    for record in list_interviews(sessions, round_id):
        interviews[record.registration_id].append(interview_lines(record))
    with sessions() as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.RECORD)
        commission = tuple(
            (a.name, Role(a.role).label, a.organisation or "",
             f"getekend {zoned_moment_text(a.confidentiality_declared_at)}" if a.confidentiality_declared_at
             else "NIET getekend",
             f"{zoned_moment_text(a.conflicts_declared_at)} ({a.conflicts_declared_by})" if a.conflicts_declared_at
             else "NIET verklaard")
            for a in sorted(rnd.assessors, key=lambda a: (a.role != Role.CHAIR.value, a.name))
        )  # fmt: skip
        conflicts = tuple(
            (assessor, number, reason or "—", zoned_moment_text(declared))
            for assessor, number, reason, declared in session.execute(
                select(
                    m.Assessor.name,
                    m.Registration.number,
                    m.ConflictOfInterest.reason,
                    m.ConflictOfInterest.declared_at,
                )
                .join(m.Assessor, m.Assessor.id == m.ConflictOfInterest.assessor_id)
                .join(m.Registration, m.Registration.id == m.ConflictOfInterest.registration_id)
                .where(m.Assessor.round_id == rnd.id)
                .order_by(m.Registration.sequence)
            )
        )
        keys = tuple(
            (a.name, k["fingerprint"], _key_life(k))
            for a in sorted(rnd.assessors, key=lambda a: a.name) for k in confirmed_keys(session, a.id)
        )  # fmt: skip
        returns = tuple(
            (f.file_name, f"{a.name}, revisie {f.revision}", zoned_moment_text(f.imported_at), f.sha256,
             f.signature or "niet ondertekend (oud formaat)")
            for f, a in session.execute(
                select(m.ReturnFile, m.Assessor).join(m.Assessor).where(m.ReturnFile.round_id == rnd.id)
                .order_by(m.ReturnFile.id)
            ).all()
        )  # fmt: skip
        exchange = round_exchange(session, rnd)
        round_key = fingerprint(exchange.chair_signing_public) if exchange and exchange.chair_signing_public else ""
        registration_ids = list(
            session.execute(
                select(m.Registration.id).where(m.Registration.round_id == rnd.id).order_by(m.Registration.sequence)
            ).scalars()
        )
        selection = selection_rule_text(round_framework(rnd).selection)
        events = session.execute(select(func.count(m.AuditEvent.id))).scalar_one()
        head = head_hash(session)
        procedure, procedure_note = procedure_rows(session, rnd)
        applied = framework_applied(round_framework(rnd), rnd.framework.sha256)
        handed = hand_ins(session, rnd)
        assignments = assignment_rows(session, rnd, handed)
        openings = opening_rows(session, rnd, handed)
        meetings = meetings_of(session, rnd.id)
        approvals = approval_lines(session, rnd)
        checkpoints = tuple(checkpoint_row(c) for c in check_checkpoints(session) if c.round_id in (rnd.id, None))
        round_status = word("round_status", rnd.status)
        header = (rnd.name, Procedure(rnd.procedure).label, f"{rnd.framework.name} (versie {rnd.framework.version})",
                  rnd.framework.sha256)  # fmt: skip
    sections = _Sections(sessions, rnd.id, registration_ids, totals, interviews, meetings)
    timeline = tuple((zoned_moment_text(e.at), e.actor, e.what) for e in round_timeline(sessions, rnd.id))
    draws = tuple(
        (d.lot or "—", zoned_moment_text(d.drawn_at), f"{d.drawn_by} ({d.method})", d.witnesses,
         f"{', '.join(d.order)}; door: {', '.join(d.selected)}")
        for d in list_draws(sessions, rnd.id)
    )  # fmt: skip
    advantages = tuple(
        (row.lot_label, "; ".join(row.chosen_names), row.text or "nog niet beschreven",
         f"versie {row.revision}, {row.written_by}, {zoned_moment_text(row.written_at)}" if row.text else "—")
        for row in list_relative_advantages(sessions, rnd.id)
        if row.chosen
    )  # fmt: skip
    return pdf.AssessmentReport(
        round_name=header[0], procedure=header[1], framework=header[2], framework_digest=header[3],
        made_on=zoned_moment_text(utcnow()), made_by=actor, commission=commission, conflicts=conflicts,
        facts=procedure, facts_note=procedure_note, applied=applied, assignments=assignments, openings=openings,
        approvals=approvals, checkpoints=checkpoints,
        timeline=timeline,
        agreement=agreement, deviation=deviation,
        registrations=sections, audit_head=head, audit_events=events,
        counts=(("Inschrijvingen", str(len(registration_ids))), ("Stand van de ronde", round_status)), keys=keys,
        returns=returns,
        round_key=round_key, selection=selection, draws=draws, advantages=advantages,
    )  # fmt: skip


class _Sections:
    """The registrations' sections of the report in their order, read a batch of registrations at a time as the
    layout reaches them: the report never holds every registration's scores and motivations at once. Each iteration
    reads them afresh."""

    BATCH = 100

    def __init__(
        self,
        sessions: sessionmaker[Session],
        round_id: int,
        registration_ids: list[int],
        totals: Mapping[int, tuple[str, str]],
        interviews: Mapping[int, list[str]],
        meetings: Mapping[int, ConsensusMeeting],
    ) -> None:
        self._sessions, self._round_id, self._ids = sessions, round_id, registration_ids
        self._totals, self._interviews, self._meetings = totals, interviews, meetings

    def __iter__(self) -> Iterator[pdf.RegistrationSection]:
        for start in range(0, len(self._ids), self.BATCH):
            yield from self._batch(self._ids[start : start + self.BATCH])

    def _batch(self, ids: list[int]) -> list[pdf.RegistrationSection]:
        with self._sessions() as session:
            rnd = find_round(session, self._round_id)
            registrations = session.execute(
                select(m.Registration)
                .where(m.Registration.id.in_(ids))
                .options(selectinload(m.Registration.provider), selectinload(m.Registration.lots))
                .order_by(m.Registration.sequence)
            ).scalars().all()  # fmt: skip
            decisions: dict[int, m.Decision] = {}
            for decision in session.execute(
                select(m.Decision).where(m.Decision.registration_id.in_(ids)).order_by(m.Decision.revision)
            ).scalars():
                decisions[decision.registration_id] = decision
            requirements = requirement_sheets(session, rnd, ids)
            sheets = consensus_sheets(session, rnd, registrations)
            letters = letters_by_registration(session, rnd, ids)
            return [
                self._section(
                    r, sheets[r.id], decisions.get(r.id), tuple(requirements.get(r.id, ())), letters.get(r.number, ())
                )
                for r in registrations
            ]

    def _section(
        self,
        registration: m.Registration,
        sheet: ConsensusSheet,
        decision: m.Decision | None,
        rows: tuple[RequirementRow, ...],
        letters: tuple[tuple[str, ...], ...],
    ) -> pdf.RegistrationSection:
        number, name, kvk = registration.number, registration.name, registration.provider.kvk
        lots = ", ".join(lot.code for lot in registration.lots)
        submitted = registration.submitted_at
        plan = tuple(
            pdf.PlanLine(
                code=c.code, title=c.title,
                individual=tuple((s.assessor, _score(s.value, s.label), s.motivation) for s in c.individual),
                consensus=_consensus_score(c.consensus) if c.consensus else "—",
                motivation=c.consensus.motivation + _rests_on(c.consensus.rests_on) if c.consensus else "",
                minimum=_score(c.minimum) if c.minimum is not None else "geen",
            )
            for c in sheet.criteria
        )  # fmt: skip
        if decision is None:
            decided, reasons = "nog niet genomen", ()
        else:
            state = word("decision_status", decision.status).lower()
            by = f", {decision.decided_by}" if decision.decided_by else ""
            decided = (f"{Outcome(decision.outcome).label} ({state}, revisie {decision.revision}{by}, "
                       f"{zoned_moment_text(decision.decided_at)})")  # fmt: skip
            reasons = tuple(r.get("text", "") for r in decision.reasons or ())
            if decision.override_motivation:
                reasons += (f"Afwijking van het voorstel ({Outcome(decision.proposed_outcome).label}): "
                            f"{decision.override_motivation}",)  # fmt: skip
            reasons += tuple(
                f"Perceel {o['lot']}: {o['text']}" if o["lot"] else o["text"]
                for o in decision.lot_outcomes or () if o.get("text")
            )  # fmt: skip
        total, why = self._totals[registration.id]
        return pdf.RegistrationSection(
            heading=f"{number} – {name}",
            details=(("KvK-nummer", kvk), ("Percelen", lots or "—"), ("Ingediend", zoned_local_text(submitted)),
                     ("Gewogen totaal", total), ("Plan van aanpak", why)),
            requirements=tuple(requirement_line(row) for row in rows),
            checks=member_checks(rows),
            plan=plan,
            meeting=meeting_lines(self._meetings.get(registration.id), sheet),
            settled=settled_rows(sheet),
            interviews=tuple(self._interviews.get(registration.id, ())),
            decision=decided,
            reasons=reasons,
            letters=letters,
        )  # fmt: skip


def requirement_line(row: RequirementRow) -> tuple[str, str, str, str, str]:
    """Code, title, declared answer, settled verdict and motivation of one requirement, as the report prints it: the
    declared answer beside what the commission verified (with its source); a declared exclusion ground with the ground
    found, its evidence and self-cleaning; the interview answer a change rests on; a document asked only of the
    intended contractor says so."""
    title = f"{row.title} ({INTENDED_ONLY_SHORT})" if row.intended_only else row.title
    settled = row.settled
    declared = row.declared or ""
    if settled is None:
        verdict = GROUND_DECLARED if row.ground_declared else "open"
        return row.code, title, declared, verdict, ""
    if settled.verified:
        declared = f"{declared or 'geen opgave'}; geverifieerd: {settled.verified_text}"
    motivation = " ".join(t for t in (settled.motivation, finding_text(settled.finding)) if t)
    return row.code, title, declared, settled.verdict.label, motivation + _rests_on(settled.rests_on)


def _key_life(key: dict) -> str:
    confirmed = f"{zoned_moment_text(key['confirmed_at'])} door {key['confirmed_by']}"
    if key["forgotten_at"] is None:
        return confirmed
    return f"{confirmed}; vergeten {zoned_moment_text(key['forgotten_at'])} door {key['forgotten_by']}: {key['reason']}"


def assessment_report_bytes(database: Database, round_id: int, *, actor: str) -> bytes:
    """The proces-verbaal as PDF bytes (for the dossier)."""
    data = gather(database, round_id, actor=actor)
    content = pdf.render(data)
    _same_head(database, data)
    return content


def write_report(database: Database, round_id: int, out: Path, *, actor: str) -> Path:
    """The proces-verbaal written to out, straight from the layout, under its name once it is whole."""
    data = gather(database, round_id, actor=actor)
    partial = out.with_name(f".{out.name}.deel")
    try:
        pdf.write(data, str(partial))
        _same_head(database, data)
        partial.replace(out)
    except OSError as exc:
        raise UserError(f"Het proces-verbaal kan niet worden geschreven naar {out}: {os_reason(exc)}.") from exc
    finally:
        partial.unlink(missing_ok=True)
    return out


def _same_head(database: Database, data: pdf.AssessmentReport) -> None:
    """The registrations are read as the layout reaches them, so the history's head is checked again at the end: a
    change made meanwhile would leave a report that holds two states of the round."""
    with database.sessions() as session:
        if head_hash(session) != data.audit_head:
            raise UserError("De ronde is gewijzigd terwijl het proces-verbaal werd opgemaakt. Maak het opnieuw op.")
