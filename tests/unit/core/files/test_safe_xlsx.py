"""Spreadsheets with real types that stay safe: numbers and moments typed, texts never formulas."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl

from beoordelaar.core.files.safe_xlsx import add_sheet, new_workbook, save_workbook


def test_typed_cells_a_filter_and_formulas_kept_as_text(tmp_path: Path) -> None:
    book = new_workbook()
    rows = [
        ("=HYPERLINK(\"http://x.invalid\",\"klik\")", datetime(2022, 7, 6, 14, 30), date(2022, 7, 6), time(9, 5),
         3, Fraction(20, 3), Decimal("36.0"), 0.5, True, None, "-1+2", "01234567"),
        ("@SUM(A1)", datetime(2022, 7, 6), None, None, None, None, None, None, False, None, "+31", "0,34"),
    ]  # fmt: skip
    add_sheet(book, "Blad", [f"K{i}" for i in range(12)], rows, formats={7: "0.000"})
    path = tmp_path / "x.xlsx"
    save_workbook(book, path, "Het blad")
    sheet = openpyxl.load_workbook(path)["Blad"]
    first = [c for c in sheet[2]]
    assert first[0].data_type == "s" and first[0].value.startswith("=HYPERLINK")
    assert [c.data_type for c in (first[10], first[11])] == ["s", "s"] and first[11].value == "01234567"
    assert first[1].is_date and first[1].number_format == "dd-mm-yyyy hh:mm"
    assert first[1].value == datetime(2022, 7, 6, 14, 30)
    assert first[2].is_date and first[2].number_format == "dd-mm-yyyy"
    assert first[3].number_format == "hh:mm"
    assert (first[4].value, first[4].number_format) == (3, "0")
    assert abs(first[5].value - 20 / 3) < 1e-12 and first[5].number_format == "0.00"  # exact, shown as 6,67
    assert (first[6].value, first[6].number_format) == (36, "0")
    assert first[7].number_format == "0.000"
    assert (first[8].value, first[8].data_type) == ("ja", "s") and sheet["I3"].value == "nee"
    assert first[9].value is None
    assert sheet["A3"].data_type == "s" and sheet["K3"].data_type == "s"
    assert sheet["B3"].number_format == "dd-mm-yyyy"  # midnight: a date
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:L3"
    assert sheet["A1"].font.bold


def test_a_caption_above_the_header_moves_the_freeze_and_the_filter(tmp_path: Path) -> None:
    book = new_workbook()
    add_sheet(book, "Bevindingen", ("Soort", "Rij"), [("Fout", 3), ("Waarschuwing", None)], caption="=bron.csv")
    path = tmp_path / "b.xlsx"
    save_workbook(book, path, "Het overzicht")
    sheet = openpyxl.load_workbook(path)["Bevindingen"]
    assert sheet["A1"].value == "=bron.csv" and sheet["A1"].data_type == "s" and sheet["A2"].value == "Soort"
    assert sheet.freeze_panes == "A3" and sheet.auto_filter.ref == "A2:B4"
    assert (sheet["B3"].value, sheet["B3"].number_format) == (3, "0")
