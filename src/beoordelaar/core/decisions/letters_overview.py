"""The overview of what was sent to whom, as a spreadsheet beside the letters (every text stays text)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from beoordelaar.core.files.safe_xlsx import add_sheet, new_workbook, save_workbook

HEADERS = (
    "Inschrijving", "Aanbieder", "KvK", "Besluit", "Kenmerk", "Versie", "Bestand", "SHA-256", "Datum brief",
    "Verzenddatum", "Gemaakt door", "Adres", "Postcode", "Plaats", "E-mail", "Einde opschortende termijn",
    "Vervangt verzonden brief",
)  # fmt: skip
WIDTHS = (18, 36, 10, 12, 30, 7, 36, 66, 14, 14, 20, 28, 10, 16, 30, 16, 34)


def write_overview(path: Path, round_name: str, rows: Iterable[Sequence[object]], audit_head: str) -> None:
    """The overview, with the history's latest hash once these letters were recorded: printed with the overview, it
    lets anyone check later that the history was not rewritten (beoordelaar audit verify)."""
    book = new_workbook()
    add_sheet(book, "Verzonden brieven", HEADERS, rows, WIDTHS)
    add_sheet(
        book, "Vastlegging", ("Wat", "Waarde"),
        [("Ronde", round_name), ("Laatste hash van de geschiedenis na het maken van deze brieven", audit_head)],
        (60, 70),
    )  # fmt: skip
    book.properties.title = f"Besluitbrieven – {round_name}"
    save_workbook(book, path, "Het overzicht van de brieven")
