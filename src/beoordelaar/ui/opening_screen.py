"""What a start shows at once, before the database opens and the main window is built: the app's icon and name with
"Bezig met openen…", painted as soon as Qt runs, so a start answers while SQLAlchemy, the models and the round load.
The main window takes its place once its first page shows the round."""

from __future__ import annotations

import time

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QGuiApplication, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QLabel

from beoordelaar import __version__
from beoordelaar.ui.help.app_icon import app_icon

OPENING_TEXT = "Bezig met openen…"
SIZE = QSize(420, 220)
ICON = 96


def opening_picture() -> QPixmap:
    """The icon, the name and version and OPENING_TEXT on the palette's window colour, sharp on a high-DPI screen."""
    screen = QGuiApplication.primaryScreen()
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    picture = QPixmap(SIZE * ratio)
    picture.setDevicePixelRatio(ratio)
    palette = QGuiApplication.palette()
    picture.fill(palette.color(QPalette.ColorRole.Window))
    painter = QPainter(picture)
    try:
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawRect(QRect(0, 0, SIZE.width() - 1, SIZE.height() - 1))
        app_icon().paint(painter, QRect((SIZE.width() - ICON) // 2, 24, ICON, ICON))
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        title = QFont(painter.font())
        title.setPointSizeF(title.pointSizeF() * 1.4)
        title.setBold(True)
        painter.setFont(title)
        painter.drawText(QRect(0, 128, SIZE.width(), 32), Qt.AlignmentFlag.AlignCenter, f"Beoordelaar {__version__}")
        painter.setFont(QFont(QGuiApplication.font()))
        painter.drawText(QRect(0, 164, SIZE.width(), 28), Qt.AlignmentFlag.AlignCenter, OPENING_TEXT)
    finally:
        painter.end()
    return picture


class OpeningScreen:
    """The opening screen while it shows; close() it when the window shows or a message takes its place (again:
    nothing happens)."""

    def __init__(self, splash: QLabel) -> None:
        self._splash: QLabel | None = splash

    @classmethod
    def shown(cls, *, report: bool = False) -> OpeningScreen:
        """Shown and painted now; report: print "opening <epoch> cpu <process seconds>" (bench/bench_startup.py)."""
        # A frameless label, not a QSplashScreen: its show() waits up to a second for the window system to expose it,
        # which on some platforms never comes (offscreen, a bare X server), a second on every start.
        splash = QLabel(None, Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint)
        splash.setPixmap(opening_picture())
        splash.setFixedSize(SIZE)
        splash.setObjectName("opening-screen")
        splash.setAccessibleName(OPENING_TEXT)
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            splash.move(screen.availableGeometry().center() - splash.rect().center())
        splash.show()
        QApplication.processEvents()  # painted before the heavy work that follows on this thread
        if report:
            print(f"opening {time.time():.6f} cpu {time.process_time():.6f}", flush=True)
        return cls(splash)

    @property
    def visible(self) -> bool:
        return self._splash is not None and self._splash.isVisible()

    def close(self) -> None:
        if self._splash is not None:
            self._splash.close()
            self._splash.deleteLater()
            self._splash = None
