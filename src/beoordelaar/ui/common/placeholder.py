"""A page for a phase that is not built yet: says honestly what it will do and that it comes later."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from beoordelaar.ui.common.widgets import page_title

LATER = "Dit onderdeel komt in een volgende versie van Beoordelaar."


class PhasePlaceholder(QWidget):
    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"phase-placeholder-{title.lower()}")
        self.title_label = page_title(title)
        self.text_label = QLabel(text)
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        later = QLabel(LATER)
        later.setWordWrap(True)
        font = later.font()
        font.setItalic(True)  # a remark, not content; italic rather than greyed, which is hard to read
        later.setFont(font)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(self.title_label)
        layout.addWidget(self.text_label)
        layout.addWidget(later)
        layout.addStretch(1)
        for label in (self.text_label, later):
            label.setMaximumWidth(720)
