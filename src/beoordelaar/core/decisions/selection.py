"""The selection stage of a two-stage procedure: per lot, at most the announced number of valid candidates go on.

Candidates are ordered by weighted total, highest first. Equal totals are separated by the framework's tie-break
rules in order (a plan criterion's score, highest first); a tie that still straddles the maximum is decided by
drawing lots, which the chair records (core/decisions/lot_draws.py). A recorded draw applies only to the exact group
it was held for: when scores change and the group changes, the draw no longer applies and a new one is needed.
Ties away from the boundary need no draw: those candidates share a place, and all of them are (or are not) selected.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypeVar

from beoordelaar.core.rounds.framework import DRAW, Selection
from beoordelaar.core.text import and_list, count_text

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Candidate(Generic[K]):
    key: K
    total: Decimal
    scores: Mapping[str, Decimal]  # per plan criterion code


@dataclass(frozen=True)
class PendingDraw(Generic[K]):
    """A tie on the boundary: `places` of these candidates go on, and only drawing lots can say which."""

    lot: str
    candidates: tuple[K, ...]
    places: int


@dataclass(frozen=True)
class LotSelection(Generic[K]):
    lot: str
    maximum: int
    ranks: Mapping[K, int]  # place among the valid candidates (1..n); candidates no rule separates share a place
    selected: frozenset[K]
    decided_by: Mapping[K, str]  # for a place decided by a tie-break: the rule ("de score op S1", "loting")
    pending: PendingDraw[K] | None = None

    @property
    def of(self) -> int:
        return len(self.ranks)

    def outcome_text(self, key: K) -> str:
        """Why the candidate is or is not selected in this lot, in Dutch (for the letter and the screens)."""
        rank = self.ranks[key]
        place = f"plaats {rank} van {self.of}"
        rule = f", bij gelijke totaalscore bepaald door {self.decided_by[key]}" if key in self.decided_by else ""
        if self.pending is not None and key in self.pending.candidates:
            return f"{place}: gelijke stand op de grens van het maximum van {self.maximum}; loting nodig"
        if key in self.selected:
            return f"geselecteerd ({place}{rule}; maximum {self.maximum})"
        return f"niet geselecteerd: {place}{rule}, en het maximum is {self.maximum}"


def _sort_key(candidate: Candidate, criteria: Sequence[str]) -> tuple[Decimal, ...]:
    return (candidate.total, *(candidate.scores.get(code, Decimal(0)) for code in criteria))


def _rule_between(a: Candidate, b: Candidate, criteria: Sequence[str]) -> str:
    """The first tie-break rule that separates two candidates of equal total."""
    for code in criteria:
        if a.scores.get(code) != b.scores.get(code):
            return f"de score op {code}"
    return DRAW


def select_lot(
    lot: str, candidates: Sequence[Candidate[K]], selection: Selection, draw: Sequence[K] | None = None
) -> LotSelection[K]:
    """Which candidates go on in one lot. `draw` is a recorded draw's order (first drawn first), or None."""
    criteria = selection.criteria_tie_break
    ordered = sorted(candidates, key=lambda c: _sort_key(c, criteria), reverse=True)
    groups: list[list[Candidate[K]]] = []
    for candidate in ordered:
        if groups and _sort_key(groups[-1][0], criteria) == _sort_key(candidate, criteria):
            groups[-1].append(candidate)
        else:
            groups.append([candidate])
    ranks: dict[K, int] = {}
    selected: set[K] = set()
    decided_by: dict[K, str] = {}
    pending: PendingDraw[K] | None = None
    reserved = 0  # places a pending draw will fill
    place = 1
    for index, group in enumerate(groups):
        neighbours = [g[0] for g in groups[max(index - 1, 0) : index + 2] if g is not group]
        for candidate in group:
            tied_total = [n for n in neighbours if n.total == candidate.total]
            if tied_total:
                decided_by[candidate.key] = _rule_between(candidate, tied_total[0], criteria)
        left = selection.maximum - len(selected) - reserved
        keys = [c.key for c in group]
        if len(group) == 1 or left <= 0 or len(group) <= left:
            for key in keys:
                ranks[key] = place
            if 0 < len(group) <= left:
                selected.update(keys)
            place += len(group)
            continue
        if draw is not None and set(draw) == set(keys) and len(draw) == len(keys):
            for offset, key in enumerate(draw):
                ranks[key] = place + offset
                decided_by[key] = DRAW
            selected.update(list(draw)[:left])
        else:
            pending = PendingDraw(lot, tuple(sorted(keys, key=str)), left)
            reserved = left
            for key in keys:
                ranks[key] = place
        place += len(group)
    return LotSelection(lot, selection.maximum, ranks, frozenset(selected), decided_by, pending)


def pending_text(pending: PendingDraw, names: Mapping[object, str]) -> str:
    """'loting nodig in perceel A: 1 plaats tussen 12, 17 en 20' for the blockers and the screens."""
    where = f" in perceel {pending.lot}" if pending.lot else ""
    places = "1 plaats" if pending.places == 1 else f"{pending.places} plaatsen"
    return f"loting nodig{where}: {places} tussen {and_list([names[k] for k in pending.candidates])}"


def selection_rule_text(selection: Selection | None) -> str:
    """The selection as the framework announced it, in words; empty outside a selection."""
    if selection is None:
        return ""
    rules = [f"de hoogste score op {code}" for code in selection.criteria_tie_break] + ["loting"]
    most = count_text(selection.maximum, "geldige gegadigde", "geldige gegadigden")
    return (
        f"Per perceel gaan ten hoogste {most} door, op volgorde van de gewogen totaalscore. Bij gelijke totaalscore "
        f"beslist {' en daarna '.join(rules)}."
    )
