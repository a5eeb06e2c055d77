"""A round as the lists show it: plain values, in a module of its own so that a start reads the rounds before the
database layer (SQLAlchemy, the models) is imported (core/first_look.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from beoordelaar.core.rounds.procedure import Procedure, RoundStatus


@dataclass(frozen=True)
class RoundSummary:
    id: int
    name: str
    procedure: Procedure
    status: RoundStatus
    framework: str
    registrations: int
    assessors: int
    scores: int
    decisions: int
    created_at: datetime
    procurement_id: int | None = None  # the procurement this round is an entry moment of (None on a laptop)
    procurement_name: str | None = None
    laptop_owner: str | None = None  # the assessor whose laptop copy this round is (opened from her work package)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "procedure": self.procedure.value,
            "status": self.status.value,
            "framework": self.framework,
            "registrations": self.registrations,
            "assessors": self.assessors,
            "scores": self.scores,
            "decisions": self.decisions,
            "procedure_id": self.procurement_id,
            "procedure_name": self.procurement_name,
        }
