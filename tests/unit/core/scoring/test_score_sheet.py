"""Scores from a spreadsheet: checked whole, refused with row and column, nothing changed."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from beoordelaar.core.scoring.score_sheet import ScoreSheetRefused, import_score_sheet
from beoordelaar.core.scoring.scoring import visible_scores
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database, open_database
from exchange_round import (
    ANNA,
    BRAM,
    CHAIR,
    CHANTAL,
    KVKS,
    NUMBERS,
    export_for,
    motivation,
    open_on,
    plan_codes,
    round_id_of,
)
from templates import MadeRound

HEADER = ["Beoordelaar", "Inschrijving", "Criterium", "Score", "Motivering"]


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=";").writerows([HEADER, *rows])
    return path


def _count(db: Database) -> int:
    with db.sessions() as session:
        return session.execute(select(func.count(m.ScoreRevision.id))).scalar_one()


def test_xlsx_with_decimal_comma_and_kvk_is_read(db: Database, made_round: MadeRound, tmp_path: Path) -> None:
    made_round(db)
    code = plan_codes(db)[0]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append([ANNA, KVKS[0], code, "4,0", motivation(ANNA, NUMBERS[0], code, 4)])
    sheet.append([BRAM, NUMBERS[0], code, 2, motivation(BRAM, NUMBERS[0], code, 2)])
    book.save(tmp_path / "scores.xlsx")
    round_id = round_id_of(db)
    result = import_score_sheet(db.sessions, round_id, tmp_path / "scores.xlsx", actor=CHAIR)
    assert (result.created, result.unchanged) == (2, 0)
    again = import_score_sheet(db.sessions, round_id, tmp_path / "scores.xlsx", actor=CHAIR)
    assert (again.created, again.unchanged) == (0, 2)
    assert [s.value for s in visible_scores(db.sessions, round_id, ANNA, NUMBERS[0])] == [4]


def test_every_wrong_cell_is_reported_and_nothing_is_changed(
    db: Database, made_round: MadeRound, tmp_path: Path
) -> None:
    made_round(db)
    code = plan_codes(db)[0]
    good = motivation(ANNA, NUMBERS[0], code, 3)
    sheet = _csv(tmp_path / "scores.csv", [
        [ANNA, NUMBERS[0], code, "3", good],
        ["Onbekend", NUMBERS[0], code, "3", good],
        [ANNA, "INS-999", code, "3", good],
        [ANNA, NUMBERS[0], "Z9", "3", good],
        [ANNA, NUMBERS[1], code, "7", good],
        [ANNA, NUMBERS[2], code, "3", "te kort"],
        [CHANTAL, NUMBERS[2], code, "3", good],
    ])  # fmt: skip
    with pytest.raises(ScoreSheetRefused) as refused:
        import_score_sheet(db.sessions, round_id_of(db), sheet, actor=CHAIR)
    found = {(f.row, f.column) for f in refused.value.findings}
    assert found == {(3, "beoordelaar"), (4, "inschrijving"), (5, "criterium"), (6, "score"), (7, "motivering"),
                     (8, "inschrijving")}  # fmt: skip
    assert "rij 8, kolom 'inschrijving'" in str(refused.value) and "belangenverstrengeling" in str(refused.value)
    assert _count(db) == 0


def test_missing_columns_are_named(db: Database, made_round: MadeRound, tmp_path: Path) -> None:
    made_round(db)
    path = tmp_path / "scores.csv"
    path.write_text("beoordelaar;inschrijving;criterium\nA;B;C\n", encoding="utf-8")
    with pytest.raises(Exception, match="score, motivering ontbreken"):
        import_score_sheet(db.sessions, round_id_of(db), path, actor=CHAIR)


def test_on_a_laptop_only_the_own_rows_are_accepted(db: Database, made_round: MadeRound, tmp_path: Path) -> None:
    made_round(db)
    package = export_for(db, ANNA, tmp_path / "p.zip")
    laptop = open_database(tmp_path / "laptop" / "l.sqlite")
    try:
        open_on(laptop, package, ANNA)
        code = plan_codes(laptop)[0]
        sheet = _csv(tmp_path / "s.csv", [[ANNA, NUMBERS[0], code, "3", motivation(ANNA, "x", code, 3)],
                                          [BRAM, NUMBERS[0], code, "3", motivation(BRAM, "x", code, 3)]])  # fmt: skip
        with pytest.raises(ScoreSheetRefused, match="alleen scores van Anna de Vries"):
            import_score_sheet(laptop.sessions, round_id_of(laptop), sheet, actor=ANNA)
        assert _count(laptop) == 0
    finally:
        laptop.close()
