"""A streamed table lays out as the one ruled table of all its rows, without making every row's paragraphs at once."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph

from beoordelaar.core.files.pdf_kit import StreamedTable, Styles, document

HEADER = ("Inschrijving", "Geopend", "Ingeleverd daarvoor", "Oordeel")
WIDTHS = (2.6 * cm, 3.4 * cm, 7 * cm, 4 * cm)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")


def _rows(count: int) -> list[tuple[str, ...]]:
    # Rows of different heights, so that the page breaks fall on different rows of the batches.
    return [
        (f"INS-{n:04d}", "3 maart 2027 10:00", "Anna " * (1 + n % 7), "geopend na de inlevering" + " ja" * (n % 3))
        for n in range(count)
    ]


def _pages_text(flowables: list, tmp_path: Path) -> list[str]:
    """Per page its text, as poppler reads it from the house document."""
    buffer = io.BytesIO()
    document(buffer, title="t", author="a", subject="s").build(flowables)
    path = tmp_path / f"{len(list(tmp_path.iterdir()))}.pdf"
    path.write_bytes(buffer.getvalue())
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


def test_a_streamed_table_breaks_its_pages_on_the_rows_one_table_breaks_them(tmp_path: Path) -> None:
    styles = Styles()
    rows = _rows(333)
    intro = Paragraph("Opening van de consensusbespreking", styles.head)
    whole = _pages_text([intro, styles.ruled_table([HEADER, *rows], WIDTHS)], tmp_path)
    taken: list[int] = []

    def counted() -> Iterator[tuple[str, ...]]:
        for n, row in enumerate(rows):
            taken.append(n)
            yield row

    streamed = _pages_text([intro, StreamedTable(styles, HEADER, counted(), WIDTHS)], tmp_path)
    assert len(whole) > 5 and streamed == whole
    assert len(taken) == len(rows)  # every row read once


def test_a_streamed_table_of_no_rows_is_its_header(tmp_path: Path) -> None:
    styles = Styles()
    streamed = _pages_text([StreamedTable(styles, HEADER, [], WIDTHS)], tmp_path)
    assert streamed == _pages_text([styles.ruled_table([HEADER], WIDTHS)], tmp_path)
