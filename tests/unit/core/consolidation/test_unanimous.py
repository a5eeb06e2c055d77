"""Confirming the cells where every assessor gave the same step, in one step; and consensus scores from a sheet."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from beoordelaar.core.consolidation.consensus import consensus_sheet, set_consensus_score
from beoordelaar.core.consolidation.consensus_import import ConsensusSheetRefused, import_consensus_sheet
from beoordelaar.core.consolidation.unanimous import Confirmation, confirm_unanimous, unanimous_cells
from beoordelaar.core.errors import UserError
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from exchange_round import (
    ANNA,
    BRAM,
    CHAIR,
    CHANTAL,
    FINDING,
    NUMBERS,
    make_handed_in_round,
    make_scored_round,
    round_id_of,
)
from templates import DatabaseTemplates

LONG = "De commissie is het eens: de aanpak is concreet, met voorbeelden uit de eigen praktijk, en past bij de doelen."


@pytest.fixture
def handed_in(db: Database, templates: DatabaseTemplates) -> Database:
    templates.load(db, templates.built(make_handed_in_round))
    return db


def test_only_unanimous_open_cells_of_complete_unconflicted_registrations(handed_in: Database) -> None:
    round_id = round_id_of(handed_in)
    found = unanimous_cells(handed_in.sessions, round_id)
    keys = {(c.number, c.code) for c in found.cells}
    assert (NUMBERS[0], "P1") not in keys  # Anna 2, Bram 5, Chantal 3
    assert (NUMBERS[0], "P2") in keys and (NUMBERS[1], "P1") in keys
    assert not [k for k in keys if k[0] == NUMBERS[2]]  # Chantal's conflict leaves it below the three assessors
    assert found.left_out == 1 and found.min_length == 80
    cell = next(c for c in found.cells if (c.number, c.code) == (NUMBERS[1], "P2"))
    assert (cell.value, cell.assessors, cell.shortfall) == (3, 3, 0)
    assert FINDING in cell.motivation
    assert not [name for name in (ANNA, BRAM, CHANTAL) if name in cell.motivation] and "score 3" not in cell.motivation
    short = next(c for c in found.cells if (c.number, c.code) == (NUMBERS[1], "P1"))
    assert short.shortfall > 0  # the three alike findings are quoted once, shorter than the minimum


def test_confirming_in_bulk_records_who_and_that_it_was_in_bulk(handed_in: Database) -> None:
    round_id = round_id_of(handed_in)
    cells = unanimous_cells(handed_in.sessions, round_id).cells
    chosen = [
        Confirmation(c.number, c.code, c.motivation if not c.shortfall else f"{c.motivation}\n{LONG}") for c in cells
    ]
    result = confirm_unanimous(handed_in.sessions, round_id, chosen, actor=CHAIR)
    assert (result.confirmed, result.registrations, result.opened) == (len(cells), 2, 2)
    sheet = consensus_sheet(handed_in.sessions, round_id, NUMBERS[1])
    assert sheet.opened_at is not None
    entry = sheet.criteria[1].consensus
    assert entry is not None and (entry.source, entry.set_by, entry.value) == ("bulk", CHAIR, 3)
    assert sheet.criteria[0].consensus is not None and LONG in sheet.criteria[0].consensus.motivation
    with handed_in.sessions() as session:
        events = (
            session.execute(select(m.AuditEvent).where(m.AuditEvent.action == "consensus-confirmed-in-bulk"))
            .scalars()
            .all()
        )
        assert len(events) == 1 and events[0].actor == CHAIR and events[0].after["cells"] == len(cells)
    assert unanimous_cells(handed_in.sessions, round_id).cells == ()  # nothing left to confirm


def test_a_short_or_stale_cell_refuses_the_whole_confirmation(handed_in: Database) -> None:
    round_id = round_id_of(handed_in)
    cells = unanimous_cells(handed_in.sessions, round_id).cells
    with pytest.raises(UserError, match=rf"te kort.*{NUMBERS[1]} P1"):
        confirm_unanimous(handed_in.sessions, round_id, [Confirmation(c.number, c.code, c.motivation) for c in cells],
                          actor=CHAIR)  # fmt: skip
    set_consensus_score(handed_in.sessions, round_id, NUMBERS[1], "P2", Decimal(3), LONG, actor=CHAIR)
    with pytest.raises(UserError, match=rf"al vastgesteld: {NUMBERS[1]} P2"):
        confirm_unanimous(handed_in.sessions, round_id, [Confirmation(NUMBERS[1], "P2", LONG)], actor=CHAIR)
    assert consensus_sheet(handed_in.sessions, round_id, NUMBERS[0]).opened_at is None  # nothing changed


def test_not_before_hand_in(db: Database, templates: DatabaseTemplates) -> None:
    templates.load(db, templates.built(make_scored_round))
    found = unanimous_cells(db.sessions, round_id_of(db))
    assert found.cells == () and found.left_out == 3


def _sheet(path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    lines = ["inschrijving;criterium;score;motivering", *(";".join(r) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_consensus_sheet_is_taken_whole_or_not_at_all(handed_in: Database, tmp_path: Path) -> None:
    round_id = round_id_of(handed_in)
    bad = _sheet(tmp_path / "fout.csv", [
        (NUMBERS[0], "P1", "3", LONG), (NUMBERS[0], "P2", "3,5", LONG), (NUMBERS[1], "P1", "3", "Prima."),
        ("INS-999", "P1", "3", LONG), (NUMBERS[0], "P1", "4", LONG), (NUMBERS[0], "G1", "3", LONG),
    ])  # fmt: skip
    with pytest.raises(ConsensusSheetRefused) as refused:
        import_consensus_sheet(handed_in.sessions, round_id, bad, actor=CHAIR)
    found = {(f.row, f.column) for f in refused.value.findings}
    assert found == {(3, "score"), (4, "motivering"), (5, "inschrijving"), (6, "criterium"), (7, "score")}
    assert "de consensusscores zijn niet ingelezen" in str(refused.value)
    assert "rij 4, kolom 'motivering' ('Prima.')" in str(refused.value)
    assert consensus_sheet(handed_in.sessions, round_id, NUMBERS[0]).criteria[0].consensus is None

    seen: list[tuple[int, int]] = []
    good = _sheet(tmp_path / "goed.csv", [(NUMBERS[0], "P1", "3", LONG), (NUMBERS[1], "P1", "3", LONG)])
    result = import_consensus_sheet(handed_in.sessions, round_id, good, actor=CHAIR,
                                    progress=lambda d, t: seen.append((d, t)))  # fmt: skip
    assert result.as_json() == {"rows": 2, "created": 2, "unchanged": 0, "opened": 2}
    assert seen[-1] == (2, 2)
    entry = consensus_sheet(handed_in.sessions, round_id, NUMBERS[0]).criteria[0].consensus
    assert entry is not None and (entry.source, entry.set_by, entry.motivation) == ("spreadsheet", CHAIR, LONG)
    again = import_consensus_sheet(handed_in.sessions, round_id, good, actor=CHAIR)
    assert (again.created, again.unchanged) == (0, 2)


def test_not_in_an_averaging_round(db: Database, tmp_path: Path) -> None:
    from beoordelaar.core.rounds.framework_files import read_framework_text
    from exchange_round import make_round

    text, _ = read_framework_text("ijsselland-2022")
    averaging = tmp_path / "middelen.toml"
    averaging.write_text(text.replace('scoring_model = "consensus"', 'scoring_model = "averaging"'), encoding="utf-8")
    round_id = make_round(db, name="Middelen", framework=str(averaging))
    with pytest.raises(UserError, match="werkt met middelen"):
        unanimous_cells(db.sessions, round_id)
    with pytest.raises(UserError, match="werkt met middelen"):
        confirm_unanimous(db.sessions, round_id, [Confirmation(NUMBERS[0], "P1", LONG)], actor=CHAIR)
