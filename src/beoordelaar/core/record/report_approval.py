"""The commission's approval of the proces-verbaal: the chair records who approved it and when, against the history
as it then was (its number of events and head hash, and the SHA-256 of the proces-verbaal read, where given). The
approval is a milestone: it ends with a signed checkpoint. A later proces-verbaal prints the approvals and what
changed since."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.errors import UserError, os_reason
from beoordelaar.core.record.consensus_meetings import commission_members
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import head_hash, record_action, unit_of_work
from beoordelaar.core.storage.clock import utcnow

# What an approval writes itself; events of these kinds after it are not changes to what was approved.
_OWN = ("report_approvals", "audit_checkpoints", "exchange_keys")


@dataclass(frozen=True)
class ReportApprovalRow:
    approved_by: str
    members: tuple[str, ...]
    approved_at: datetime
    events: int
    head: str
    report_sha256: str | None

    def as_json(self) -> dict[str, object]:
        return {
            "approved_by": self.approved_by, "members": list(self.members),
            "approved_at": self.approved_at.isoformat() + "Z", "events": self.events, "head": self.head,
            "report_sha256": self.report_sha256,
        }  # fmt: skip


def approvals_of(session: Session, round_id: int) -> list[ReportApprovalRow]:
    rows = session.execute(
        select(m.ReportApproval).where(m.ReportApproval.round_id == round_id).order_by(m.ReportApproval.id)
    ).scalars()
    return [
        ReportApprovalRow(r.approved_by, tuple(r.members or ()), r.approved_at, r.events, r.head, r.report_sha256)
        for r in rows
    ]


def changes_since(session: Session, events: int) -> int:
    """The events after the first `events` that changed something other than an approval and its checkpoint."""
    ids = select(m.AuditEvent.id).order_by(m.AuditEvent.id).offset(events).subquery()
    return session.execute(
        select(func.count(m.AuditEvent.id)).where(
            m.AuditEvent.id.in_(select(ids.c.id)),
            m.AuditEvent.entity.not_in(_OWN),
            m.AuditEvent.action != "report-approved",
        )
    ).scalar_one()


def approve_report(
    sessions: sessionmaker[Session],
    round_id: int,
    *,
    members: list[str],
    actor: str,
    report: Path | None = None,
) -> ReportApprovalRow:
    """The chair records the commission's approval of the proces-verbaal, with the members who approved with the
    chair; report: the PDF they read, whose SHA-256 is kept."""
    digest = None
    if report is not None:
        try:
            digest = hashlib.sha256(Path(report).read_bytes()).hexdigest()
        except OSError as exc:
            raise UserError(f"Het proces-verbaal {report} kan niet worden gelezen: {os_reason(exc)}.") from exc
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.RECORD)
        named = commission_members(rnd, members)
        events = session.execute(select(func.count(m.AuditEvent.id))).scalar_one()
        row = m.ReportApproval(
            round_id=rnd.id, approved_by=actor, members=named, approved_at=utcnow(), events=events,
            head=head_hash(session), report_sha256=digest,
        )  # fmt: skip
        session.add(row)
        session.flush()
        record_action(
            session, "report-approved", "rounds", str(rnd.id), {"members": named, "events": events, "sha256": digest}
        )
        return approvals_of(session, rnd.id)[-1]
