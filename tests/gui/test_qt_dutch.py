"""Qt's own buttons and dialogs speak Dutch once the app installed Qt's Dutch translation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from beoordelaar.ui.common.qt_dutch import install_qt_dutch


@pytest.fixture
def dutch(qapp: QApplication) -> Iterator[None]:
    translator = install_qt_dutch(qapp)
    assert translator is not None, "PySide6 ships qtbase_nl.qm in its translations folder"
    assert install_qt_dutch(qapp) is translator  # once only
    yield
    qapp.removeTranslator(translator)  # the other tests keep Qt's defaults
    translator.setObjectName("")
    translator.deleteLater()


def test_message_box_buttons_read_ja_and_nee(dutch: None, qtbot: QtBot, tmp_path: Path) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, "Vraag", "Doorgaan?", QMessageBox.Yes | QMessageBox.No)
    qtbot.addWidget(box)
    box.grab().save(str(tmp_path / "vraag.png"))
    assert box.button(QMessageBox.Yes).text().replace("&", "") == "Ja"
    assert box.button(QMessageBox.No).text().replace("&", "") == "Nee"


def test_standard_dialog_buttons_are_dutch(dutch: None, qtbot: QtBot) -> None:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Save)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Annuleren"
    assert buttons.button(QDialogButtonBox.StandardButton.Save).text().replace("&", "") == "Opslaan"


def test_the_file_dialog_reads_bestandsnaam(dutch: None, qtbot: QtBot) -> None:
    dialog = QFileDialog(None, "Kies een bestand")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert "Bestands&naam:" in labels, labels  # Qt's nl file has "Look in:" but not this dialog's "&Look in:"
