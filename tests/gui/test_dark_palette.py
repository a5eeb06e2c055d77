"""Status colours on a dark palette: the red, green and amber of the screens reach WCAG's 4.5:1 on the background
they are drawn on (the fixed dark red reached about 2.7:1), and stay as designed on the light one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from beoordelaar.ui.common.presentation import ERROR_COLOUR, OK_COLOUR, tint
from beoordelaar.ui.common.status_colours import (
    DONE,
    PROBLEM,
    READABLE,
    WARNING,
    contrast_ratio,
    done_colour,
    problem_colour,
    readable_name,
    text_style,
    warning_colour,
)
from beoordelaar.ui.common.table_model import Column, RowTableModel

DARK_BASE, DARK_WINDOW = QColor(30, 30, 30), QColor(45, 45, 45)


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[QPalette]:
    before = QApplication.palette()
    palette = QPalette(before)
    palette.setColor(QPalette.ColorRole.Base, DARK_BASE)
    palette.setColor(QPalette.ColorRole.Window, DARK_WINDOW)
    palette.setColor(QPalette.ColorRole.Text, QColor(230, 230, 230))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(230, 230, 230))
    QApplication.setPalette(palette)
    yield palette
    QApplication.setPalette(before)


def test_the_fixed_colours_were_unreadable_on_a_dark_palette() -> None:
    assert contrast_ratio(PROBLEM, DARK_BASE) < 3.0
    assert contrast_ratio(ERROR_COLOUR, DARK_WINDOW) < 3.0
    assert contrast_ratio(QColor(0, 0, 0), QColor(255, 255, 255)) == pytest.approx(21.0)


def test_status_colours_reach_the_contrast_on_a_dark_palette(dark: QPalette) -> None:
    for colour in (problem_colour(), done_colour(), warning_colour()):
        assert contrast_ratio(colour, DARK_BASE) >= READABLE
    red = problem_colour()
    assert red.red() > red.green() and red.red() > red.blue()  # still red: only the lightness moved


def test_a_tinted_label_and_a_table_cell_follow_the_palette(dark: QPalette) -> None:
    label = QLabel("De motivering is te kort.")
    for colour in (ERROR_COLOUR, OK_COLOUR):
        tint(label, colour)
        shown = label.palette().color(QPalette.ColorRole.WindowText)
        assert contrast_ratio(shown, DARK_WINDOW) >= READABLE

    model = RowTableModel([Column("Status", lambda r: r, foreground=lambda _r: PROBLEM)])
    model.set_rows(["ontbreekt"])
    brush = model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole)
    assert contrast_ratio(brush.color(), DARK_BASE) >= READABLE


def test_on_the_light_palette_the_designed_colours_stay(qapp: QApplication) -> None:
    light = QPalette(QApplication.palette())
    light.setColor(QPalette.ColorRole.Base, QColor(255, 255, 255))
    for designed, made in ((PROBLEM, problem_colour), (DONE, done_colour), (WARNING, warning_colour)):
        assert made(light) == designed


def test_style_sheet_and_html_colours_follow_the_palette(dark: QPalette) -> None:
    """The red of an error line under a form (a style sheet) and of a flag in the consensus meeting (HTML)."""
    style = text_style("#a01e1e")
    assert style.startswith("color: #") and style.endswith(";")
    assert contrast_ratio(QColor(style[len("color: ") : -1]), DARK_WINDOW) >= READABLE
    assert contrast_ratio(QColor(readable_name("#b41414")), DARK_WINDOW) >= READABLE
    assert contrast_ratio(QColor(readable_name("#1e328c", QPalette.ColorRole.Base)), DARK_BASE) >= READABLE
