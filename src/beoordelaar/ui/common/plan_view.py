"""The plan of approach as the assessor reads it: QtPdf's view with zoom (steps, Ctrl+wheel, the page's width) and
the page shown ("pagina 2 van 7"), and scrolling by a screenful that another widget (the motivation being typed) can
ask for without taking the focus."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QWidget

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.25, 5.0


def page_text(page: int, count: int) -> str:
    """'pagina 2 van 7' for the page shown (counted from 0), '' without a document."""
    return f"pagina {page + 1} van {count}" if count > 0 else ""


class PlanView(QPdfView):
    """A multi-page PDF view that starts at the page's width; zoom_in/zoom_out go in steps from what is shown."""

    zoom_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPageMode(QPdfView.PageMode.MultiPage)
        self.setPageSpacing(8)
        # Fitting the width while a scroll bar comes and goes can loop for ever (the fit changes the height, the
        # height the scroll bar): keep the vertical one, and the horizontal one only when zoomed by hand.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.fit_width()

    @property
    def fits_width(self) -> bool:
        return self.zoomMode() is QPdfView.ZoomMode.FitToWidth

    def shown_zoom(self) -> float:
        """The zoom factor on the screen now: the one set by hand, or what fitting the width comes to."""
        if not self.fits_width:
            return self.zoomFactor()
        document = self.document()
        if document is None or document.pageCount() == 0:
            return 1.0
        page = self.pageNavigator().currentPage()
        points = document.pagePointSize(max(page, 0)).width()
        margins = self.documentMargins()
        room = self.viewport().width() - margins.left() - margins.right()
        pixels = points * self.logicalDpiX() / 72
        return room / pixels if pixels > 0 else 1.0

    def fit_width(self) -> None:
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.zoom_changed.emit()

    def set_zoom(self, factor: float) -> None:
        factor = min(max(factor, MIN_ZOOM), MAX_ZOOM)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setZoomMode(QPdfView.ZoomMode.Custom)
        self.setZoomFactor(factor)
        self.zoom_changed.emit()

    def zoom_in(self) -> None:
        self.set_zoom(self.shown_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.shown_zoom() / ZOOM_STEP)

    def scroll_screens(self, screens: int) -> None:
        """A screenful on (or back), whoever has the focus."""
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + screens * bar.pageStep())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y()
            if steps > 0:
                self.zoom_in()
            elif steps < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)
