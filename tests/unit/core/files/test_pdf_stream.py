"""The house documents are written a page at a time: each finished page goes to the file, and the file holds what
reportlab's own save would (the same pages, fonts and metadata), only numbered and ordered otherwise."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, SimpleDocTemplate

from beoordelaar.core.files.pdf_kit import StreamedTable, Styles, document
from letters_round import need, qpdf_check

HEADER = ("Inschrijving", "Geopend", "Ingeleverd daarvoor", "Oordeel")
WIDTHS = (2.6 * cm, 3.4 * cm, 7 * cm, 4 * cm)


def _rows(count: int) -> list[tuple[str, ...]]:
    return [(f"INS-{n:04d}", "3 maart 2027 10:00", "Anna Ørsted " * (1 + n % 5), "geopend") for n in range(count)]


def _streams(path: Path) -> tuple[list[bytes], list[bytes]]:
    """Each page's content stream in page order, and every stream of the file sorted (fonts, metadata, profile),
    all decoded, as qpdf reads them."""
    qdf = subprocess.run(
        [need("qpdf"), "--qdf", "--object-streams=disable", str(path), "-"], capture_output=True, check=True
    ).stdout
    pages = re.findall(rb"%% Contents for page \d+\n.*?\nstream\n(.*?)endstream", qdf, re.DOTALL)
    return pages, sorted(re.findall(rb"\nstream\n(.*?)endstream", qdf, re.DOTALL))


def test_a_streamed_file_holds_what_reportlabs_save_makes(tmp_path: Path) -> None:
    styles = Styles()
    story = [styles.ruled_table([HEADER, *_rows(150)], WIDTHS)]
    streamed, plain = tmp_path / "streamed.pdf", tmp_path / "plain.pdf"
    document(str(streamed), title="t", author="a", subject="s", head="abc").build(list(story))
    reference = document(str(plain), title="t", author="a", subject="s", head="abc")
    SimpleDocTemplate.build(reference, list(story), onFirstPage=reference._page, onLaterPages=reference._page)
    assert qpdf_check(streamed).returncode == 0
    pages, everything = _streams(streamed)
    assert len(pages) > 4 and (pages, everything) == _streams(plain)


class _Counting(Flowable):
    """Notes, where it is drawn, how many objects the document holds."""

    def __init__(self, held: list[int]) -> None:
        super().__init__()
        self.held = held

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.held.append(len(self.canv._doc.idToObject))


def test_a_written_page_is_not_held(tmp_path: Path) -> None:
    styles = Styles()
    held: list[int] = []
    story: list = []
    for part in range(12):
        story += [_Counting(held), StreamedTable(styles, HEADER, _rows(60 + part), WIDTHS)]
    buffer = io.BytesIO()
    document(buffer, title="t", author="a", subject="s").build(story)
    assert buffer.getvalue().count(b"/Type /Page\n") > 20
    assert len(set(held[1:])) == 1  # from the second part on, as many objects as on the first page: none per page


class _Failing(Flowable):
    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        raise RuntimeError("de opmaak faalt")


def test_a_failed_layout_leaves_its_file_closed(tmp_path: Path) -> None:
    styles = Styles()
    out = tmp_path / "deel.pdf"
    doc = document(str(out), title="t", author="a", subject="s")
    with pytest.raises(RuntimeError, match="de opmaak faalt"):
        doc.build([StreamedTable(styles, HEADER, _rows(200), WIDTHS), _Failing()])
    assert out.stat().st_size > 0  # the first pages were written as they were finished
    assert doc.canv._doc._out is None  # and the file closed, so that it can be removed (on Windows too)
    out.unlink()
