"""Other screens follow what colleagues commit (ui/common/colleagues.py): on the server a member added by another
program (a second process: the command line) shows on the commission page of an open window, told by NOTIFY; and
where no notice comes, polling the history finds it, here on one file written by a second connection."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from beoordelaar.core.commission.assessors import add_assessor
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.commission.commission_page import CommissionPage
from beoordelaar.ui.common.colleagues import ColleagueChanges
from beoordelaar.ui.main_window import MainWindow
from beoordelaar.ui.phases import PHASES
from beoordelaar.ui.scoring.scoring_page import ScoringPage
from concurrent_writers import connected
from engines import FILE_NOTICES
from exchange_round import CHAIR, DIRK, ROUND, make_round, round_id_of
from helpers import WindowOpener, phase_page

SOURCE = Path(__file__).resolve().parents[2] / "src"


def _commission(window: MainWindow) -> CommissionPage:
    window.show_phase([p.title for p in PHASES].index("Beoordelen"))
    page = phase_page(window, "Beoordelen", ScoringPage)
    assert page.stack.currentWidget() is page.commission
    return page.commission


def _members(page: CommissionPage) -> list[str]:
    return [row.name for row in page.model.rows()]


@pytest.mark.postgres
def test_a_member_added_by_a_colleague_shows_on_the_server(
    pg_db: Database, postgres_url: str, qtbot: QtBot, open_window: WindowOpener
) -> None:
    make_round(pg_db)
    window = open_window(pg_db, actor=CHAIR)
    assert window.colleagues.listening and not window.colleagues.polling
    page = _commission(window)
    assert DIRK not in _members(page)

    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SOURCE), os.environ.get("PYTHONPATH", "")])}
    colleague = [sys.executable, "-m", "beoordelaar", "--db", postgres_url, "--als", "Joost de Wit"]
    subprocess.run([*colleague, "assessors", "add", ROUND, DIRK], check=True, env=environment, capture_output=True)

    qtbot.waitUntil(lambda: DIRK in _members(page))


@pytest.mark.sqlite_only(reason=FILE_NOTICES)
def test_polling_finds_what_another_connection_wrote_to_the_file(
    chair: Database, qtbot: QtBot, open_window: WindowOpener
) -> None:
    window = open_window(chair, actor=CHAIR)
    assert not window.colleagues.listening and not window.colleagues.polling  # a file: no other program writes it
    window.colleagues.stop()
    window.colleagues = ColleagueChanges(chair, window.runner, window, poll=True)
    assert window.colleagues.polling
    page = _commission(window)
    assert DIRK not in _members(page)

    with connected(str(chair.path)) as other:
        add_assessor(other, round_id_of(chair), DIRK, actor="Joost de Wit")

    qtbot.waitUntil(lambda: DIRK in _members(page), timeout=10_000)


@pytest.mark.postgres
def test_a_lost_feed_falls_back_to_polling(pg_db: Database, qtbot: QtBot, open_window: WindowOpener) -> None:
    window = open_window(pg_db, actor=CHAIR)
    assert window.colleagues.listening
    with pg_db.engine.begin() as connection:  # the server ends the window's LISTEN connection (a restart, a cut)
        connection.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :name"),
            {"name": "beoordelaar-wijzigingen"},
        )
    qtbot.waitUntil(lambda: window.colleagues.polling)
    assert not window.colleagues.listening
