"""The outcome per lot (perceel), derived from the decisions per registration.

A framework's requirements and plan are the same for every lot, so a registration's decision holds for each lot it
bid for; one Decision row per registration is enough (Decision.lot_id stays empty). A lot in which no bid has a
positive decision is not awarded (or, in Open House, nobody is admitted to it). Once a procedure can decide a lot on
its own (a maximum number of winners per lot, a requirement per lot), the decisions must become per (registration,
lot) and this derivation gives way to them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from beoordelaar.core.rounds.procedure import Outcome


@dataclass(frozen=True)
class LotResult:
    code: str
    name: str
    bidders: tuple[str, ...]  # registration numbers that bid for this lot
    chosen: tuple[str, ...]  # of those, the ones admitted or (intended to be) awarded
    open: int  # bidders without a decision yet

    @property
    def label(self) -> str:
        return f"{self.code} ({self.name})"

    @property
    def without_winner(self) -> bool:
        """Every bidder is decided and none is chosen: the lot is not awarded."""
        return not self.chosen and not self.open

    def as_json(self) -> dict[str, object]:
        return {
            "lot": self.code,
            "name": self.name,
            "bidders": list(self.bidders),
            "chosen": list(self.chosen),
            "undecided": self.open,
            "without_winner": self.without_winner,
        }


def lot_results(
    lots: Sequence[tuple[str, str]], bids: Iterable[tuple[str, tuple[str, ...], Outcome | None]]
) -> tuple[LotResult, ...]:
    """Per lot (code, name) its bidders and chosen bids; bids are (registration number, lot codes, outcome)."""
    bids = list(bids)
    results = []
    for code, name in lots:
        entered = [(number, outcome) for number, codes, outcome in bids if code in codes]
        results.append(
            LotResult(
                code=code,
                name=name,
                bidders=tuple(number for number, _ in entered),
                chosen=tuple(number for number, outcome in entered if outcome not in (None, Outcome.REJECT)),
                open=sum(1 for _, outcome in entered if outcome is None),
            )
        )
    return tuple(results)
