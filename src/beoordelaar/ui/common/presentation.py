"""Presentation mode for the projector: one zoom factor for a widget and everything in it.

Labels that carry their own font (titles) are registered with track() and scale from their own size. Ctrl+= (or
Ctrl++) enlarges, Ctrl+- shrinks, Ctrl+0 returns to normal; the toggle jumps between normal and PRESENTATION.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from beoordelaar.ui.common.status_colours import readable_on

PRESENTATION = 1.6
MIN_FACTOR, MAX_FACTOR, STEP = 0.8, 3.0, 0.2


class FontZoom(QObject):
    changed = Signal(float)

    def __init__(self, root: QWidget, factor: float = 1.0) -> None:
        super().__init__(root)
        self._root = root
        self._base = QFont(QApplication.font())
        self._tracked: list[tuple[QWidget, QFont]] = []
        self._factor = 1.0
        for keys, slot in (
            (("Ctrl+=", "Ctrl++"), self.zoom_in),
            (("Ctrl+-",), self.zoom_out),
            (("Ctrl+0",), self.reset),
        ):
            for key in keys:
                QShortcut(QKeySequence(key), root, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if factor != 1.0:
            self.set_factor(factor)

    @property
    def factor(self) -> float:
        return self._factor

    @property
    def presenting(self) -> bool:
        return self._factor > 1.0

    def track(self, widget: QWidget) -> None:
        """A widget with its own font (a title): it scales from that font, not from the application's."""
        self._tracked.append((widget, QFont(widget.font())))
        self._apply_one(widget, self._tracked[-1][1])

    def set_factor(self, factor: float) -> None:
        factor = round(min(max(factor, MIN_FACTOR), MAX_FACTOR), 2)
        if factor == self._factor:
            return
        self._factor = factor
        font = QFont(self._base)
        font.setPointSizeF(self._base.pointSizeF() * factor)
        self._root.setFont(font)
        for widget, base in self._tracked:
            self._apply_one(widget, base)
        self.changed.emit(factor)

    def _apply_one(self, widget: QWidget, base: QFont) -> None:
        font = QFont(base)
        font.setPointSizeF(base.pointSizeF() * self._factor)
        widget.setFont(font)

    def toggle(self, on: bool | None = None) -> None:
        on = not self.presenting if on is None else on
        self.set_factor(PRESENTATION if on else 1.0)

    def zoom_in(self) -> None:
        self.set_factor(self._factor + STEP)

    def zoom_out(self) -> None:
        self.set_factor(self._factor - STEP)

    def reset(self) -> None:
        self.set_factor(1.0)


def tint(widget: QWidget, colour: QColor | None) -> None:
    """Colour a label's text through its palette (a style sheet would stop the zoomed font reaching it), made
    readable on the window's background of the palette in use (a dark one too)."""
    palette = widget.palette()
    application = QApplication.palette()
    behind = application.color(QPalette.ColorRole.Window)
    text = readable_on(colour, behind) if colour is not None else application.color(QPalette.ColorRole.WindowText)
    palette.setColor(QPalette.ColorRole.WindowText, text)
    widget.setPalette(palette)


ERROR_COLOUR = QColor(160, 20, 20)
OK_COLOUR = QColor(29, 107, 29)
