"""The window passes the chosen round's id to every action: beside a round named "1", choosing round id 1 in the round
selector shows and changes round id 1, and choosing the round named "1" shows that round."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from beoordelaar.core.commission.assessors import list_assessors
from beoordelaar.core.rounds.rounds import create_round
from beoordelaar.core.storage.database import Database, open_database
from beoordelaar.ui.commission.commission_page import CommissionPage
from beoordelaar.ui.main_window import MainWindow
from beoordelaar.ui.phases import PHASES
from beoordelaar.ui.scoring.scoring_page import ScoringPage
from exchange_round import ANNA, BRAM, CHAIR, CHANTAL, ROUND, make_round


@pytest.fixture
def two_rounds(tmp_path: Path) -> Iterator[tuple[Database, int, int]]:
    """The exchange round with its commission, and an empty round whose name is the exchange round's id."""
    database = open_database(tmp_path / "commissie.sqlite")
    first = make_round(database)
    named = create_round(database.sessions, name=str(first), framework="ijsselland-2022", actor="test").id
    yield database, first, named
    database.close()


def _commission(window: MainWindow) -> CommissionPage:
    position = [p.title for p in PHASES].index("Beoordelen")
    window.show_phase(position)
    page = window.pages[position]
    assert isinstance(page, ScoringPage) and page.stack.currentWidget() is page.commission
    return page.commission


def test_choosing_round_id_1_beside_a_round_named_1_acts_on_round_id_1(
    two_rounds: tuple[Database, int, int], qtbot: QtBot
) -> None:
    database, first, named = two_rounds
    window = MainWindow(database, "tester")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    combo = window.round_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [ROUND, str(first)]

    combo.setCurrentIndex(combo.findText(ROUND))
    page = _commission(window)
    assert window.windowTitle().endswith(f"– {ROUND}") and "3 inschrijvingen" in window.counts_label.text()
    assert sorted(r.name for r in page.members()) == sorted([CHAIR, ANNA, BRAM, CHANTAL])
    dialog = page.add_member()
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.name_edit, "Dirk Bakker")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "Dirk Bakker" in [r.name for r in page.members()]
    assert "Dirk Bakker" in [a.name for a in list_assessors(database.sessions, first)]
    assert list_assessors(database.sessions, named) == []

    combo.setCurrentIndex(combo.findText(str(first)))
    assert window.windowTitle().endswith(f"– {first}") and "0 inschrijvingen" in window.counts_label.text()
    assert page.members() == []
