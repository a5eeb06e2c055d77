"""Status colours (red for a problem, green for done, amber for a warning) made readable on the palette in use.

The app names a status colour by its hue; its lightness comes from the background it is drawn on, so that a dark
palette (Windows' dark mode, a high-contrast theme) gets a light red instead of the dark red that reached only about
2.7:1 there. The target is WCAG's 4.5:1 for normal text.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QColor, QGuiApplication, QPalette

READABLE = 4.5  # WCAG 2 AA, normal text


def relative_luminance(colour: QColor) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) + 0.0722 * linear(colour.blueF())


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG's contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@lru_cache(maxsize=256)
def _readable_rgb(colour: int, background: int) -> int:
    wanted, behind = QColor.fromRgb(colour), QColor.fromRgb(background)
    if contrast_ratio(wanted, behind) >= READABLE:
        return colour
    hue, saturation, lightness, _alpha = wanted.getHsl()
    towards_light = relative_luminance(behind) < 0.18  # a dark background: lighten the colour, else darken it
    steps = range(lightness, 256, 4) if towards_light else range(lightness, -1, -4)
    for step in steps:
        candidate = QColor.fromHsl(hue, saturation, step)
        if contrast_ratio(candidate, behind) >= READABLE:
            return candidate.rgb()
    return QColor(255, 255, 255).rgb() if towards_light else QColor(0, 0, 0).rgb()


def readable_on(colour: QColor, background: QColor) -> QColor:
    """colour with its hue kept and its lightness moved just far enough to reach 4.5:1 on background."""
    return QColor.fromRgb(_readable_rgb(colour.rgb(), background.rgb()))


def _behind(role: QPalette.ColorRole, palette: QPalette | None) -> QColor:
    return (palette or QGuiApplication.palette()).color(role)


# The hues of the app's statuses, as designed on a light palette.
PROBLEM = QColor(170, 30, 30)
DONE = QColor(20, 110, 40)
WARNING = QColor(150, 100, 0)


def problem_colour(palette: QPalette | None = None, role: QPalette.ColorRole = QPalette.ColorRole.Base) -> QColor:
    return readable_on(PROBLEM, _behind(role, palette))


def done_colour(palette: QPalette | None = None, role: QPalette.ColorRole = QPalette.ColorRole.Base) -> QColor:
    return readable_on(DONE, _behind(role, palette))


def warning_colour(palette: QPalette | None = None, role: QPalette.ColorRole = QPalette.ColorRole.Base) -> QColor:
    return readable_on(WARNING, _behind(role, palette))


def readable_name(colour: QColor | str, role: QPalette.ColorRole = QPalette.ColorRole.Window) -> str:
    """A status colour as #rrggbb for a style sheet or an HTML style, readable on the palette in use (a label's
    background is the window's; a cell's or a text field's the base)."""
    return readable_on(QColor(colour), _behind(role, None)).name()


def text_style(colour: QColor | str, role: QPalette.ColorRole = QPalette.ColorRole.Window) -> str:
    """'color: #rrggbb;' for a label's style sheet: colour made readable on the palette in use."""
    return f"color: {readable_name(colour, role)};"
