"""The parts of one registration's section of the proces-verbaal beyond its scores: each member's checks, the
consensus meeting and what it set against the individual scores, and the verification interviews, as Dutch text
with every time in local time with its zone."""

from __future__ import annotations

from collections import defaultdict

from beoordelaar.core.consolidation.consensus import ConsensusSheet
from beoordelaar.core.consolidation.settlement import RequirementRow
from beoordelaar.core.record.consensus_meetings import ConsensusMeeting
from beoordelaar.core.text import and_list, date_text, number_text, word, zoned_local_text, zoned_moment_text
from beoordelaar.core.verification.verification import InterviewRecord


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
