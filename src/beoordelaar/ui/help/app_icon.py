"""The app's icon (resources/icons, drawn by installer/make_icon.py): the windows' and the taskbar's."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from beoordelaar.core.paths import resources_dir


def app_icon() -> QIcon:
    folder = resources_dir() / "icons"
    icon = QIcon(str(folder / "beoordelaar.png"))
    ico = folder / "beoordelaar.ico"
    if ico.is_file():
        icon.addFile(str(ico))
    return icon
