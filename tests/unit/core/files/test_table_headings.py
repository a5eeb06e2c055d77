"""A ruled table's heading never breaks inside a word: a column narrower than its heading's longest word is widened,
at the cost of the widest column, and the table keeps its width."""

from __future__ import annotations

import pytest
from reportlab.lib.units import cm

from beoordelaar.core.files.pdf_kit import CONTENT_WIDTH, Styles

HEADER = ("Code", "Beoordelaar", "Rev.", "Score", "Motivering", "Wanneer", "Bron")
# The individual scores' columns of the dossier overview as they were, when "Code" printed as "Cod / e".
NARROW = (1.2 * cm, 2.6 * cm, 1 * cm, 1.2 * cm, CONTENT_WIDTH - 11 * cm, 2.9 * cm, 2.1 * cm)


@pytest.fixture(scope="module")
def styles() -> Styles:
    return Styles()


def _heading_lines(styles: Styles, widths: tuple[float, ...]) -> list[list[str]]:
    """Per heading cell, the words of each line it is laid out in."""
    table = styles.ruled_table([HEADER, ("P1", "Anna de Vries", "1", "4", "Concreet.", "1-3-2027", "laptop")], widths)
    table.wrap(CONTENT_WIDTH, 1000)
    return [[" ".join(words) for _extra, words in cell[0].blPara.lines] for cell in table._cellvalues[0]]


def test_narrow_headings_are_widened_and_keep_their_words(styles: Styles) -> None:
    widths = styles.header_widths(HEADER, NARROW)
    assert sum(widths) == pytest.approx(sum(NARROW))
    assert widths[0] > NARROW[0] and widths[2] > NARROW[2]  # "Code" and "Rev." did not fit
    assert widths[4] < NARROW[4]  # the widest column, the motivation, gave the room
    assert _heading_lines(styles, NARROW) == [[heading] for heading in HEADER]


def test_headings_that_fit_keep_their_widths(styles: Styles) -> None:
    roomy = (2 * cm, 3.2 * cm, 1.4 * cm, 1.6 * cm, CONTENT_WIDTH - 14.1 * cm, 3.4 * cm, 2.5 * cm)
    assert styles.header_widths(HEADER, roomy) == list(roomy)


def test_a_heading_of_several_words_may_still_wrap_between_them(styles: Styles) -> None:
    header = ("Code", "Door, wanneer", "Motivering")
    widths = (1.5 * cm, 1.8 * cm, 6 * cm)
    fitted = styles.header_widths(header, widths)
    assert fitted[1] > widths[1] and fitted[2] < widths[2] and sum(fitted) == pytest.approx(sum(widths))
    table = styles.ruled_table([header, ("G1", "Anna", "Goed.")], widths)
    table.wrap(CONTENT_WIDTH, 1000)
    assert [" ".join(w) for _e, w in table._cellvalues[0][1][0].blPara.lines] == ["Door,", "wanneer"]


def test_a_table_too_narrow_for_its_headings_grows_rather_than_break_a_word(styles: Styles) -> None:
    fitted = styles.header_widths(("Beoordelaar", "Motivering"), (1 * cm, 1 * cm))
    assert all(width > 1 * cm for width in fitted)
