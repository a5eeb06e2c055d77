"""Qt's own messages (warnings of a plugin, a style, a font) into the app's log, as well as where they went before."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

from beoordelaar.core.app_log import log

QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
qt_log = log.getChild("qt")

MessageHandler = Callable[[QtMsgType, QMessageLogContext, str], object]


def route_qt_messages() -> Callable[[], None]:
    """Send Qt's messages to the log and on to the handler installed before (pytest-qt's, which fails a test on a
    warning), or to stderr where there was none; returns a function that puts the previous handler back."""
    previous: MessageHandler | None = None

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        qt_log.log(QT_LEVELS.get(kind, logging.WARNING), "%s", message)
        if previous is not None:
            previous(kind, context, message)
        elif sys.stderr is not None:  # Qt's own default; the windowed exe on Windows has no stderr
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handler)

    def restore() -> None:
        qInstallMessageHandler(previous)

    return restore
