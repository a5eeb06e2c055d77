"""Spreadsheets we write for people to open in Excel: every text stays text.

A provider's answer like =HYPERLINK("http://...") or a motivation starting with "-" must never become a live
formula in the chair's Excel (formula injection), so text cells are written with data type "s" explicitly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from beoordelaar.core.errors import UserError

EXCEL_CELL_LIMIT = 32767


def new_workbook() -> Any:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    return book


def add_sheet(
    book: Any, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], widths: Sequence[int] = ()
) -> Any:
    """A sheet with a bold header row, frozen below it, and rows whose texts can never turn into formulas."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    sheet = book.create_sheet(title[:31])
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in rows:
        sheet.append([None] * len(values))
        row = sheet.max_row
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column)
            if isinstance(value, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)[:EXCEL_CELL_LIMIT]
                cell.data_type = "s"
            else:
                cell.value = value
    for index, width in enumerate(widths):
        sheet.column_dimensions[sheet.cell(row=1, column=index + 1).column_letter].width = width
    sheet.freeze_panes = "A2"
    return sheet


def save_workbook(book: Any, path: Path, what: str) -> None:
    try:
        book.save(path)
    except OSError as exc:
        raise UserError(f"{what} kan niet worden opgeslagen in {path}: {exc.strerror}.") from exc
