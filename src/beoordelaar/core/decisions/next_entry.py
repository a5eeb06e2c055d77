"""The next entry moment an Open House letter names: the round's own setting, or else the procurement's next entry
moment with its closing date."""

from __future__ import annotations

from dataclasses import replace

from beoordelaar.core.decisions.document_settings_rules import DocumentSettings
from beoordelaar.core.storage import models as m
from beoordelaar.core.text import long_date


def next_entry_moment(rnd: m.Round) -> str:
    """The first later entry moment of the round's procurement with a closing date, as a letter names it."""
    if rnd.procurement is None:
        return ""
    later = [
        r for r in rnd.procurement.rounds
        if r.id > rnd.id and r.selection_round_id is None and r.registration_deadline is not None
    ]  # fmt: skip
    if not later:
        return ""
    first = min(later, key=lambda r: r.registration_deadline)
    assert first.registration_deadline is not None
    return f"'{first.name}' (aanmelden tot en met {long_date(first.registration_deadline)})"


def with_next_entry_moment(settings: DocumentSettings, rnd: m.Round) -> DocumentSettings:
    if settings.entry_moment.strip():
        return settings
    return replace(settings, entry_moment=next_entry_moment(rnd))
