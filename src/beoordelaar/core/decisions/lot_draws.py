"""Drawing lots in a selection: the last tie-break, for a tie on the boundary of a lot's maximum.

A draw is held for the exact group the selection says is tied (core/decisions/selection.py) and recorded with who
drew, who witnessed it and the order drawn. The chair either enters the outcome of a draw held by hand (a notary, a
witnessed draw from a hat) or lets the app draw (the operating system's random source, `secrets`). Either way the
history holds the outcome; a later change of scores that changes the group makes a new draw necessary.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.consolidation.ranking import NO_LOT
from beoordelaar.core.decisions.decision_inputs import current_decisions, load_inputs, round_selections
from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.text import and_list

BY_HAND = "handmatig"
BY_APP = "app"


@dataclass(frozen=True)
class PendingDrawRow:
    """A tie that only drawing lots can break: `places` of these registrations go on in the lot."""

    lot: str
    numbers: tuple[str, ...]
    providers: tuple[str, ...]
    places: int

    def as_json(self) -> dict[str, object]:
        return {"lot": self.lot or None, "registrations": list(self.numbers), "places": self.places}


@dataclass(frozen=True)
class DrawRow:
    lot: str
    order: tuple[str, ...]  # registration numbers, first drawn first
    places: int  # the first `places` of the order go on
    method: str
    drawn_by: str
    witnesses: str
    drawn_at: datetime

    @property
    def selected(self) -> tuple[str, ...]:
        return self.order[: self.places]

    def as_json(self) -> dict[str, object]:
        return {
            "lot": self.lot or None,
            "order": list(self.order),
            "places": self.places,
            "selected": list(self.selected),
            "method": self.method,
            "drawn_by": self.drawn_by,
            "witnesses": self.witnesses,
            "drawn_at": self.drawn_at.isoformat(),
        }


def _pending(session: Session, rnd: m.Round) -> list[PendingDrawRow]:
    inputs = load_inputs(session, rnd)
    if inputs.framework.selection is None:
        return []
    by_id = {r.id: r for r in inputs.registrations}
    found = []
    for lot, selected in sorted(round_selections(inputs, current_decisions(session, rnd.id)).items()):
        if selected.pending is not None:
            tied = [by_id[key] for key in selected.pending.candidates]
            found.append(
                PendingDrawRow(lot, tuple(r.number for r in tied), tuple(r.name for r in tied), selected.pending.places)
            )
    return found


def pending_draws(sessions: sessionmaker[Session], round_id: int) -> list[PendingDrawRow]:
    """The ties on a selection's boundary that wait for drawing lots, per lot."""
    with sessions() as session:
        return _pending(session, find_round(session, round_id))


def _draw_row(draw: m.LotDraw, numbers: dict[int, str]) -> DrawRow:
    return DrawRow(
        draw.lot_code, tuple(numbers[key] for key in draw.order), draw.places, draw.method, draw.drawn_by,
        draw.witnesses, draw.drawn_at,
    )  # fmt: skip


def list_draws(sessions: sessionmaker[Session], round_id: int) -> list[DrawRow]:
    """Every draw recorded in the round, oldest first."""
    with sessions() as session:
        rnd = find_round(session, round_id)
        registrations = select(m.Registration.id, m.Registration.number).where(m.Registration.round_id == rnd.id)
        numbers = {registration_id: number for registration_id, number in session.execute(registrations)}
        draws = session.execute(select(m.LotDraw).where(m.LotDraw.round_id == rnd.id).order_by(m.LotDraw.id))
        return [_draw_row(draw, numbers) for draw in draws.scalars()]


def _ordered(pending: PendingDrawRow, order: Sequence[str] | None) -> tuple[tuple[str, ...], str]:
    if order is None:
        drawn = list(pending.numbers)
        secrets.SystemRandom().shuffle(drawn)
        return tuple(drawn), BY_APP
    given = tuple(number.strip() for number in order)
    if sorted(given) != sorted(pending.numbers):
        raise UserError(
            f"De volgorde van de loting noemt elke inschrijving van de gelijke stand precies één keer: "
            f"{and_list(list(pending.numbers))}; opgegeven: {', '.join(given) or 'niets'}."
        )
    return given, BY_HAND


def draw_lots(
    sessions: sessionmaker[Session],
    round_id: int,
    lot: str,
    *,
    drawn_by: str,
    witnesses: str,
    order: Sequence[str] | None = None,
    actor: str,
) -> DrawRow:
    """Record the draw that breaks the tie in one lot: the order drawn (by hand), or let the app draw."""
    drawn_by, witnesses = drawn_by.strip(), witnesses.strip()
    if not drawn_by or not witnesses:
        raise UserError(
            "Een loting wordt vastgelegd met wie trok en wie erbij waren (bijvoorbeeld de notaris of twee leden "
            "van de commissie); vul beide in."
        )
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.DECIDE)
        lot = lot.strip()
        if lot == NO_LOT and rnd.lots:
            raise UserError(f"Noem het perceel van de loting: {and_list([x.code for x in rnd.lots])}.")
        pending = {p.lot: p for p in _pending(session, rnd)}
        if lot not in pending:
            where = f"perceel {lot}" if lot else "deze ronde"
            waiting = and_list([f"perceel {p}" if p else "de ronde" for p in pending]) if pending else "nergens"
            raise UserError(f"In {where} is geen loting nodig: er is geen gelijke stand op de grens van het "
                            f"maximum. Een loting is nu nodig in: {waiting}.")  # fmt: skip
        drawn, method = _ordered(pending[lot], order)
        ids = {r.number: r.id for r in rnd.registrations}
        draw = m.LotDraw(
            round_id=rnd.id, lot_code=lot, order=[ids[number] for number in drawn], places=pending[lot].places,
            method=method, drawn_by=drawn_by, witnesses=witnesses, drawn_at=utcnow(),
        )  # fmt: skip
        session.add(draw)
        session.flush()
        row = _draw_row(draw, {v: k for k, v in ids.items()})
        record_action(session, "lots-drawn", "rounds", str(rnd.id), row.as_json())
        return row
