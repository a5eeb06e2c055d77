"""The command line offers the core's enum values as choices without importing the core (cli/base.py): they stay
equal, and building the parser imports no core module."""

from __future__ import annotations

import subprocess
import sys

from beoordelaar.cli.base import CHANNELS, OUTCOME_WORDS, PROCEDURES, SETTLED_VERDICTS
from beoordelaar.cli.server import SERVER_ROLES
from beoordelaar.core.commission.api import SERVER_ROLES as CORE_SERVER_ROLES
from beoordelaar.core.decisions.api import Channel
from beoordelaar.core.rounds.api import Outcome, Procedure, SettledVerdict


def test_the_written_out_choices_are_the_enums_values() -> None:
    assert tuple(p.value for p in Procedure) == PROCEDURES
    assert tuple(v.value for v in SettledVerdict) == SETTLED_VERDICTS
    assert tuple(c.value for c in Channel) == CHANNELS
    assert CORE_SERVER_ROLES == SERVER_ROLES
    assert {Outcome(value) for value in OUTCOME_WORDS.values()} == {Outcome.ADMIT, Outcome.AWARD, Outcome.REJECT}


def test_building_the_parser_imports_neither_the_core_nor_its_libraries() -> None:
    script = (
        "import sys; from beoordelaar.cli import build_parser; build_parser(); "
        "print(sorted(m for m in sys.modules if m.startswith(('sqlalchemy', 'reportlab', 'PySide6', 'openpyxl')) "
        "or (m.startswith('beoordelaar.core.') and m not in ('beoordelaar.core.errors', 'beoordelaar.core.actor', "
        "'beoordelaar.core.paths'))))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
