"""The user guide: Dutch HTML pages shipped in resources/help, shown offline in a QTextBrowser; F1 opens the page of
the screen the user is on."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QDesktopServices, QPalette
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from beoordelaar.core.paths import resources_dir
from beoordelaar.ui.common.status_colours import readable_on

GUIDE_TITLE = "Handleiding"
START_PAGE = "index.html"
# The page for each phase of the main window (ui/phases.py), by its title.
PHASE_PAGES = {
    "Inschrijvingen": "inschrijvingen.html",
    "Beoordelen": "beoordelen.html",
    "Consolideren": "consolideren.html",
    "Verificatie": "verificatie.html",
    "Besluiten": "besluiten.html",
    "Documenten": "documenten.html",
}
_TEXT_COLOUR = re.compile(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})")  # not background-color: those cells set their text


def help_dir() -> Path:
    return resources_dir() / "help"


def page_for(phase: str | None) -> str:
    return PHASE_PAGES.get(phase or "", START_PAGE)


def readable_html(text: str, background: QColor) -> str:
    """The page's coloured text made readable on the palette's background (a dark one too)."""
    return _TEXT_COLOUR.sub(lambda m: "color:" + readable_on(QColor(m.group(1)), background).name(), text)


class GuideBrowser(QTextBrowser):
    """A QTextBrowser over resources/help: links between pages stay inside, a web address opens in the browser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guide")
        self.setOpenLinks(False)  # links are followed in _on_anchor: a web address must not load here
        self.setSearchPaths([str(help_dir())])
        palette = self.palette()  # links too must be readable on a dark palette
        link = readable_on(palette.color(QPalette.ColorRole.Link), palette.color(QPalette.ColorRole.Base))
        self.document().setDefaultStyleSheet(f"a {{ color: {link.name()}; }}")
        self.anchorClicked.connect(self._on_anchor)

    def loadResource(self, kind: int, name: QUrl) -> object:
        resource = super().loadResource(kind, name)
        if name.path().endswith(".html") and isinstance(resource, str | bytes | bytearray):
            text = resource if isinstance(resource, str) else bytes(resource).decode("utf-8")
            return readable_html(text, self.palette().color(QPalette.ColorRole.Base))
        return resource

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        elif url.path() or not url.fragment():
            self.setSource(url)
        else:
            self.scrollToAnchor(url.fragment())  # a link within the page


class GuideWindow(QDialog):
    """The guide in a window of its own, beside the main window (not modal: the user reads while working)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{GUIDE_TITLE} – Beoordelaar")
        self.resize(760, 640)
        self.browser = GuideBrowser(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Sluiten")
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)

    def show_page(self, page: str) -> None:
        self.browser.setSource(QUrl(page))
        self.show()
        self.raise_()
        self.activateWindow()

    def page(self) -> str:
        return self.browser.source().fileName()
