"""The record of a round as the chair makes it: the proces-verbaal, the spreadsheet, a dossier, the check of the
history (whole and tampered), a registration's own dialog with its documents, and its history filtered on G3."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from beoordelaar.core.record.audit_check import verify_history
from beoordelaar.core.registrations.registrations import list_registrations
from beoordelaar.core.rounds.rounds import RoundSummary
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.common.table_model import ROW_ROLE
from beoordelaar.ui.decisions.decisions_page import DecisionsPage
from beoordelaar.ui.main_window import MainWindow
from beoordelaar.ui.record.history_dialog import ALL, HistoryDialog
from beoordelaar.ui.record.history_model import HistoryColumn
from beoordelaar.ui.record.record_page import NOT_CHECKED, RecordPage
from beoordelaar.ui.registrations.registration_details_model import MISSING, AnswerColumn, DocumentColumn
from beoordelaar.ui.registrations.registration_dialog import RegistrationDialog
from beoordelaar.ui.registrations.registrations_page import RegistrationsPage
from engines import raw_sql
from helpers import FileDialogs, MessageBoxes, show_main_window, standalone_page
from templates import DemoCopies

ACTOR = "Marieke Jansen"


@pytest.fixture
def demo(db: Database, cached_demo: DemoCopies) -> RoundSummary:
    return cached_demo(db, providers=6, actor=ACTOR, documents=True)


@pytest.fixture
def window(qtbot: QtBot, db: Database, demo: RoundSummary) -> MainWindow:
    return show_main_window(qtbot, db, ACTOR)


@pytest.fixture
def questions(messages: MessageBoxes) -> list[str]:
    """The questions asked; each answered No (do not open the file just saved)."""
    messages.answer = QMessageBox.StandardButton.No
    return messages["question"]


@pytest.fixture
def save_to(file_dialogs: FileDialogs) -> Callable[[Path], None]:
    return file_dialogs.save_to


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []

    def open_url(url: QUrl) -> bool:
        urls.append(url.toLocalFile())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return urls


def _record_page(qtbot: QtBot, window: MainWindow) -> RecordPage:
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    page = window.stack.currentWidget()
    assert isinstance(page, RecordPage) and page.isVisible()
    return page


def test_report_spreadsheet_and_dossier(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, questions: list[str], save_to: Callable[[Path], None]
) -> None:
    page = _record_page(qtbot, window)
    assert page.timeline_model.rowCount() >= 1
    assert page.timeline_model.index(0, 2).data() == "Demoronde aangemaakt"

    save_to(tmp_path / "proces-verbaal")  # no extension: the page adds .pdf
    report = tmp_path / "proces-verbaal.pdf"
    qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(report.exists)
    assert report.read_bytes().startswith(b"%PDF")
    assert questions[-1].startswith("Het proces-verbaal is opgeslagen als") and str(report) in questions[-1]

    overview = tmp_path / "overzicht.xlsx"
    save_to(overview)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(overview.exists)
    assert overview.read_bytes().startswith(b"PK")

    dossier = tmp_path / "dossier-0002.zip"
    save_to(dossier)
    page.registration.lineEdit().clear()
    qtbot.keyClicks(page.registration.lineEdit(), "0002")
    assert page.chosen_registration() == "DEMO-2026-0002"
    page.registration.completer().popup().hide()
    qtbot.mouseClick(page.dossier_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dossier.exists)
    assert dossier.read_bytes().startswith(b"PK")
    assert "DEMO-2026-0002" in questions[-1]


def test_history_check_whole_then_tampered(qtbot: QtBot, db: Database, db_path: Path, window: MainWindow) -> None:
    page = _record_page(qtbot, window)
    assert page.check_result.text() == NOT_CHECKED and not page.hash_row.isVisible()
    expected = verify_history(db.sessions)

    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_check is not None)
    assert f"De geschiedenis is ongeschonden: {expected.count} gebeurtenissen." in page.check_result.text()
    assert page.hash_row.isVisible() and page.head_hash.text() == expected.head
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == expected.head

    with raw_sql(db_path) as connection:
        connection.execute("UPDATE audit_events SET actor='x' WHERE id=5")
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_check is not None and not page.last_check.intact)
    text = page.check_result.text()
    assert "De geschiedenis is aangetast: gebeurtenis 5: inhoud klopt niet met de hash (gewijzigd)." in text
    assert "door x" in text
    assert "color" in page.check_result.styleSheet() and not page.hash_row.isVisible()


def test_enter_on_a_registration_opens_its_answers_documents_and_history(
    qtbot: QtBot, db: Database, demo: RoundSummary, window: MainWindow, opened: list[str]
) -> None:
    registration_id = list_registrations(db.sessions, demo.id)[1].id
    with unit_of_work(db.sessions, ACTOR, source="import") as session:
        session.add(m.Document(registration_id=registration_id, kind="evidence", file_name="HKZ-certificaat.pdf"))
    window.reload_rounds(demo.id)
    page = window.pages[0]
    assert isinstance(page, RegistrationsPage)
    view = page.table.view
    view.setFocus()
    view.setCurrentIndex(page.table.proxy.index(1, 0))
    assert view.currentIndex().data(ROW_ROLE).number == "DEMO-2026-0002"
    qtbot.keyClick(view, Qt.Key.Key_Return)
    dialog = page.registration_dialog
    assert isinstance(dialog, RegistrationDialog)
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Inschrijving DEMO-2026-0002 – Zorggroep Salland"
    assert dialog.field_labels["KvK-nummer"].text() == dialog.details.kvk
    assert "Deventer" in dialog.field_labels["Adres"].text()

    answers = dialog.answers_model
    rows = {answers.index(r, AnswerColumn.CODE).data(): answers.index(r, AnswerColumn.ANSWER).data()
            for r in range(answers.rowCount())}  # fmt: skip
    assert rows["G3"] == "Deels" and rows["U1"] == "Nee" and len(rows) == 9

    documents = dialog.documents_model
    assert documents.rowCount() == 2
    assert documents.index(0, DocumentColumn.NAME).data() == "PvA_normaliseren_0002.pdf"
    assert len(documents.index(0, DocumentColumn.SHA).data()) == 12
    assert documents.index(1, DocumentColumn.SHA).data() == MISSING
    assert dialog.open_buttons[0].isEnabled() and not dialog.open_buttons[1].isEnabled()
    qtbot.mouseClick(dialog.open_buttons[0], Qt.MouseButton.LeftButton)
    assert opened and Path(opened[-1]).is_file()
    assert Path(opened[-1]).name.startswith("PvA_normaliseren_0002 (kopie ter inzage ")

    qtbot.mouseClick(dialog.history_button, Qt.MouseButton.LeftButton)
    history = dialog.history_dialog
    assert isinstance(history, HistoryDialog)
    qtbot.waitExposed(history)
    assert history.criterion.currentText() == ALL
    everything = history.model.rowCount()
    history.criterion.setFocus()
    history.criterion.setCurrentIndex(history.criterion.findData("G3"))
    verdicts = [e for e in history.model.events() if e.entity == "requirement_verdicts"]
    assert 0 < history.model.rowCount() < everything
    assert [e.after["verdict"] for e in verdicts] == ["verificatie-nodig", "akkoord"]  # type: ignore[index]
    assert history.count_label.text() == f"{history.model.rowCount()} gebeurtenissen"
    whats = {history.proxy.index(r, HistoryColumn.CRITERION).data() for r in range(history.proxy.rowCount())}
    assert whats == {"G3"}
    last = history.proxy.rowCount() - 1
    history.view.selectRow(last)
    detail = history.detail.toPlainText()
    assert "Akkoord" in detail and "verificatiegesprek" in detail and "oordeel" in detail
    assert "interview" not in detail and "verificatie-nodig" not in detail  # Dutch words, not stored code words

    qtbot.keyClicks(history.search, "akkoord")
    assert 0 < history.proxy.rowCount() < history.model.rowCount()
    qtbot.keyClick(history, Qt.Key.Key_Escape)
    assert not history.isVisible() and dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_history_from_the_registrations_and_decisions_pages(
    qtbot: QtBot, db: Database, demo: RoundSummary, window: MainWindow
) -> None:
    page = window.pages[0]
    assert isinstance(page, RegistrationsPage)
    page.table.view.setCurrentIndex(page.table.proxy.index(2, 0))
    qtbot.mouseClick(page.history_button, Qt.MouseButton.LeftButton)
    history = page.registration_dialog
    assert isinstance(history, HistoryDialog)
    qtbot.waitExposed(history)
    assert history.registration == "DEMO-2026-0003"
    assert history.model.rowCount() > 10
    history.close()

    decisions = standalone_page(qtbot, DecisionsPage, db, ACTOR)
    decisions.show()
    decisions.set_round(demo)
    assert not decisions.history_button.isEnabled()
    decisions.select("DEMO-2026-0002")
    assert decisions.history_button.isEnabled()
    qtbot.mouseClick(decisions.history_button, Qt.MouseButton.LeftButton)
    assert isinstance(decisions.history_dialog, HistoryDialog)
    qtbot.waitExposed(decisions.history_dialog)
    assert decisions.history_dialog.model.rowCount() > 10
    decisions.history_dialog.close()


def test_without_a_round(qtbot: QtBot, db: Database) -> None:
    page = standalone_page(qtbot, RecordPage, db, ACTOR)
    page.show()
    assert not page.report_button.isEnabled() and not page.export_button.isEnabled()
    assert not page.dossier_button.isEnabled() and page.check_button.isEnabled()
    assert page.timeline_model.rowCount() == 0
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    assert page.last_check is not None and page.last_check.intact
    assert "0 gebeurtenissen" in page.check_result.text()
