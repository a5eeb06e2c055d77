"""A registration as a list shows it: plain values, in a module of its own so that a start reads the first page's rows
before the database layer (SQLAlchemy, the models) is imported (core/first_look.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from beoordelaar.core.rounds.procedure import Outcome


@dataclass(frozen=True)
class RegistrationRow:
    """One registration as a list shows it; plain values only, safe after the session closed."""

    id: int
    sequence: int
    number: str
    name: str
    kvk: str
    city: str
    lots: str
    submitted_at: datetime | None
    documents: int
    missing_documents: int
    scores: int
    outcome: Outcome | None
    confirmed: bool

    @property
    def anonymous_label(self) -> str:
        return f"Inschrijving {self.sequence:03d}"
