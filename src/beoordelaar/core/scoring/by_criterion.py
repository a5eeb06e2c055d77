"""An assessor's work by criterion: one criterion across all the registrations assigned to them ("evalueren per
vraag"), the second way through the same work beside the worklist by registration.

Scoring one criterion for every plan in a row keeps the assessor's yardstick steady between plans. The work itself is
the same: the screen saves with save_score / save_check / save_draft and hands in with hand_in.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.commission.assessors import find_assessor
from beoordelaar.core.rounds.framework import Part
from beoordelaar.core.rounds.procedure import CheckVerdict
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.scoring.scoring import assigned, latest_checks, latest_scores, registration_label
from beoordelaar.core.storage import models as m


@dataclass(frozen=True)
class CriterionEntry:
    """One registration under a criterion, with the assessor's saved score or verdict (drafts do not count)."""

    registration_id: int
    ref: str
    label: str
    value: Decimal | None = None
    verdict: CheckVerdict | None = None

    @property
    def done(self) -> bool:
        return self.value is not None or self.verdict is not None


@dataclass(frozen=True)
class CriterionWork:
    """One criterion of the framework across the assessor's registrations, in the round's order."""

    code: str
    part: Part
    title: str
    entries: tuple[CriterionEntry, ...]

    @property
    def label(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def done(self) -> int:
        return sum(e.done for e in self.entries)

    @property
    def total(self) -> int:
        return len(self.entries)

    @property
    def complete(self) -> bool:
        return self.done == self.total

    def entry(self, ref: str) -> CriterionEntry | None:
        return next((e for e in self.entries if e.ref == ref), None)


def work_by_criterion(sessions: sessionmaker[Session], round_id: int, assessor_name: str) -> list[CriterionWork]:
    """Every criterion assigned to the assessor (in framework order) with the registrations it is assigned for."""
    with sessions() as session:
        rnd = find_round(session, round_id)
        assessor = find_assessor(session, rnd, assessor_name)
        mine = assigned(session, assessor.id)
        scores, checks = latest_scores(session, assessor.id), latest_checks(session, assessor.id)
        registrations = session.execute(
            select(m.Registration)
            .where(m.Registration.id.in_({registration for registration, _ in mine}))
            .order_by(m.Registration.sequence)
        ).scalars()
        labelled = [(r.id, r.number, registration_label(rnd, r)) for r in registrations]
        work = []
        for row in rnd.framework.criteria:
            entries = []
            for registration_id, ref, label in labelled:
                key = (registration_id, row.id)
                if key not in mine:
                    continue
                score, check = scores.get(key), checks.get(key)
                value = score.value if score else None
                verdict = CheckVerdict(check.verdict) if check else None
                entries.append(CriterionEntry(registration_id, ref, label, value=value, verdict=verdict))
            if entries:
                work.append(CriterionWork(row.code, Part(row.part), row.title, tuple(entries)))
        return work
