"""What the Documenten page says of a history whose chain is whole but whose rows do not agree with it."""

from __future__ import annotations

from beoordelaar.core.record.audit_check import HistoryCheck
from beoordelaar.core.record.history_consistency import Consistency
from beoordelaar.ui.record.record_page import broken_text


def test_rows_that_differ_from_their_history_are_named_on_the_page() -> None:
    finding = "Besluit 3 verschilt van de geschiedenis: uitkomst is 'Toelaten', volgens de geschiedenis 'Afwijzen'"
    check = HistoryCheck(120, None, "ab" * 32, consistency=Consistency(40, 1, (finding,)))
    assert not check.intact
    text = broken_text(check)
    assert text.startswith("De geschiedenis is aangetast: de keten is heel, maar 1 rij of gebeurtenis klopt niet")
    assert finding in text and "reservekopie" in text
