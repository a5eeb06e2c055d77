"""The outcome per lot (perceel): each decision records it for every lot its registration bid for.

A framework's requirements and plan are the same for every lot, so outside a selection a registration's outcome is
the same for each lot it bid for. A selection's maximum is per lot, so there a candidate can go on in lot A and not
in lot B. A lot in which no bid has a positive outcome is not awarded (or, in Open House, nobody is admitted to it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from beoordelaar.core.rounds.procedure import Outcome


@dataclass(frozen=True)
class LotOutcome:
    """A registration's outcome in one lot, and in a selection why (its place, the maximum, a tie-break)."""

    lot: str
    outcome: Outcome
    text: str = ""

    def as_json(self) -> dict[str, str]:
        return {"lot": self.lot, "outcome": self.outcome.value, "text": self.text}

    @classmethod
    def from_json(cls, data: dict[str, str]) -> LotOutcome:
        return cls(data["lot"], Outcome(data["outcome"]), data.get("text", ""))


def uniform_outcomes(lots: Sequence[str], outcome: Outcome | None) -> tuple[LotOutcome, ...]:
    """The same outcome in every lot: a decision outside a selection."""
    return () if outcome is None else tuple(LotOutcome(lot, outcome) for lot in lots)


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
    lots: Sequence[tuple[str, str]], bids: Iterable[tuple[str, tuple[LotOutcome, ...], tuple[str, ...]]]
) -> tuple[LotResult, ...]:
    """Per lot (code, name) its bidders and chosen bids; bids are (registration number, its outcome per lot, the
    lot codes it bid for), an undecided bid has no outcomes."""
    bids = list(bids)
    results = []
    for code, name in lots:
        entered = [
            (number, next((o.outcome for o in outcomes if o.lot == code), None))
            for number, outcomes, codes in bids
            if code in codes
        ]
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
