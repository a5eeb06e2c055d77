from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from beoordelaar.core.errors import UserError
from beoordelaar.core.files.tables import cell_text, column_letter, read_table, sniff_delimiter

HEAD = ["Naam", "KvK-nummer", "Solvabiliteit"]


def _score(cells: tuple[str, ...]) -> int:
    return sum(1 for c in cells if c in HEAD)


def test_csv_semicolon_windows_1252_with_title_rows_and_empty_rows(tmp_path: Path) -> None:
    text = (
        "Export inschrijvingen;;\r\n;;\r\nNaam;KvK-nummer;Solvabiliteit\r\n"
        "Zoë B.V.;04422671;0,34\r\n;;\r\nAnker;12345678;1,5\r\n"
    )
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode("cp1252"))
    table = read_table(path, _score)
    assert table.header_row == 3
    assert table.headers == tuple(HEAD)
    assert [r.number for r in table.rows] == [4, 6]
    assert table.rows[0].cells == ("Zoë B.V.", "04422671", "0,34")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_csv_encodings_and_separators(tmp_path: Path, encoding: str, delimiter: str) -> None:
    path = tmp_path / "export.csv"
    lines = [delimiter.join(HEAD), delimiter.join(["Renée", "00012345", '"0,34"' if delimiter == "," else "0,34"])]
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    table = read_table(path)
    assert table.headers == tuple(HEAD)
    assert table.rows[0].cells == ("Renée", "00012345", "0,34")


def test_xlsx_values_as_text(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Titel van de export"])
    sheet.append([])
    sheet.append([*HEAD, "Datum", "Akkoord"])
    sheet.append(["A", 4422671, 0.34, datetime(2022, 7, 6, 14, 30), True])
    sheet.append(["B", "01234567", 1.0, None, False])
    path = tmp_path / "export.xlsx"
    book.save(path)
    table = read_table(path, _score)
    assert table.header_row == 3
    assert table.rows[0].number == 4
    assert table.rows[0].cells == ("A", "4422671", "0.34", "06-07-2022 14:30", "WAAR")
    assert table.rows[1].cells == ("B", "01234567", "1", "", "ONWAAR")


def test_cell_text_never_shows_float_noise() -> None:
    assert cell_text(0.1 + 0.2) == "0.3"
    assert cell_text(346320580121.0) == "346320580121"
    assert cell_text(None) == ""


def test_formulas_read_as_values_not_executed(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEAD)
    sheet.append(["A", "12345678", "=1/0"])
    sheet.append(['=HYPERLINK("http://x","klik")', "23456789", "0,2"])
    path = tmp_path / "formules.xlsx"
    book.save(path)
    table = read_table(path, _score)
    # openpyxl stores no computed value: the formula is not run and not passed on as text
    assert table.rows[0].cells == ("A", "12345678", "")
    assert table.rows[1].cells[1:] == ("23456789", "0,2")


def test_pdf_renamed_to_xlsx_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")
    with pytest.raises(UserError, match=r"export\.xlsx.*PDF"):
        read_table(path)


def test_text_renamed_to_xlsx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    path.write_text("Naam;KvK\n", encoding="utf-8")
    with pytest.raises(UserError, match="geen Excel-werkmap"):
        read_table(path)


def test_broken_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kapot.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(UserError, match=r"kapot\.xlsx"):
        read_table(path)


def test_empty_file_and_header_only(tmp_path: Path) -> None:
    empty = tmp_path / "leeg.csv"
    empty.write_bytes(b"")
    with pytest.raises(UserError, match="leeg"):
        read_table(empty)
    blank = tmp_path / "blanco.csv"
    blank.write_text(";;\n;;\n", encoding="utf-8")
    with pytest.raises(UserError, match="geen gegevens"):
        read_table(blank)
    header_only = tmp_path / "kop.csv"
    header_only.write_text(";".join(HEAD) + "\n", encoding="utf-8")
    assert read_table(header_only).rows == ()


def test_wrong_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "utf16.csv"
    path.write_bytes(";".join(HEAD).encode("utf-16-le"))  # no BOM: nobody can tell what it is
    with pytest.raises(UserError, match=r"utf16\.csv"):
        read_table(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="bestaat niet"):
        read_table(tmp_path / "nergens.xlsx")


def test_long_text_is_kept_whole(tmp_path: Path) -> None:
    long = "normaliseren " * 3000
    path = tmp_path / "lang.csv"
    path.write_text(f"Naam;Toelichting\nA;{long}\n", encoding="utf-8")
    assert read_table(path).rows[0].cells[1] == long


def test_data_beyond_the_last_header_gets_a_column_name(tmp_path: Path) -> None:
    path = tmp_path / "breed.csv"
    path.write_text("Naam;KvK\nA;1;extra\n", encoding="utf-8")
    table = read_table(path)
    assert table.headers == ("Naam", "KvK", "(kolom C)")


def test_ten_thousand_rows_read_with_progress(tmp_path: Path) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEAD)
    for i in range(10_000):
        sheet.append([f"Aanbieder {i}", f"{i:08d}", "0,34"])
    path = tmp_path / "groot.xlsx"
    book.save(path)  # how long it takes: bench/bench_large_files.py
    seen = []
    table = read_table(path, _score, progress=lambda done, total: seen.append(done))
    assert len(table.rows) == 10_000
    assert table.rows[-1].number == 10_001 and table.rows[-1].cells[1] == "00009999"
    assert seen


def test_helpers() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27)] == ["A", "Z", "AA", "AB"]
    assert sniff_delimiter("Titel\na;b;c\n1;2;3\n") == ";"
    assert sniff_delimiter("a,b,c\n1,2,3\n") == ","
