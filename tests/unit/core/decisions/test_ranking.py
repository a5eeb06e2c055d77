from __future__ import annotations

from decimal import Decimal

from beoordelaar.core.consolidation.ranking import NO_LOT, Placing, placings


def test_placings_per_lot_among_passing_plans_only() -> None:
    found = placings(
        [
            ("a", ("1", "2"), Decimal(20), True),
            ("b", ("1",), Decimal(22), True),
            ("c", ("1",), Decimal(25), False),  # fails a minimum: not ranked
            ("d", ("2",), Decimal(20), True),
            ("e", ("1",), None, True),  # no complete total: not ranked
        ]
    )
    assert found["a"] == (Placing("1", 2, 2), Placing("2", 1, 2))
    assert found["b"] == (Placing("1", 1, 2),)
    assert found["d"] == (Placing("2", 1, 2),)  # equal totals share the rank
    assert "c" not in found and "e" not in found


def test_a_round_without_lots_ranks_as_one() -> None:
    found = placings([(1, (), Decimal(3), True), (2, (), Decimal(5), True)])
    assert found == {2: (Placing(NO_LOT, 1, 2),), 1: (Placing(NO_LOT, 2, 2),)}
