"""Reading a sheet of any shape into text: xlsx (openpyxl), xls (xlrd) and csv as Dutch Excel writes it.

Every cell becomes text the way the spreadsheet shows it, never a guessed type: a KvK number keeps its leading
zeros when it had them, "0,34" stays "0,34". Rows keep the number the user sees in Excel (1-based, counting title
rows), so a finding can point at the cell. The header row is found below any title rows; empty rows are dropped.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from beoordelaar.core.errors import UserError
from beoordelaar.core.text import date_text, moment_text

Progress = Callable[[int, int], None]
"""Called as progress(done, total) while reading; total is 0 when unknown. May raise to cancel."""

HEADER_SEARCH_ROWS = 30
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_KNOWN_BINARY = {b"%PDF": "een PDF-bestand", b"\x89PNG": "een afbeelding (PNG)", b"\xff\xd8\xff": "een afbeelding"}


@dataclass(frozen=True)
class SheetRow:
    number: int
    cells: tuple[str, ...]

    def cell(self, index: int) -> str:
        return self.cells[index] if index < len(self.cells) else ""


@dataclass(frozen=True)
class Table:
    """A sheet as text: its header row and the data rows below it (empty rows left out)."""

    source: str
    sheet: str | None
    header_row: int
    headers: tuple[str, ...]
    rows: tuple[SheetRow, ...]


def cell_text(value: Any) -> str:
    """One cell as the spreadsheet shows it; never a float's binary noise, never a lost leading zero in text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        # Excel shows at most 15 significant digits; more would be binary noise (0.1 + 0.2).
        return format(value, ".15g")
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        if value.time() == time(0):
            return date_text(value)
        return moment_text(value, seconds=bool(value.second))
    if isinstance(value, date):
        return date_text(value)
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    return str(value)


def read_table(
    path: Path,
    header_score: Callable[[tuple[str, ...]], int] | None = None,
    progress: Progress | None = None,
) -> Table:
    """Read the first sheet with a header row. header_score rates a candidate header row (how many of its cells
    are known column names); without it, or when no row scores 2 or more, the first full-width row is the header.
    A file that cannot be read raises UserError naming it."""
    path = Path(path)
    rows, sheet = _read_rows(path, progress)
    return locate_header(path.name, sheet, rows, header_score)


def locate_header(
    source: str,
    sheet: str | None,
    rows: Iterable[SheetRow],
    header_score: Callable[[tuple[str, ...]], int] | None = None,
) -> Table:
    filled = [r for r in rows if any(c.strip() for c in r.cells)]
    if not filled:
        raise UserError(f"{source}: het bestand bevat geen gegevens (geen enkele gevulde rij).")
    candidates = filled[:HEADER_SEARCH_ROWS]
    header_index = None
    if header_score is not None:
        scores = [header_score(tuple(c.strip() for c in r.cells)) for r in candidates]
        best = max(scores)
        if best >= 2:
            header_index = scores.index(best)
    if header_index is None:
        # Title rows hold one or two cells; the header is the first row about as wide as the table.
        widths = [sum(1 for c in r.cells if c.strip()) for r in candidates]
        enough = min(max(widths), max(2, (max(widths) + 1) // 2))
        header_index = next(i for i, w in enumerate(widths) if w >= enough)
    header = filled[header_index]
    headers = list(_header_names(header.cells))
    data: list[SheetRow] = []
    for row in filled[header_index + 1 :]:
        cells = row.cells
        if len(cells) > len(headers) and any(c.strip() for c in cells[len(headers) :]):
            # Data beyond the last header: give those columns a name rather than drop what the user typed.
            for i in range(len(headers), max(i + 1 for i, c in enumerate(cells) if c.strip())):
                headers.append(f"(kolom {column_letter(i)})")
        data.append(SheetRow(row.number, tuple(cells)))
    width = len(headers)
    padded = tuple(SheetRow(r.number, _fit(r.cells, width)) for r in data)
    return Table(source, sheet, header.number, tuple(headers), padded)


def _fit(cells: tuple[str, ...], width: int) -> tuple[str, ...]:
    if len(cells) == width:
        return cells
    if len(cells) > width:
        return cells[:width]
    return cells + ("",) * (width - len(cells))


def _header_names(cells: tuple[str, ...]) -> Iterator[str]:
    last = max((i for i, c in enumerate(cells) if c.strip()), default=-1)
    for i, cell in enumerate(cells[: last + 1]):
        name = " ".join(cell.split())
        yield name or f"(kolom {column_letter(i)})"


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: how Excel names a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# -- formats ------------------------------------------------------------------------------------------------------


def _read_rows(path: Path, progress: Progress | None) -> tuple[list[SheetRow], str | None]:
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError as exc:
        raise UserError(f"Het bestand {path} bestaat niet.") from exc
    except OSError as exc:
        raise UserError(f"Het bestand {path} kan niet worden gelezen: {exc.strerror}.") from exc
    if not head:
        raise UserError(f"{path.name}: het bestand is leeg.")
    for magic, what in _KNOWN_BINARY.items():
        if head.startswith(magic):
            raise UserError(f"{path.name}: dit is {what}, geen spreadsheet (xlsx, xls of csv).")
    if head.startswith(_ZIP):
        return _read_xlsx(path, progress)
    if head.startswith(_OLE):
        return _read_xls(path, progress)
    if path.suffix.lower() in {".xlsx", ".xlsm", ".xls"}:
        raise UserError(
            f"{path.name}: het bestand heet {path.suffix} maar is geen Excel-werkmap. "
            "Open het in Excel en sla het opnieuw op als .xlsx of .csv."
        )
    return _read_csv(path, progress), None


def _read_xlsx(path: Path, progress: Progress | None) -> tuple[list[SheetRow], str | None]:
    import openpyxl  # imported here: a csv import should not pay for it

    try:
        # data_only: a formula cell gives the value Excel computed and showed, never the formula to run.
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise UserError(
            f"{path.name}: geen leesbare Excel-werkmap ({type(exc).__name__}). "
            "Open het in Excel en sla het opnieuw op als .xlsx, of exporteer als csv."
        ) from exc
    try:
        for sheet in book.worksheets:
            if not hasattr(sheet, "iter_rows"):
                continue  # a chart sheet
            rows = list(_xlsx_rows(sheet, progress))
            if any(any(c.strip() for c in r.cells) for r in rows):
                return rows, sheet.title
        return [], book.worksheets[0].title if book.worksheets else None
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise UserError(f"{path.name}: de werkmap is beschadigd en kan niet worden gelezen ({exc}).") from exc
    finally:
        book.close()


def _xlsx_rows(sheet: Any, progress: Progress | None) -> Iterator[SheetRow]:
    total = sheet.max_row or 0  # from the sheet's own dimension: a hint for progress only
    # Exporters often write a wrong <dimension>; without this, read-only mode trusts it and cuts columns off.
    sheet.reset_dimensions()
    text = cell_text
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        yield SheetRow(number, tuple([text(v) for v in values]))
        if progress is not None and number % 200 == 0:
            progress(number, total)


def _read_xls(path: Path, progress: Progress | None) -> tuple[list[SheetRow], str | None]:
    try:
        import xlrd
    except ImportError as exc:
        raise UserError(
            f"{path.name}: het oude Excel-formaat (.xls) kan op deze computer niet worden gelezen. "
            "Sla het bestand in Excel op als .xlsx of .csv."
        ) from exc
    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except Exception as exc:  # xlrd raises a variety of its own errors for a damaged file
        raise UserError(f"{path.name}: geen leesbare Excel-werkmap (.xls): {exc}.") from exc
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            rows = []
            for r in range(sheet.nrows):
                rows.append(SheetRow(r + 1, tuple(_xls_cell(book, sheet.cell(r, c)) for c in range(sheet.ncols))))
                if progress is not None and (r + 1) % 200 == 0:
                    progress(r + 1, sheet.nrows)
            if any(any(c.strip() for c in row.cells) for row in rows):
                return rows, sheet.name
        return [], None
    finally:
        book.release_resources()


def _xls_cell(book: Any, cell: Any) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return cell_text(xlrd.xldate_as_datetime(cell.value, book.datemode))
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell_text(cell.value)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return cell_text(bool(cell.value))
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#FOUT")
    return cell_text(cell.value)


def _read_csv(path: Path, progress: Progress | None) -> list[SheetRow]:
    raw = path.read_bytes()
    text = decode_text(raw, path.name)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for number, cells in enumerate(reader, start=1):
            rows.append(SheetRow(number, tuple(cells)))
            if progress is not None and number % 500 == 0:
                progress(number, 0)
    except csv.Error as exc:
        raise UserError(f"{path.name}: het csv-bestand is niet te lezen rond regel {reader.line_num}: {exc}.") from exc
    return rows


def decode_text(raw: bytes, name: str) -> str:
    """Text as Dutch Excel writes it: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UserError(f"{name}: het bestand is beschadigd (ongeldige UTF-16-tekst).") from exc
    if b"\x00" in raw[:4096]:
        raise UserError(
            f"{name}: dit is geen tekstbestand in een bekende codering (het bevat nul-bytes). "
            "Sla het in Excel op als 'CSV (gescheiden door lijstscheidingsteken)' of als .xlsx."
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{name}: de tekst is geen UTF-8 en geen Windows-1252 (onleesbaar teken op byte {exc.start}). "
            "Sla het bestand opnieuw op als CSV UTF-8."
        ) from exc
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\r\n\t")
    if controls > 3:
        raise UserError(f"{name}: dit lijkt geen tekstbestand (het bevat stuurtekens); is het wel een csv-bestand?")
    return text


def sniff_delimiter(text: str) -> str:
    """The separator Dutch Excel used: semicolon (Dutch regional settings), comma, or tab."""
    sample = text[:20000].splitlines()[:30]
    best, best_score = ";", -1
    for delimiter in (";", ",", "\t"):
        widths = [len(r) for r in csv.reader(sample, delimiter=delimiter) if any(c.strip() for c in r)]
        if not widths or max(widths) < 2:
            continue
        common = max(set(widths), key=widths.count)
        # Favour a width most rows share (a real table) and more columns; title rows are few.
        score = widths.count(common) * (common - 1)
        if score > best_score:
            best, best_score = delimiter, score
    return best
