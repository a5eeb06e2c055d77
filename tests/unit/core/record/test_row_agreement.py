"""The check's quick agreement of a row with its history (its ready row, as driver_rows gives it: each value as
json_ready gives it, test_driver_rows.py; compared as one dict) says "agrees" only where the column-by-column
comparison finds nothing, and where it does not, that comparison finds in the ready row what it finds in the
converted values: on the values where the two could part (a decimal the history holds as a number, a moment as text,
a fraction written otherwise, a column the history lacks or hides)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from beoordelaar.core.record.history_consistency import _differences
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import REDACTED, json_ready

TABLE = m.ConsensusScore.__table__
COLUMNS = ["id", *(c.name for c in TABLE.columns if c.name != "id")]
MOMENT = datetime(2026, 10, 1, 9, 30, 15, 250)


def _row(**values: object) -> list[object]:
    base = {name: None for name in COLUMNS} | {"id": 7, "registration_id": 3, "criterion_id": 2}
    return [{**base, **values}[name] for name in COLUMNS]


def _state(row: list[object], **recorded: object) -> dict[str, object]:
    return {**{name: json_ready(value) for name, value in zip(COLUMNS, row, strict=True)}, **recorded}


@pytest.mark.parametrize(
    ("row", "recorded", "agrees"),
    [
        (_row(value=Decimal("3.5"), set_at=MOMENT), {}, True),
        (_row(value=Decimal("3.5")), {"value": 3.5}, False),  # a number, not the decimal's text
        (_row(value=Decimal("1")), {"value": 1}, False),  # Decimal("1") == 1, its text is not
        (_row(value=Decimal("7.10")), {"value": "7.1"}, False),  # the same value written otherwise: _same's Fraction
        (_row(value=Fraction(20, 3)), {"value": "20/3"}, True),
        (_row(set_at=MOMENT), {"set_at": "2026-10-01 09:30:15.000250"}, False),
        (_row(), {"motivation": REDACTED}, False),  # a column the history hides
        (_row(), {"column_of_later": 1}, False),  # a column only the history has
        (_row(motivation="anders"), {"motivation": "zo"}, False),
    ],
)
def test_a_row_agrees_quickly_only_where_nothing_differs(row: list[object], recorded: dict, agrees: bool) -> None:
    state = _state(row, **recorded)
    ready = {name: json_ready(value) for name, value in zip(COLUMNS, row, strict=True)}
    assert (ready == state) is agrees
    stored = _differences(TABLE.name, dict(zip(COLUMNS, row, strict=True)), state)
    assert _differences(TABLE.name, ready, state) == stored
    if agrees:
        assert stored == []
