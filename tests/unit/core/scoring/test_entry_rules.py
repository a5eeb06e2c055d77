"""How long a motivation is, the one way every minimum counts it (score, consensus, override, and their screens)."""

from __future__ import annotations

from beoordelaar.core.scoring.entry_rules import motivation_length, motivation_problem, motivation_shortfall


def test_white_space_around_a_motivation_does_not_count() -> None:
    assert motivation_length("  Goed onderbouwd.\n\n") == len("Goed onderbouwd.")
    assert motivation_shortfall("  abc  ", 5) == 2
    assert motivation_shortfall("abcde", 5) == 0


def test_the_problem_says_missing_or_too_short() -> None:
    assert motivation_problem("   ", 5) == "de motivering ontbreekt; elke score heeft een motivering nodig"
    assert motivation_problem(" abc ", 5) == "de motivering is te kort (3 tekens; minstens 5)"
    assert motivation_problem("abcde", 5) is None
