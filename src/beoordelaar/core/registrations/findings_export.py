"""The findings of an import as a spreadsheet, for whoever made the export to correct it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from beoordelaar.core.files.safe_xlsx import add_sheet, new_workbook, save_workbook

HEADERS = ("Soort", "Rij", "Kolom", "Waarde", "Melding")


def write_findings_xlsx(path: Path, source: str, findings: Iterable[tuple[str, int | None, str, str, str]]) -> None:
    """Write (kind, row, column, value, message) rows. Values are always text: a value like =HYPERLINK(...) from
    the export must not become a live formula in the report; the row is a number, to sort and filter on."""
    book = new_workbook()
    add_sheet(book, "Bevindingen", HEADERS, findings, (14, 6, 30, 30, 90),
              caption=f"Bevindingen bij het inlezen van {source}")  # fmt: skip
    save_workbook(book, path, "Het overzicht van de bevindingen")
