"""An assessor's laptop as she meets it: the window offers her own work only (no chair's phase, menu item or button)
and shows her confidentiality declaration and declared conflicts as the chair recorded them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel
from pytestqt.qtbot import QtBot

from beoordelaar.core.storage.database import Database
from beoordelaar.ui.main_window import MainWindow
from beoordelaar.ui.phases import PHASES
from beoordelaar.ui.scoring.scoring_page import ScoringPage
from exchange_round import CHANTAL, NUMBERS, PASSPHRASE, export_for
from helpers import FileDialogs, SecretAnswers, WindowOpener, keyboard_back, phase_page, press

CHAIR_ONLY = ("Nieuwe ronde", "Inschrijvingen importeren", "Inschrijvingen", "Consolideren", "Verificatie", "Besluiten",
              "Documenten", "Ronde hernoemen…", "Ronde verwijderen…")  # fmt: skip


def offered_actions(window: MainWindow) -> list[str]:
    """The texts of every menu item and toolbar button a user can see, without the & of a mnemonic."""
    actions = [a for menu in window.menuBar().actions() if menu.menu() for a in menu.menu().actions()]
    actions += window.toolbar.actions()
    return [a.text().replace("&", "") for a in actions if a.isVisible() and a.text()]


def open_chantal_s_package(
    chair: Database, laptop: Database, open_window: WindowOpener, file_dialogs: FileDialogs, tmp_path: Path,
    qtbot: QtBot, secrets: SecretAnswers,
) -> MainWindow:  # fmt: skip
    package = export_for(chair, CHANTAL, tmp_path / "pakket-chantal.zip")
    window = open_window(laptop, CHANTAL)
    file_dialogs.open_file(package.file)
    secrets.answer({"code": package.code, "passphrase": PASSPHRASE, "repeat": PASSPHRASE})
    window.open_package_action.trigger()
    qtbot.waitUntil(lambda: phase_page(window, "Beoordelen", ScoringPage).work.isVisible())
    keyboard_back(window, qtbot)
    return window


def test_the_laptop_offers_no_chair_page_or_action_and_shows_the_declaration_as_recorded(
    chair: Database, laptop: Database, open_window: WindowOpener, file_dialogs: FileDialogs, tmp_path: Path,
    qtbot: QtBot, secrets: SecretAnswers,
) -> None:  # fmt: skip
    window = open_chantal_s_package(chair, laptop, open_window, file_dialogs, tmp_path, qtbot, secrets)
    assert window.offered_phases() == ["Beoordelen"]
    work = phase_page(window, "Beoordelen", ScoringPage).work
    assert work.stack.currentWidget() is work.screen  # opened: straight on at the first card; Esc to the list
    qtbot.waitUntil(work.screen.editors[0].picker.hasFocus)
    press(qtbot, Qt.Key.Key_Escape)
    visible_rows = [window.navigation.item(i).text() for i in range(window.navigation.count())
                    if not window.navigation.item(i).isHidden()]  # fmt: skip
    assert visible_rows == ["Beoordelen"]
    offered = offered_actions(window)
    assert not [text for text in offered if any(text.endswith(chair_only) for chair_only in CHAIR_ONLY)], offered
    assert "Werkpakket openen…" in offered and "2 Beoordelen" in offered

    def buttons() -> list[str]:
        return [b.text().replace("&", "") for b in window.findChildren(QAbstractButton) if b.isVisible()]

    # The toolbar hides the buttons of hidden actions once the event loop has run.
    qtbot.waitUntil(
        lambda: buttons() == ["Per inschrijving", "Per criterium", "Beoordelen", "Retourbestand maken…", "Inleveren…"]
    )

    for key in (Qt.Key.Key_1, Qt.Key.Key_5, Qt.Key.Key_N, Qt.Key.Key_I):  # the chair's shortcuts do nothing here
        press(qtbot, key, Qt.KeyboardModifier.ControlModifier)
        assert window.current_phase() == "Beoordelen"
        assert not [w for w in window.findChildren(QLabel) if w.isVisible() and w.window() is not window]

    banner = window.findChild(QLabel, "declaration-banner")
    assert banner is not None and banner.isVisible()
    text = banner.text()
    assert "Geheimhoudingsverklaring getekend op" in text and "zoals de voorzitter die heeft vastgelegd" in text
    assert f"{NUMBERS[2]} Stichting Aanbieder 3 – oud-collega" in text and "NIET" not in text
    assert window.findChild(QLabel, "round-info").text() == f"Laptop van {CHANTAL} · Beoordelen"
    assert window.findChild(QLabel, "round-counts").text() == "0 eigen scores"
    window.grab().save(str(tmp_path / "laptop-window.png"))


def test_the_chair_s_window_offers_every_phase_and_no_declaration_banner(
    chair: Database, open_window: WindowOpener
) -> None:
    window = open_window(chair)
    assert window.offered_phases() == [p.title for p in PHASES]
    offered = offered_actions(window)
    assert "Nieuwe ronde…" in offered and "Inschrijvingen importeren…" in offered
    window.show_phase(4)
    assert window.current_phase() == "Besluiten"
    banner = window.scoring_page.findChild(QLabel, "declaration-banner")  # the page made when asked for
    assert banner is not None and not banner.isVisible()
