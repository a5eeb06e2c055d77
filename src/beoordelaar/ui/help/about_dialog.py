"""Help › Over Beoordelaar: the version and where the data and the log are, the licence (LICENSE, EUPL-1.2), the
third-party notices (Qt and PySide6 under the LGPL-3 among them) and Qt's own About."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from beoordelaar import __version__
from beoordelaar.core.app_log import active_log
from beoordelaar.core.paths import licence_file
from beoordelaar.ui.help.guide import GuideBrowser

ABOUT_TITLE = "Over Beoordelaar"
THIRD_PARTY_PAGE = "derden.html"


def about_html(database: Path) -> str:
    log = active_log()
    log_line = f"<p>Logboek:<br><code>{html.escape(str(log))}</code></p>" if log is not None else ""
    return (
        f"<h3>Beoordelaar {html.escape(__version__)}</h3>"
        "<p>Inschrijvingen beoordelen in de regionale inkoop jeugdhulp: offline, onafhankelijk, verantwoord.</p>"
        "<p>Vrije software onder de European Union Public Licence 1.2 (EUPL-1.2).</p>"
        f"<p>Database:<br><code>{html.escape(str(database))}</code></p>{log_line}"
    )


def reflowed(text: str) -> str:
    """LICENSE is wrapped at 120 columns; the tab wraps it to its own width: paragraphs joined into one line each
    (an indented line stays as it is)."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        lines = paragraph.splitlines()
        if any(line.startswith((" ", "\t")) for line in lines):
            paragraphs.append(paragraph)
        else:
            paragraphs.append(" ".join(line.strip() for line in lines))
    return "\n\n".join(paragraphs)


class AboutDialog(QDialog):
    def __init__(self, database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(ABOUT_TITLE)
        self.resize(700, 560)
        self.tabs = QTabWidget()
        about = QLabel(about_html(database))
        about.setWordWrap(True)
        about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        about.setContentsMargins(12, 12, 12, 12)
        about.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.tabs.addTab(about, "&Over")
        self.licence = QPlainTextEdit(reflowed(licence_file().read_text(encoding="utf-8")))
        self.licence.setObjectName("licence")
        self.licence.setReadOnly(True)
        self.tabs.addTab(self.licence, "&Licentie")
        self.third_party = GuideBrowser()
        self.third_party.setSource(QUrl(THIRD_PARTY_PAGE))
        self.tabs.addTab(self.third_party, "Software van &derden")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Sluiten")
        self.about_qt = QPushButton("Over &Qt")
        buttons.addButton(self.about_qt, QDialogButtonBox.ButtonRole.HelpRole)
        self.about_qt.clicked.connect(lambda: QMessageBox.aboutQt(self, "Over Qt"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
