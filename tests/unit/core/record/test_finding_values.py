"""A finding of the history check shows the stored and the recorded value so that a reader sees how they differ:
as the history views show values, and as stored where those would read the same."""

from __future__ import annotations

import pytest

from beoordelaar.core.record.history_consistency import _differences


@pytest.mark.parametrize(
    ("stored", "recorded", "told"),
    [
        ({"value": "7.10"}, {"value": "6.5"}, "waarde is '7,10', volgens de geschiedenis '6,5'"),
        ({"set_at": "2026-10-01T09:00:00.400000"}, {"set_at": "2026-10-01T09:00:00"},
         "vastgesteld op is '2026-10-01T09:00:00.400000', volgens de geschiedenis '2026-10-01T09:00:00'"),
        ({"value": "5.00000000000000000000000000001"}, {"value": "5.00000000000000000000000000002"},
         "waarde is '5,00000000000000000000000000001', volgens de geschiedenis '5,00000000000000000000000000002'"),
        ({"motivation": ""}, {"motivation": None}, "motivering is een lege tekst, volgens de geschiedenis leeg"),
        ({"mean": "-20/3"}, {"mean": "-6.67"},
         "gemiddelde is '−6,67 (precies −20/3)', volgens de geschiedenis '−6,67'"),
    ],
)  # fmt: skip
def test_a_finding_tells_the_difference(stored: dict, recorded: dict, told: str) -> None:
    assert _differences("consensus_scores", stored, recorded) == [told]
