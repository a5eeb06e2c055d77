"""Checks from a spreadsheet: validated like the scores sheet (the whole sheet or nothing, row and column in every
finding), then settled in bulk where the declared answer and the checker agree."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from beoordelaar.core.scoring.check_sheet import CheckSheetRefused, import_check_sheet
from beoordelaar.core.scoring.scoring import work_items
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from exchange_round import ANNA, BRAM, CHAIR, CHANTAL, KVKS, NUMBERS, check_codes, plan_codes
from templates import MadeRound

HEADER = ["Beoordelaar", "Inschrijving", "Criterium", "Oordeel", "Toelichting"]


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=";").writerows([HEADER, *rows])
    return path


def _count(db: Database) -> int:
    with db.sessions() as session:
        return session.execute(select(func.count(m.CheckRevision.id))).scalar_one()


def test_an_xlsx_of_checks_is_read_and_a_second_time_changes_nothing(
    db: Database, made_round: MadeRound, tmp_path: Path
) -> None:
    round_id = made_round(db)
    first, second = check_codes(db)[:2]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append([ANNA, KVKS[0], first, "Akkoord", ""])
    sheet.append([ANNA, NUMBERS[0], second, "Niet akkoord", "De verklaring ontbreekt."])
    book.save(tmp_path / "toetsingen.xlsx")
    result = import_check_sheet(db.sessions, round_id, tmp_path / "toetsingen.xlsx", actor=CHAIR)
    assert (result.rows, result.created, result.unchanged) == (2, 2, 0)
    again = import_check_sheet(db.sessions, round_id, tmp_path / "toetsingen.xlsx", actor=CHAIR)
    assert (again.created, again.unchanged) == (0, 2)
    items = {i.code: i for i in work_items(db.sessions, round_id, ANNA, NUMBERS[0])}
    assert (items[first].verdict.value, items[second].verdict.value) == ("akkoord", "niet-akkoord")
    assert items[second].note == "De verklaring ontbreekt."


def test_every_wrong_cell_is_reported_with_row_and_column_and_nothing_changes(
    db: Database, made_round: MadeRound, tmp_path: Path
) -> None:
    round_id = made_round(db)
    code = check_codes(db)[0]
    sheet = _csv(tmp_path / "toetsingen.csv", [
        [ANNA, NUMBERS[0], code, "akkoord", ""],
        ["Onbekend", NUMBERS[0], code, "akkoord", ""],
        [ANNA, "INS-999", code, "akkoord", ""],
        [ANNA, NUMBERS[1], "Z9", "akkoord", ""],
        [ANNA, NUMBERS[1], code, "misschien", ""],
        [ANNA, NUMBERS[2], code, "twijfel", ""],
        [BRAM, NUMBERS[2], code, "akkoord", ""],
        [ANNA, NUMBERS[0], code, "akkoord", ""],
        [ANNA, NUMBERS[1], plan_codes(db)[0], "akkoord", ""],
        [CHANTAL, NUMBERS[2], code, "akkoord", ""],
    ])  # fmt: skip
    with pytest.raises(CheckSheetRefused) as refused:
        import_check_sheet(db.sessions, round_id, sheet, actor=CHAIR)
    found = {(f.row, f.column) for f in refused.value.findings}
    assert found == {(3, "beoordelaar"), (4, "inschrijving"), (5, "criterium"), (6, "oordeel"), (7, "toelichting"),
                     (8, "criterium"), (9, "criterium"), (10, "criterium"), (11, "inschrijving")}  # fmt: skip
    text = str(refused.value)
    assert text.startswith("toetsingen.csv: de toetsingen zijn niet ingelezen; er is niets veranderd.")
    assert "rij 8, kolom 'criterium'" in text and "niet aan Bram" in text and "ook in rij 2" in text
    assert "rij 7, kolom 'toelichting' (''): bij 'twijfel' hoort een toelichting" in text
    assert _count(db) == 0


def test_missing_columns_are_named(db: Database, made_round: MadeRound, tmp_path: Path) -> None:
    round_id = made_round(db)
    path = tmp_path / "toetsingen.csv"
    path.write_text("beoordelaar;inschrijving;criterium;score\nA;B;C;3\n", encoding="utf-8")
    with pytest.raises(Exception, match="oordeel, toelichting ontbreken"):
        import_check_sheet(db.sessions, round_id, path, actor=CHAIR)
