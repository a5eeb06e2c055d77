"""A bid's standing in the competition: its place per lot among the valid bids, or why it has none.

Only valid bids are ranked (Aw 2012; DOMAIN.md): every exclusion ground and requirement met and every minimum of the
plan reached, by the record. A bid the chair rejected is out of the competition too. The ranks of the valid bids run
1..n among themselves, so an invalid bid never pushes a valid one down.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypeVar

from beoordelaar.core.consolidation.ranking import Placing, placings
from beoordelaar.core.text import and_list

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Bid(Generic[K]):
    key: K
    lots: tuple[str, ...]
    total: Decimal | None
    failed: tuple[str, ...] = ()  # codes of the criteria the record says are not met (knock-outs and minima)
    blocked: bool = False  # something is not settled yet: no decision, so no rank
    rejected: bool = False  # the current decision rejects it (also when the record has no failure: an override)


@dataclass(frozen=True)
class Standing:
    placings: tuple[Placing, ...] = ()
    not_ranked: str = ""  # why the bid has no rank, in Dutch; empty when it is ranked

    @property
    def ranked(self) -> bool:
        return bool(self.placings)

    @property
    def text(self) -> str:
        """A line for a screen: 'Rangorde: plaats 1 van 3 in perceel A', or 'Geen plaats in de rangorde: …'."""
        if self.placings:
            return f"Rangorde: {placings_text(self.placings)}"
        return f"Geen plaats in de rangorde: {self.not_ranked}"

    def as_json(self) -> dict[str, object]:
        return {
            "placings": [{"lot": p.lot, "rank": p.rank, "of": p.of} for p in self.placings],
            "not_ranked": self.not_ranked or None,
        }


def placings_text(found: tuple[Placing, ...]) -> str:
    """'plaats 2 van 3 in perceel A en plaats 1 van 2 in perceel B'; empty without placings."""
    return and_list([f"plaats {p.rank} van {p.of}" + (f" in perceel {p.lot}" if p.lot else "") for p in found])


def not_ranked_reason(bid: Bid) -> str:
    """Why a bid has no rank, in Dutch; empty for a valid bid that stays in the competition."""
    if bid.failed:
        return f"de inschrijving voldoet niet aan {and_list(bid.failed)}"
    if bid.blocked or bid.total is None:
        return "de beoordeling van de inschrijving is nog niet afgerond"
    if bid.rejected:
        return "de inschrijving is afgewezen bij besluit van de voorzitter"
    return ""


def standings(bids: Iterable[Bid[K]]) -> dict[K, Standing]:
    """Per bid its placing in every lot it entered among the valid bids, or why it is not ranked."""
    bids = list(bids)
    reasons = {bid.key: not_ranked_reason(bid) for bid in bids}
    found = placings((bid.key, bid.lots, bid.total, not reasons[bid.key]) for bid in bids)
    return {bid.key: Standing(found.get(bid.key, ()), reasons[bid.key]) for bid in bids}
