"""Ranking, where the procedure ranks (never in Open House): per lot, among the valid registrations only, by weighted
total, highest first; equal totals share a rank (1, 2, 2, 4). Which registrations are valid is the caller's: the
decisions rank only bids that meet every requirement and reach every minimum (core/decisions/standing.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

K = TypeVar("K", bound=Hashable)

NO_LOT = ""


@dataclass(frozen=True)
class Placing:
    lot: str  # NO_LOT where the round has no lots
    rank: int
    of: int


def competition_ranks(totals: Mapping[K, Decimal | None]) -> dict[K, int]:
    """Rank by total, highest first; equal totals share a rank (1, 2, 2, 4). Keys without a total get no rank."""
    scored = sorted(((t, k) for k, t in totals.items() if t is not None), key=lambda item: -item[0])
    ranks: dict[K, int] = {}
    previous: Decimal | None = None
    rank = 0
    for position, (total, key) in enumerate(scored, start=1):
        if total != previous:
            rank, previous = position, total
        ranks[key] = rank
    return ranks


def placings(entries: Iterable[tuple[K, tuple[str, ...], Decimal | None, bool]]) -> dict[K, tuple[Placing, ...]]:
    """Per key its placing in every lot it entered, among the valid entries. Entries are (key, lots, total, valid);
    an invalid entry, or one without a complete total, is not ranked and takes no place from the others."""
    by_lot: dict[str, dict[K, Decimal | None]] = defaultdict(dict)
    for key, lots, total, valid in entries:
        if valid and total is not None:
            for lot in lots or (NO_LOT,):
                by_lot[lot][key] = total
    result: dict[K, list[Placing]] = defaultdict(list)
    for lot in sorted(by_lot):
        ranks = competition_ranks(by_lot[lot])
        for key, rank in ranks.items():
            result[key].append(Placing(lot, rank, len(ranks)))
    return {key: tuple(value) for key, value in result.items()}
