"""Spreadsheets we write for people to open in Excel: every text stays text, every number and moment a real one.

A provider's answer like =HYPERLINK("http://...") or a motivation starting with "-" must never become a live
formula in the chair's Excel (formula injection), so text cells are written with data type "s" explicitly. Numbers
are numbers with a number format (a mean of 20/3 keeps its exact value and shows 6,67), dates and times are Excel
dates (sortable and filterable as such), yes/no is "ja"/"nee". Each sheet has a bold, frozen header row with an
autofilter over the table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from beoordelaar.core.errors import UserError, os_reason

EXCEL_CELL_LIMIT = 32767
MOMENT_FORMAT = "dd-mm-yyyy hh:mm"
DATE_FORMAT = "dd-mm-yyyy"
TIME_FORMAT = "hh:mm"
WHOLE_FORMAT = "0"
DECIMAL_FORMAT = "0.00"  # as the screens, letters and the proces-verbaal show a value that is not whole


def new_workbook() -> Any:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    return book


def _typed(value: Any) -> tuple[Any, str | None]:
    """The value to store and its number format (None: Excel's General)."""
    if isinstance(value, bool):
        return ("ja" if value else "nee"), None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None), (DATE_FORMAT if value.time() == time(0) else MOMENT_FORMAT)
    if isinstance(value, date):
        return value, DATE_FORMAT
    if isinstance(value, time):
        return value, TIME_FORMAT
    if isinstance(value, int):
        return value, WHOLE_FORMAT
    if isinstance(value, Decimal | Fraction | float):
        number = float(value)
        return number, (WHOLE_FORMAT if number.is_integer() else DECIMAL_FORMAT)
    return value, None


def add_sheet(
    book: Any,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    widths: Sequence[int] = (),
    formats: Mapping[int, str] | None = None,
    caption: str | None = None,
) -> Any:
    """A sheet with a bold header row, frozen below it, an autofilter, and rows whose texts can never turn into
    formulas. formats: a number format per column (0-based) instead of the one the value's type gives; caption: a
    bold line above the header row."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title[:31])
    if caption is not None:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", caption)])
        sheet["A1"].data_type = "s"
        sheet["A1"].font = Font(bold=True)
    header_row = 2 if caption is not None else 1
    sheet.append(list(headers))
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    formats = formats or {}
    last = header_row
    for row, values in enumerate(rows, start=header_row + 1):
        last = row  # counted here: sheet.max_row looks at every cell, which made a large sheet quadratic
        for column, value in enumerate(values, start=1):
            if value is None:
                continue
            cell = sheet.cell(row=row, column=column)
            if isinstance(value, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)[:EXCEL_CELL_LIMIT]
                cell.data_type = "s"
                continue
            cell.value, number_format = _typed(value)
            if isinstance(cell.value, str):
                cell.data_type = "s"
            number_format = formats.get(column - 1, number_format)
            if number_format is not None:
                cell.number_format = number_format
    for index, width in enumerate(widths):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    sheet.freeze_panes = f"A{header_row + 1}"
    if headers:
        sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(headers))}{last}"
    return sheet


def save_workbook(book: Any, path: Path, what: str) -> None:
    try:
        book.save(path)
    except OSError as exc:
        raise UserError(f"{what} kan niet worden opgeslagen in {path}: {os_reason(exc)}.") from exc
