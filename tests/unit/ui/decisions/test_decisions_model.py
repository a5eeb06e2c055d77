"""The decisions table model without widgets: display, sort role, row role, search, warnings."""

from __future__ import annotations

from PySide6.QtCore import Qt

from beoordelaar.core.decisions.decisions import DecisionRow
from beoordelaar.core.rounds.procedure import Outcome
from beoordelaar.ui.common.table_model import ROW_ROLE, SORT_ROLE
from beoordelaar.ui.decisions.decisions_model import Column, DecisionsModel, DecisionsProxy, status_text


def _row(sequence: int, name: str, outcome: Outcome | None, **changes: object) -> DecisionRow:
    values: dict[str, object] = {
        "registration_id": sequence, "sequence": sequence, "number": f"R-{sequence:03d}", "provider": name,
        "kvk": "01234567", "decision_id": sequence, "revision": 1, "proposed_outcome": outcome, "outcome": outcome,
        "status": "proposed", "reasons": (), "override_motivation": None, "decided_by": None, "decided_at": None,
        "blockers": (),
    }  # fmt: skip
    values.update(changes)
    return DecisionRow(**values)  # type: ignore[arg-type]


def test_model_shows_sorts_and_searches() -> None:
    model = DecisionsModel()
    rows = [
        _row(2, "Zorggroep Salland", Outcome.ADMIT, status="confirmed"),
        _row(1, "Stichting De Berk", Outcome.REJECT),
        _row(3, "Praktijk Kompas", None, decision_id=None, status="open", blockers=("P1: geen consensusscore",)),
        _row(4, "Centrum De Brug", Outcome.REJECT, status="confirmed", override_motivation="Tikfout in de opgave.",
             proposed_outcome=Outcome.ADMIT),
    ]  # fmt: skip
    model.set_rows(rows)
    proxy = DecisionsProxy()
    proxy.setSourceModel(model)
    proxy.sort(Column.SEQUENCE, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, Column.SEQUENCE).data() for r in range(4)] == ["1", "2", "3", "4"]
    assert proxy.index(0, Column.SEQUENCE).data(SORT_ROLE) == 1
    assert proxy.index(0, 0).data(ROW_ROLE) is rows[1]
    assert model.index(0, Column.STATUS).data() == "Bevestigd"
    assert model.index(2, Column.STATUS).data() == "Nog niet te besluiten"
    assert model.index(2, Column.STATUS).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(3, Column.STATUS).data() == "Afgeweken en bevestigd"
    assert "Tikfout" in model.index(3, Column.OUTCOME).data(Qt.ItemDataRole.ToolTipRole)
    proxy.sort(Column.OUTCOME, Qt.SortOrder.DescendingOrder)
    assert proxy.index(3, Column.PROVIDER).data() == "Praktijk Kompas"  # empty last either way
    proxy.set_search("kompas")
    assert proxy.rowCount() == 1


def test_status_mentions_when_the_rules_now_differ() -> None:
    row = _row(1, "A", Outcome.ADMIT, status="confirmed", rules_now=Outcome.REJECT)
    assert status_text(row) == "Bevestigd; regels geven nu afwijzen"
