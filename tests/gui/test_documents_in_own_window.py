"""A plan opened "In eigen venster" from the scoring screen reaches the system viewer as a copy in the app's own
folder of opened documents, readable by the assessor alone."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from beoordelaar.core.paths import viewing_copies_dir
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.scoring.scoring_page import ScoringPage
from exchange_round import BRAM, NUMBERS, export_for, make_round, open_on
from helpers import WindowOpener, phase_page
from templates import DatabaseTemplates


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """QDesktopServices.openUrl faked: the files handed to the system viewer."""
    files: list[Path] = []

    def open_url(url: QUrl) -> bool:
        files.append(Path(url.toLocalFile()))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return files


def test_a_plan_opened_in_its_own_window_is_a_user_only_copy_in_the_apps_folder(
    tmp_path: Path, templates: DatabaseTemplates, open_window: WindowOpener, qtbot: QtBot, opened: list[Path]
) -> None:
    chair = templates.open_copy(tmp_path / "voorzitter.sqlite", templates.built(make_round))
    package = export_for(chair, BRAM, tmp_path / "pakket.bwp")
    chair.close()
    laptop: Database = templates.open_copy(tmp_path / "laptop.sqlite")
    try:
        open_on(laptop, package, BRAM)
        page = phase_page(open_window(laptop), "Beoordelen", ScoringPage)
        page.work.open_registration(NUMBERS[1])
        documents = page.work.screen.documents
        assert documents.chooser.currentText() == "plan-2.pdf" and documents.open_button.isEnabled()

        qtbot.mouseClick(documents.open_button, Qt.MouseButton.LeftButton)

        [copy] = opened
        assert copy.parent == viewing_copies_dir()
        assert copy.name.startswith("plan-2 (kopie ter inzage ") and copy.suffix == ".pdf"
        assert copy.read_bytes().startswith(b"%PDF")
        if os.name == "posix":
            assert stat.S_IMODE(copy.stat().st_mode) == 0o600
            assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
    finally:
        laptop.close()
