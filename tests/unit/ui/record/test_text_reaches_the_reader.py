"""What a reader sees of one event is the same everywhere: the screen, the proces-verbaal and the xlsx exports show
the same local time (the app stores UTC), and no stored English code word reaches them."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

from beoordelaar.core import text
from beoordelaar.core.consolidation import consensus
from beoordelaar.core.consolidation.consensus import set_consensus_score
from beoordelaar.core.consolidation.consolidation_export import export_consolidation
from beoordelaar.core.decisions.decisions import propose_decisions
from beoordelaar.core.demo.demo import build_demo
from beoordelaar.core.record.assessment_report import write_report
from beoordelaar.core.record.history import HistoryEvent, registration_history, round_timeline
from beoordelaar.core.record.history_text import HistoryNames, event_lines
from beoordelaar.core.record.round_export import export_round
from beoordelaar.core.scoring.scoring import hand_in
from beoordelaar.core.storage import audit
from beoordelaar.core.storage.database import Database, open_database
from beoordelaar.ui.record.history_model import HistoryColumn, HistoryModel, detail_html
from exchange_round import (
    ANNA,
    NUMBERS,
    export_for,
    make_round,
    merge_at,
    open_on,
    return_from,
    round_id_of,
    score_everything,
)

# 08:14 UTC on 1 July is 10:14 summer time in Amsterdam.
STAMP = datetime(2026, 7, 1, 8, 14, 0)
LOCAL, UTC_TEXT = "01-07-2026 10:14", "01-07-2026 08:14"
MOTIVATION = "Na bespreking stelt de commissie de score vast: de aanpak is concreet en goed onderbouwd."

# Stored code words that are not Dutch, or not as a reader writes them (the hyphenated ones).
ENGLISH = {code for words in text.WORDS.values() for code in words if "-" in code} | {
    "complete", "partial", "proposed", "confirmed", "planned", "held", "approved", "admit", "award", "reject",
    "assessor", "chair", "preparing", "scoring", "consolidated", "decided", "insert", "update", "delete", "merged",
    "superseded", "evidence", "region", "provider", "app", "averaging", "override", "exclusion", "requirement",
}  # fmt: skip


def english_in(shown: str) -> set[str]:
    return {code for code in ENGLISH if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", shown)}


def _screen(events: list[HistoryEvent]) -> list[list[str]]:
    """Every cell of the history table as the screen shows it (text and tooltip)."""
    model = HistoryModel()
    model.set_events(events, HistoryNames())
    return [
        [
            str(model.index(r, c).data() or "") + " " + str(model.index(r, c).data(Qt.ItemDataRole.ToolTipRole) or "")
            for c in range(6)
        ]
        for r in range(model.rowCount())
    ]


def _cells(path: Path) -> list[tuple[str, list[str]]]:
    book = openpyxl.load_workbook(path, read_only=True)
    rows = [
        # A moment is an Excel date now: read as Excel shows it (dd-mm-yyyy hh:mm).
        (sheet.title, [text.moment_text(v) if isinstance(v, datetime) else str(v) for v in row if v is not None])
        for sheet in book
        for row in sheet.iter_rows(values_only=True)
    ]
    book.close()
    return rows


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")
@pytest.mark.usefixtures("amsterdam")
def test_report_exports_and_screen_show_the_same_local_time(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = build_demo(db.sessions, providers=3, actor="t")
    monkeypatch.setattr(audit, "utcnow", lambda: STAMP)
    monkeypatch.setattr(consensus, "utcnow", lambda: STAMP)
    set_consensus_score(db.sessions, summary.id, "DEMO-2026-0003", "P2", Decimal(5), MOTIVATION, actor="voorzitter")
    propose_decisions(db.sessions, summary.id, actor="voorzitter")

    # The screen: the round's timeline and the registration's history, as the record page and history dialog show.
    timeline = round_timeline(db.sessions, summary.id)
    proposed = next(e for e in timeline if e.action == "decisions-proposed" and e.at == STAMP)
    screen_timeline = _screen(timeline)[timeline.index(proposed)][HistoryColumn.AT]
    history = registration_history(db.sessions, summary.id, "DEMO-2026-0003", criterion="P2")
    scored = next(e for e in history if e.entity == "consensus_scores" and e.at == STAMP)
    screen_history = _screen(history)[history.index(scored)][HistoryColumn.AT]
    assert screen_timeline.startswith(LOCAL) and screen_history.startswith(LOCAL)

    report = tmp_path / "proces-verbaal.pdf"
    write_report(db, summary.id, report, actor="voorzitter")
    words = subprocess.run(["pdftotext", "-raw", str(report), "-"], capture_output=True, text=True, check=True).stdout
    assert LOCAL in words and UTC_TEXT not in words

    for path in (tmp_path / "overzicht.xlsx", tmp_path / "consolidatie.xlsx"):
        if path.name == "overzicht.xlsx":
            export_round(db, summary.id, path)
        else:
            export_consolidation(db.sessions, summary.id, path)
        consensus_rows = [cells for sheet, cells in _cells(path) if sheet == "Consensus" and MOTIVATION in cells]
        assert consensus_rows and LOCAL in consensus_rows[0], path.name
        assert not any(UTC_TEXT in cell for _, cells in _cells(path) for cell in cells), path.name


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "laptop" / "laptop.sqlite")
    yield database
    database.close()


def test_history_of_a_merged_return_file_reads_in_dutch(db: Database, laptop: Database, tmp_path: Path) -> None:
    round_id = make_round(db)
    open_on(laptop, export_for(db, ANNA, tmp_path / "p.zip"), ANNA)
    score_everything(laptop, ANNA)
    hand_in(laptop.sessions, round_id_of(laptop), ANNA, actor=ANNA)
    merge_at(db, return_from(laptop, ANNA, tmp_path / "r.zip"))

    events = registration_history(db.sessions, round_id, NUMBERS[0])
    merged = [e for e in events if e.source == "return-file"]
    assert merged, "the merge writes its scores into the registration's history"
    screen = _screen(events)
    assert {screen[events.index(e)][HistoryColumn.SOURCE].strip() for e in merged} == {"retourbestand"}
    shown = "\n".join(" ".join(row) for row in screen)
    shown += "\n".join(detail_html(e, HistoryNames()) for e in events)
    shown += "\n".join(line for e in events for line in event_lines(e, HistoryNames()))
    assert english_in(shown) == set()

    export_consolidation(db.sessions, round_id, tmp_path / "consolidatie.xlsx")
    exported = "\n".join(" ".join(cells) for _, cells in _cells(tmp_path / "consolidatie.xlsx"))
    assert "retourbestand" in exported
    assert english_in(exported) == set()
