"""Reading a sheet of any shape into text: xlsx (openpyxl), xls (xlrd) and csv as Dutch Excel writes it.

Every cell becomes text the way the spreadsheet shows it, never a guessed type: a KvK number keeps its leading
zeros when it had them, "0,34" stays "0,34". Rows keep the number the user sees in Excel (1-based, counting title
rows), so a finding can point at the cell. The header row is found below any title rows; empty rows are dropped.
"""

from __future__ import annotations

import io
import logging
import os
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from beoordelaar.core.errors import UserError, os_reason
from beoordelaar.core.files.csv_text import csv_rows, numbered, sniff_delimiter
from beoordelaar.core.text import date_text, moment_text

Progress = Callable[[int, int], None]
"""Called as progress(done, total) while reading; total is 0 when unknown. May raise to cancel."""

HEADER_SEARCH_ROWS = 30
MAX_ROWS_ENV = "BEOORDELAAR_IMPORT_MAX_RIJEN"
MAX_MB_ENV = "BEOORDELAAR_IMPORT_MAX_MB"
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_KNOWN_BINARY = {b"%PDF": "een PDF-bestand", b"\x89PNG": "een afbeelding (PNG)", b"\xff\xd8\xff": "een afbeelding"}


__all__ = ["Progress", "ReadLimits", "SheetRow", "Table", "cell_text", "column_letter", "locate_header", "read_table",
           "sniff_delimiter", "unreadable_file"]  # fmt: skip
log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())  # the detail goes to the app's log when one runs, never to the terminal


@dataclass(frozen=True)
class ReadLimits:
    """How much one import may read: rows of the sheet, and bytes of the file as it is on disk."""

    max_rows: int = 250_000
    max_bytes: int = 250_000_000

    @classmethod
    def from_environment(cls) -> ReadLimits:
        """The defaults, or what BEOORDELAAR_IMPORT_MAX_RIJEN and BEOORDELAAR_IMPORT_MAX_MB say."""
        rows, megabytes = os.environ.get(MAX_ROWS_ENV, ""), os.environ.get(MAX_MB_ENV, "")
        default = cls()
        return cls(
            int(rows) if rows.strip().isdigit() else default.max_rows,
            int(megabytes) * 1_000_000 if megabytes.strip().isdigit() else default.max_bytes,
        )


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
    limits: ReadLimits | None = None,
) -> Table:
    """Read the first sheet with a header row. header_score rates a candidate header row (how many of its cells
    are known column names); without it, or when no row scores 2 or more, the first full-width row is the header.
    A file that cannot be read, or one beyond the limits (default: from the environment), raises UserError naming
    it; what the library said goes to the log."""
    path = Path(path)
    rows, sheet = _read_rows(path, progress, limits or ReadLimits.from_environment())
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


class _ProgressRaised(Exception):
    """Carries what the progress callback raised (a cancel) past the handlers that turn a library's error into a
    Dutch message."""

    def __init__(self, original: BaseException) -> None:
        super().__init__()
        self.original = original


def _guarded(progress: Progress | None) -> Progress | None:
    if progress is None:
        return None

    def call(done: int, total: int) -> None:
        try:
            progress(done, total)
        except Exception as exc:
            raise _ProgressRaised(exc) from exc

    return call


def unreadable_file(path: Path, exc: OSError) -> UserError:
    """The Dutch refusal for a file the system would not let us read; the system's own words go to the log."""
    log.warning("lezen van %s: %s", path, exc)
    return UserError(
        f"Het bestand {path} kan niet worden gelezen: {os_reason(exc)}. Controleer het en probeer opnieuw."
    )


def _read_rows(path: Path, progress: Progress | None, limits: ReadLimits) -> tuple[list[SheetRow], str | None]:
    try:
        return _read_format(path, _guarded(progress), limits)
    except _ProgressRaised as raised:
        raise raised.original from None


def _read_format(path: Path, progress: Progress | None, limits: ReadLimits) -> tuple[list[SheetRow], str | None]:
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise UserError(f"Het bestand {path} bestaat niet.") from exc
    except OSError as exc:
        raise unreadable_file(path, exc) from exc
    if not head:
        raise UserError(f"{path.name}: het bestand is leeg.")
    if size > limits.max_bytes:
        raise UserError(
            f"{path.name}: het bestand is {numbered(size // 1_000_000)} MB groot, boven de grens van "
            f"{numbered(limits.max_bytes // 1_000_000)} MB voor één import. Splits het bestand in kleinere delen."
        )
    for magic, what in _KNOWN_BINARY.items():
        if head.startswith(magic):
            raise UserError(f"{path.name}: dit is {what}, geen spreadsheet (xlsx, xls of csv).")
    if head.startswith((_ZIP, _OLE)):
        try:
            return (_read_xlsx if head.startswith(_ZIP) else _read_xls)(path, progress, limits)
        except (UserError, _ProgressRaised):
            raise
        except Exception as exc:  # zipfile, zlib, the XML parsers, openpyxl, xlrd: all mean a damaged workbook
            raise _damaged_workbook(path, exc) from exc
    try:
        if path.suffix.lower() in {".xlsx", ".xlsm", ".xls"}:
            raise UserError(
                f"{path.name}: het bestand heet {path.suffix} maar is geen Excel-werkmap. "
                "Open het in Excel en sla het opnieuw op als .xlsx of .csv."
            )
        rows = []
        for number, cells in csv_rows(path, path.name, progress):
            if number > limits.max_rows:
                raise _too_many_rows(path.name, limits)
            rows.append(SheetRow(number, _trimmed(cells)))
        return rows, None
    except OSError as exc:
        raise unreadable_file(path, exc) from exc


def _trimmed(cells: tuple[str, ...]) -> tuple[str, ...]:
    """Without the empty cells at the end: a row padded out to column XFD costs nothing."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells if end == len(cells) else cells[:end]


def _too_many_rows(name: str, limits: ReadLimits) -> UserError:
    return UserError(
        f"{name}: het bestand heeft meer dan {numbered(limits.max_rows)} rijen, de grens voor één import. "
        "Splits het bestand in delen onder die grens."
    )


def _damaged_workbook(path: Path, exc: Exception) -> UserError:
    log.warning("werkmap %s niet leesbaar: %s: %s", path, type(exc).__name__, exc)
    return UserError(
        f"{path.name}: de werkmap is beschadigd of geen echte Excel-werkmap en kan niet worden gelezen. "
        "Open het bestand in Excel en sla het opnieuw op als .xlsx, of exporteer het als csv."
    )


def _read_xlsx(path: Path, progress: Progress | None, limits: ReadLimits) -> tuple[list[SheetRow], str | None]:
    import openpyxl  # imported here: a csv import should not pay for it

    with path.open("rb") as handle, warnings.catch_warnings():
        # openpyxl warns about what it repairs (a missing stylesheet, odd relations); the log has enough.
        warnings.simplefilter("ignore")
        # A file handle, not the path: openpyxl refuses a workbook by its name's extension (.csv, .txt).
        # data_only: a formula cell gives the value Excel computed and showed, never the formula to run.
        book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        try:
            for sheet in book.worksheets:
                if not hasattr(sheet, "iter_rows"):
                    continue  # a chart sheet
                rows = list(_xlsx_rows(sheet, progress, path.name, limits))
                if any(r.cells for r in rows):
                    return rows, sheet.title
            return [], book.worksheets[0].title if book.worksheets else None
        finally:
            book.close()


def _xlsx_rows(sheet: Any, progress: Progress | None, name: str, limits: ReadLimits) -> Iterator[SheetRow]:
    total = sheet.max_row or 0  # from the sheet's own dimension: a hint for progress only
    # Exporters often write a wrong <dimension>; without this, read-only mode trusts it and cuts columns off.
    sheet.reset_dimensions()
    text = cell_text
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > limits.max_rows:
            raise _too_many_rows(name, limits)
        yield SheetRow(number, _trimmed(tuple([text(v) for v in values])))
        if progress is not None and number % 200 == 0:
            progress(number, total)


def _read_xls(path: Path, progress: Progress | None, limits: ReadLimits) -> tuple[list[SheetRow], str | None]:
    try:
        import xlrd
    except ImportError as exc:
        raise UserError(
            f"{path.name}: het oude Excel-formaat (.xls) kan op deze computer niet worden gelezen. "
            "Sla het bestand in Excel op als .xlsx of .csv."
        ) from exc
    book = xlrd.open_workbook(str(path), on_demand=True, logfile=io.StringIO())
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if sheet.nrows > limits.max_rows:
                raise _too_many_rows(path.name, limits)
            rows = []
            for r in range(sheet.nrows):
                cells = tuple(_xls_cell(book, sheet.cell(r, c)) for c in range(sheet.ncols))
                rows.append(SheetRow(r + 1, _trimmed(cells)))
                if progress is not None and (r + 1) % 200 == 0:
                    progress(r + 1, sheet.nrows)
            if any(row.cells for row in rows):
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
