"""Small building blocks shared by pages: a page title, and a message page with a title, text and buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


def page_title(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


class MessagePage(QWidget):
    """A friendly full-page message (welcome, empty list) with optional buttons below the text."""

    def __init__(self, title: str, html: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = page_title(title)
        self.text_label = QLabel(html)
        self.text_label.setTextFormat(Qt.TextFormat.RichText)
        self.text_label.setWordWrap(True)
        self.text_label.setMaximumWidth(720)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._buttons = QHBoxLayout()
        self._buttons.setSpacing(8)
        self._buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(self.title_label)
        layout.addWidget(self.text_label)
        layout.addLayout(self._buttons)
        layout.addStretch(1)

    def set_text(self, html: str) -> None:
        self.text_label.setText(html)

    def add_button(self, button: QPushButton) -> QPushButton:
        self._buttons.insertWidget(self._buttons.count() - 1, button)
        return button


def action_button(action: QAction, text: str | None = None) -> QPushButton:
    """A push button that triggers action and follows its enabled state and tooltip."""
    button = QPushButton(text or action.text())

    def follow() -> None:
        button.setEnabled(action.isEnabled())
        button.setToolTip(action.toolTip() if action.isEnabled() else action.statusTip())

    button.clicked.connect(action.trigger)
    action.changed.connect(follow)
    follow()
    return button
