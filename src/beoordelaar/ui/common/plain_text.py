"""Text from an import, a work package or a user, shown as the very text it is.

Qt guesses whether a tooltip, a message box or a label left on AutoText is rich text (Qt.mightBeRichText: a tag
near the start, or an "&lt;"), and then renders it as HTML: a provider named "<img src=x>" would become an image, a
javascript: link a link. plain() gives Qt a text it shows literally: unchanged where Qt takes it as plain anyway,
otherwise escaped inside a paragraph that keeps its spaces and line breaks."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import QLabel


def plain(text: str) -> str:
    """text for a tooltip, a message box or an AutoText label, so that Qt shows exactly it."""
    if not QtGui.mightBeRichText(text):
        return text
    return f'<p style="white-space:pre-wrap">{html.escape(text, quote=False)}</p>'


def plain_tip(text: str | None) -> str | None:
    """A model's ToolTipRole (None: no tooltip) as plain()."""
    return None if text is None else plain(text)


def plain_label(text: str = "") -> QLabel:
    """A label for text that is not ours (a provider's name, a column of an import): never rendered as rich text."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
