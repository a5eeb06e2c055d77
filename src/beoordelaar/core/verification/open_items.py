"""What still keeps a round from being closed ("Wat staat nog open"), and closing it ("Ronde afronden").

It lives after verification in the workflow because open doubts count: a round is closed only when every score is in,
every flagged case discussed, every consensus set, every requirement settled and every doubt verified.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.commission.assessor_minimum import assigned_counts, minimum_of, shortfalls
from beoordelaar.core.consolidation.consolidation import consolidate_round
from beoordelaar.core.consolidation.exclusion_grounds import GROUND_DECLARED
from beoordelaar.core.consolidation.settlement import round_requirement_sheets
from beoordelaar.core.consolidation.spread import discussion_flags
from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.procedure import RoundStatus
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.text import count_text, number_text
from beoordelaar.core.verification.verification import open_doubts


@dataclass(frozen=True)
class OpenItem:
    """Something that keeps a round from being consolidated (and so from being decided)."""

    # missing-score, undiscussed-flag, no-consensus, unsettled-requirement, open-doubt, too-few-assessors
    kind: str
    registration: str
    criterion: str | None
    text: str

    def as_json(self) -> dict[str, object]:
        return {"kind": self.kind, "registration": self.registration, "criterion": self.criterion, "text": self.text}


def open_items(sessions: sessionmaker[Session], round_id: int) -> list[OpenItem]:
    """What is still open: registrations with fewer assessors than the framework promises, scores missing, flagged
    cases not discussed, criteria without a consensus score, requirements not settled, doubts not resolved by a
    verification interview."""
    result = consolidate_round(sessions, round_id, agreement=False)
    numbers = {r.id: r.number for r in result.registrations}
    done = {(r.id, code) for r in result.registrations for code in result.criteria} - {
        (cell.registration, cell.criterion) for cell in result.cells
    }
    agreed = _agreed_cells(sessions, result.round_id)
    items = _too_few_assessors(sessions, result.round_id)
    for cell in result.cells:
        number = numbers[cell.registration]
        if cell.missing:
            who = ", ".join(cell.missing)
            items.append(
                OpenItem("missing-score", number, cell.criterion, f"{cell.criterion}: score ontbreekt van {who}")
            )
        if (cell.registration, cell.criterion) in agreed or (cell.registration, cell.criterion) in done:
            continue
        discussion = [f.label.lower() for f in discussion_flags(cell.flags)]
        if discussion:
            scores = ", ".join(number_text(v) for v in cell.scores.values())
            text = f"{cell.criterion}: {' en '.join(discussion)} ({scores}), nog niet besproken"
            items.append(OpenItem("undiscussed-flag", number, cell.criterion, text))
        else:
            items.append(OpenItem("no-consensus", number, cell.criterion, f"{cell.criterion}: nog geen consensusscore"))
    sheets = round_requirement_sheets(sessions, result.round_id)
    for registration_id, sheet in sheets.items():
        for row in sheet:
            if row.settled is None and not (row.intended_only and row.automatic is not True):
                state = GROUND_DECLARED if row.ground_declared else "niet vastgesteld"
                text = f"{row.code} ({row.title}): {state}"
                items.append(OpenItem("unsettled-requirement", numbers[registration_id], row.code, text))
    for doubt in open_doubts(sessions, result.round_id, sheets):
        text = f"{doubt.code} ({doubt.title}): verificatie nodig – {doubt.reason}"
        items.append(OpenItem("open-doubt", doubt.registration, doubt.code, text))
    order = {number: i for i, number in enumerate(numbers.values())}
    return sorted(items, key=lambda item: order[item.registration])


def _too_few_assessors(sessions: sessionmaker[Session], round_id: int) -> list[OpenItem]:
    with sessions() as session:
        rnd = find_round(session, round_id)
        found = shortfalls(assigned_counts(session, rnd), minimum_of(rnd))
    return [
        OpenItem(
            "too-few-assessors", row.registration, None,
            f"{count_text(row.assessors, 'beoordelaar', 'beoordelaars')} op het plan van aanpak; het kader belooft er "
            f"minimaal {row.minimum} (voeg een beoordelaar toe en wijs opnieuw toe)",
        )
        for row in found
    ]  # fmt: skip


def _agreed_cells(sessions: sessionmaker[Session], round_id: int) -> set[tuple[int, str]]:
    with sessions() as session:
        return {
            (registration_id, code)
            for registration_id, code in session.execute(
                select(m.ConsensusScore.registration_id, m.Criterion.code)
                .join(m.Criterion)
                .join(m.Registration)
                .where(m.Registration.round_id == round_id)
            )
        }


def mark_consolidated(sessions: sessionmaker[Session], round_id: int, *, actor: str) -> None:
    """The chair closes consolidation; refused while anything is still open (the message lists the first items)."""
    with sessions() as session:
        refuse_on_laptop(session, find_round(session, round_id).id, ChairAction.CONSOLIDATE)
    items = open_items(sessions, round_id)
    if items:
        shown = "\n".join(f"- {i.registration}: {i.text}" for i in items[:10])
        more = f"\n… en nog {len(items) - 10}" if len(items) > 10 else ""
        raise UserError(f"De ronde kan nog niet worden afgerond; er staan {len(items)} punten open:\n{shown}{more}")
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        if rnd.status in (RoundStatus.PREPARING.value, RoundStatus.SCORING.value):
            rnd.status = RoundStatus.CONSOLIDATED.value
            session.flush()
            record_action(session, "round-consolidated", "rounds", str(rnd.id), None)
