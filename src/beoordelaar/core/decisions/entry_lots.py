"""Which lots an entry moment decides for a registration, across the entry moments of one procurement (a rule).

A provider already admitted to a lot at an earlier entry moment keeps that admission: a new registration is
decided for its extra lots only. A lot that every municipality taking part in it has closed for this entry moment
admits no one, and the decision says so with the municipalities' reasons; where only some municipalities closed
it, an admission holds for the others, and the letter names those that closed it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from beoordelaar.core.decisions.lot_results import LotOutcome
from beoordelaar.core.rounds.procedure import Outcome
from beoordelaar.core.text import and_list


@dataclass(frozen=True)
class EntryFacts:
    """What an entry moment's decisions depend on beyond the registration itself."""

    earlier: Mapping[int, Mapping[str, str]] = field(default_factory=dict)  # provider id: lot -> admitting moment
    participants: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # lot: municipalities taking part
    closed: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)  # lot: (municipality, reason)


def closed_text(closures: Sequence[tuple[str, str]]) -> str:
    return "; ".join(f"gemeente {municipality}: {reason.rstrip('.')}" for municipality, reason in closures)


def entry_lot_outcomes(
    lots: Sequence[str], outcome: Outcome | None, provider_id: int, facts: EntryFacts
) -> tuple[Outcome | None, tuple[LotOutcome, ...]]:
    """The registration's overall outcome and its outcome per lot decided at this entry moment; outcome is the
    rules' outcome on the registration itself (None while something blocks it)."""
    if outcome is None:
        return None, ()
    earlier = facts.earlier.get(provider_id, {})
    new_lots = [lot for lot in lots if lot not in earlier]
    if not new_lots:
        moments = and_list(sorted(set(earlier.values())))
        text = (
            f"u bent voor dit perceel al toegelaten ({moments}); die toelating blijft staan en deze aanmelding voegt "
            "geen perceel toe"
        )
        return Outcome.REJECT, tuple(LotOutcome(lot, Outcome.REJECT, text) for lot in lots)
    found = []
    for lot in new_lots:
        closures = facts.closed.get(lot, ())
        closed_by = {municipality for municipality, _reason in closures}
        taking_part = set(facts.participants.get(lot, ()))
        if closures and (not taking_part or taking_part <= closed_by):
            text = f"de productgroep is voor dit toetredingsmoment gesloten ({closed_text(closures)})"
            found.append(LotOutcome(lot, Outcome.REJECT, text))
        elif closures and outcome is not Outcome.REJECT:
            open_for = and_list(sorted(taking_part - closed_by))
            text = f"alleen voor {open_for}; gesloten voor dit toetredingsmoment: {closed_text(closures)}"
            found.append(LotOutcome(lot, outcome, text))
        else:
            found.append(LotOutcome(lot, outcome))
    if all(o.outcome is Outcome.REJECT for o in found):
        return Outcome.REJECT, tuple(found)
    return outcome, tuple(found)


def open_municipalities(lot: str, facts: EntryFacts) -> tuple[str, ...]:
    """The municipalities an admission to this lot at this entry moment holds for (empty: the procurement names
    no municipalities for it, so the admission holds for the whole region)."""
    closed_by = {municipality for municipality, _reason in facts.closed.get(lot, ())}
    return tuple(mun for mun in facts.participants.get(lot, ()) if mun not in closed_by)
