"""The findings of an import as a spreadsheet, for whoever made the export to correct it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from beoordelaar.core.errors import UserError

HEADERS = ("Soort", "Rij", "Kolom", "Waarde", "Melding")
EXCEL_CELL_LIMIT = 32767


def write_findings_xlsx(path: Path, source: str, findings: Iterable[tuple[str, int | None, str, str, str]]) -> None:
    """Write (kind, row, column, value, message) rows. Values are always text: a value like =HYPERLINK(...) from
    the export must not become a live formula in the report."""
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Bevindingen"
    sheet.append([f"Bevindingen bij het inlezen van {source}"])
    sheet["A1"].font = Font(bold=True)
    sheet.append(list(HEADERS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for kind, row, column, value, message in findings:
        values = (kind, row, column, value, message)
        sheet.append([None] * len(values))
        for col, item in enumerate(values, start=1):
            cell = sheet.cell(row=sheet.max_row, column=col)
            if isinstance(item, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", item)[:EXCEL_CELL_LIMIT]
                cell.data_type = "s"
            else:
                cell.value = item
    for letter, width in zip("ABCDE", (14, 6, 30, 30, 90), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A3"
    try:
        book.save(path)
    except OSError as exc:
        raise UserError(f"De bevindingen kunnen niet worden opgeslagen in {path}: {exc.strerror}.") from exc
