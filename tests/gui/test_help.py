"""Help: the guide at the page of the screen shown (F1), the demo round from the menu, the log, About with the
licence, the third-party notices and Qt's About."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from beoordelaar import __version__
from beoordelaar.core.app_log import start_log
from beoordelaar.core.rounds.rounds import list_rounds
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.help.about_dialog import AboutDialog
from beoordelaar.ui.help.guide import PHASE_PAGES, help_dir
from beoordelaar.ui.phases import PHASES
from helpers import MessageBoxes, WindowOpener


def test_every_phase_has_its_page_and_every_link_leads_somewhere() -> None:
    assert set(PHASE_PAGES) == {phase.title for phase in PHASES}
    pages = {path.name for path in help_dir().glob("*.html")}
    assert set(PHASE_PAGES.values()) <= pages
    for page in help_dir().glob("*.html"):
        text = page.read_text(encoding="utf-8")
        for target in text.split('href="')[1:]:
            name = target.split('"')[0].split("#")[0]
            assert name == "" or name in pages, f"{page.name} links to {name}"


def test_f1_opens_the_page_of_the_screen_shown(
    tmp_path: Path, db: Database, open_window: WindowOpener, qtbot: QtBot
) -> None:
    window = open_window()
    window.show_phase([p.title for p in PHASES].index("Consolideren"))
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.help.guide
    assert guide is not None and guide.isVisible()
    assert guide.page() == "consolideren.html"
    text = guide.browser.toPlainText()
    assert "Vlaggen en kleuren" in text
    assert "▲" in text and "▼" in text and "Score ontbreekt" in text
    guide.browser.grab().save(str(tmp_path / "help-consolideren.png"))

    window.activateWindow()
    window.show_phase([p.title for p in PHASES].index("Besluiten"))
    window.help.guide_action.trigger()
    assert guide.page() == "besluiten.html"


def test_the_demo_round_starts_from_the_help_menu(db: Database, open_window: WindowOpener) -> None:
    window = open_window()
    assert window.help.demo_action.isVisible()
    window.help.demo_action.trigger()
    [demo] = list_rounds(db.sessions)
    assert demo.registrations > 0 and demo.decisions > 0
    assert window.round_combo.currentText() == demo.name
    assert "Demoronde" in window.statusBar().currentMessage()


def test_the_log_opens_from_the_help_menu(
    db: Database, open_window: WindowOpener, monkeypatch: pytest.MonkeyPatch, messages: MessageBoxes
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    window = open_window()
    window.help.log_action.trigger()  # the window of a test runs without a started log
    assert messages["information"] and "nog geen logboek" in messages["information"][0]
    app_log = start_log()
    try:
        window.help.log_action.trigger()
    finally:
        app_log.stop()
    assert opened == [str(app_log.path)]


def test_about_has_the_version_the_licence_third_parties_and_qt(
    tmp_path: Path, db: Database, open_window: WindowOpener, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "aboutQt", lambda _parent, title="": shown.append(title))
    window = open_window()
    window.about_action.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None and dialog.windowTitle() == "Over Beoordelaar"
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert tabs == ["&Over", "&Licentie", "Software van &derden"]
    about = dialog.tabs.widget(0).text()
    assert __version__ in about and str(db.path) in about
    assert dialog.licence.toPlainText().startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    notices = dialog.third_party.toPlainText()
    assert "GNU LGPL v3" in notices and "PySide6" in notices and "Qt 6" in notices
    dialog.tabs.setCurrentIndex(2)
    dialog.grab().save(str(tmp_path / "help-about.png"))
    dialog.about_qt.click()
    assert shown == ["Over Qt"]
    dialog.close()
