"""Equal treatment of comparable doubts: the same requirement with the same declared answer, settled for one provider
after a verification interview and for another without one, or with different verdicts.

A doubt is a requirement whose declared answer a person must judge ('Deels', an answer off the list, none at all),
or one that was marked for verification or settled through an interview. Answers compare as read: "25%" and "0,25"
are the same answer, and so are "deels" and "Deels ".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.consolidation.settlement import RequirementRow, round_requirement_sheets
from beoordelaar.core.registrations.answers import read_answer
from beoordelaar.core.rounds.framework import Criterion
from beoordelaar.core.rounds.procedure import SettledVerdict
from beoordelaar.core.rounds.rounds import find_round, round_framework


@dataclass(frozen=True)
class TreatedDoubt:
    registration: str  # its number
    label: str  # the provider, or its anonymous label in an anonymised round
    verdict: SettledVerdict
    interviewed: bool  # settled through (or waiting for) a verification interview on this criterion

    @property
    def text(self) -> str:
        """'INS-001 (Zorg BV): Akkoord, met verificatiegesprek'."""
        how = "met verificatiegesprek" if self.interviewed else "zonder verificatiegesprek"
        return f"{self.registration} ({self.label}): {self.verdict.label}, {how}"


@dataclass(frozen=True)
class UnequalDoubts:
    """One group of comparable doubts that were not treated alike, with every registration in it."""

    code: str
    title: str
    answer: str  # the declared answer as the first of them wrote it
    interviews_differ: bool
    verdicts_differ: bool
    doubts: tuple[TreatedDoubt, ...]

    @property
    def why(self) -> str:
        reasons = []
        if self.interviews_differ:
            reasons.append("de ene met, de andere zonder verificatiegesprek vastgesteld")
        if self.verdicts_differ:
            reasons.append("verschillende oordelen")
        return " en ".join(reasons)

    @property
    def text(self) -> str:
        answer = f"opgave '{self.answer}'" if self.answer else "geen opgave"
        return f"{self.code} ({self.title}), {answer}: {self.why}."


def _interviewed(row: RequirementRow) -> bool:
    settled = row.settled
    return (
        bool(row.answers)
        or (settled is not None and settled.verdict is SettledVerdict.VERIFY)
        or any(e.interview_id is not None or e.rests_on is not None for e in row.history)
    )


def _is_doubt(row: RequirementRow) -> bool:
    return row.automatic is None or any(e.verdict is SettledVerdict.VERIFY for e in row.history) or _interviewed(row)


def _same_answer(criterion: Criterion, declared: str | None) -> str:
    """What makes two declared answers the same: the number read (as a ratio), else the words."""
    reading = read_answer(criterion, declared)
    if reading.value is not None:
        return format(reading.value.normalize(), "f")
    return " ".join((declared or "").lower().split())


def unequal_doubts(sessions: sessionmaker[Session], round_id: int) -> list[UnequalDoubts]:
    """Every group of comparable, settled doubts of the round treated unequally, in framework order."""
    sheets = round_requirement_sheets(sessions, round_id)
    with sessions() as session:
        rnd = find_round(session, round_id)
        framework = round_framework(rnd)
        order = {r.id: r.sequence for r in rnd.registrations}
        names = {r.id: (r.number, r.anonymous_label if rnd.anonymised else r.name) for r in rnd.registrations}
    groups: dict[tuple[str, str], list[tuple[int, RequirementRow]]] = defaultdict(list)
    for registration_id in sorted(sheets, key=order.__getitem__):
        for row in sheets[registration_id]:
            if row.settled is not None and _is_doubt(row):
                key = (row.code, _same_answer(framework.criterion(row.code), row.declared))
                groups[key].append((registration_id, row))
    positions = {c.code: i for i, c in enumerate(framework.criteria)}
    found = []
    for (code, _answer), members in sorted(groups.items(), key=lambda item: (positions[item[0][0]], item[0][1])):
        doubts = tuple(
            TreatedDoubt(names[i][0], names[i][1], row.settled.verdict, _interviewed(row))  # type: ignore[union-attr]
            for i, row in members
        )
        interviews_differ = len({d.interviewed for d in doubts}) > 1
        final = {d.verdict for d in doubts if d.verdict is not SettledVerdict.VERIFY}
        verdicts_differ = len(final) > 1
        if interviews_differ or verdicts_differ:
            first = members[0][1]
            found.append(
                UnequalDoubts(code, first.title, (first.declared or "").strip(), interviews_differ, verdicts_differ,
                              doubts)
            )  # fmt: skip
    return found
