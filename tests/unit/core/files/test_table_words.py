"""A ruled table's body breaks no word that its column can be given room for: a narrow column ("Bron") is widened
for its longest word, up to WHOLE_WORD, at the cost of the columns with room to spare; a longer word (a hash) breaks
as it must, and where the others have no room the widths stay as the headings left them."""

from __future__ import annotations

import pytest
from reportlab.lib.units import cm

from beoordelaar.core.files.pdf_kit import CONTENT_WIDTH, Styles

HEADER = ("Code", "Rev.", "Oordeel", "Motivering", "Door, wanneer", "Bron")
# The settled requirements of the dossier overview, where "consensus" printed as "consensu / s".
WIDTHS = (1.3 * cm, 1 * cm, 2.2 * cm, CONTENT_WIDTH - 10.4 * cm, 3.9 * cm, 2 * cm)
ROWS = [
    ("G3", "1", "Verificatie nodig", "Opgegeven: 'Deels'.", "Marieke Jansen, 01-10-2026 11:00 CEST", "consensus"),
    ("G3", "2", "Akkoord", "Verduidelijkt.", "Marieke Jansen, 07-10-2026 11:00 CEST", "verificatiegesprek"),
]


@pytest.fixture(scope="module")
def styles() -> Styles:
    return Styles()


def _lines(styles: Styles, rows: list[tuple[str, ...]], widths: tuple[float, ...]) -> list[list[list[str]]]:
    table = styles.ruled_table([HEADER, *rows], widths)
    table.wrap(CONTENT_WIDTH, 1000)
    return [[[" ".join(words) for _extra, words in cell[0].blPara.lines] for cell in row] for row in table._cellvalues]


def test_a_narrow_column_is_widened_for_its_longest_word(styles: Styles) -> None:
    widths = styles.column_widths(HEADER, ROWS, WIDTHS)
    assert sum(widths) == pytest.approx(sum(WIDTHS))
    assert widths[5] > WIDTHS[5] and widths[3] < WIDTHS[3]  # the source column, at the motivation's cost
    lines = _lines(styles, ROWS, WIDTHS)
    assert [row[5] for row in lines[1:]] == [["consensus"], ["verificatiegesprek"]]
    assert lines[1][2] == ["Verificatie", "nodig"]  # between words a cell still wraps


def test_a_word_longer_than_a_column_can_hold_breaks_as_before(styles: Styles) -> None:
    rows = [("G1", "1", "Akkoord", "Goed.", "Anna", "ab" * 32)]  # a SHA-256
    assert styles.column_widths(HEADER, rows, WIDTHS) == styles.header_widths(HEADER, WIDTHS)


def test_without_room_to_give_the_widths_stay_as_the_headings_left_them(styles: Styles) -> None:
    narrow = (1.3 * cm, 1 * cm, 2.2 * cm, 2 * cm, 2 * cm, 2 * cm)
    rows = [("G1", "1", "Akkoord", "Goed.", "Anna", "verificatiegesprek")] * 2
    assert styles.column_widths(HEADER, rows, narrow) == styles.header_widths(HEADER, narrow)
