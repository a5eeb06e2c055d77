"""The writes of a bulk settlement (unanimous cells confirmed, a consensus sheet): the discussions it opens and the
consensus revisions it adds, set-based (AuditedBatch), with the very history open_discussion and
add_consensus_revision write one cell at a time."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.orm import Session

from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audited_batch import AuditedBatch
from beoordelaar.core.storage.bulk import full_row
from beoordelaar.core.storage.clock import utcnow


@dataclass
class ConsensusBatch:
    batch: AuditedBatch = field(default_factory=AuditedBatch)
    _opened: set[int] = field(default_factory=set)

    def open_discussion(self, registration: m.Registration) -> bool:
        """As consensus.open_discussion: opened where not open yet; whether it was."""
        if registration.consensus_opened_at is not None or registration.id in self._opened:
            return False
        self._opened.add(registration.id)
        self.batch.update(registration, consensus_opened_at=utcnow())
        self.batch.action("consensus-opened", "registrations", str(registration.id), None)
        return True

    def add_revision(
        self,
        registration_id: int,
        criterion: m.Criterion,
        value: Decimal,
        motivation: str,
        current: m.ConsensusScore | None,
        *,
        source: str,
        actor: str,
    ) -> bool:
        """As consensus.add_consensus_revision of a score the commission sets itself (no mean, no interview
        answer): a new revision unless value and motivation are what they are; whether one was added."""
        if current is not None and (current.value, current.mean, current.motivation) == (value, None, motivation):
            return False
        row = full_row(
            m.ConsensusScore, registration_id=registration_id, criterion_id=criterion.id,
            revision=(current.revision + 1) if current else 1, value=value, mean=None, motivation=motivation,
            source=source, interview_id=None, interview_point_id=None, set_by=actor, set_at=utcnow(),
        )  # fmt: skip
        self.batch.insert(m.ConsensusScore, row)
        return True

    def write(self, session: Session) -> None:
        self.batch.write(session)
