"""The Verificatie page as the chair uses it: a record filled, saved and approved by keyboard, the locked record,
the PDF buttons, and the equal-treatment overview."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from beoordelaar.core.consolidation.consensus import consensus_sheet
from beoordelaar.core.consolidation.settlement import requirement_sheet
from beoordelaar.core.rounds.procedure import SettledVerdict
from beoordelaar.core.storage.database import Database
from beoordelaar.core.verification.interview_rules import InterviewStatus
from beoordelaar.core.verification.verification import (
    get_interview,
    list_interviews,
    open_doubts,
    plan_interview,
)
from beoordelaar.ui.main_window import MainWindow
from beoordelaar.ui.phases import PHASES
from beoordelaar.ui.verification.interviews_model import InterviewColumn, approved_text
from beoordelaar.ui.verification.verification_page import VerificationPage
from exchange_round import ANNA, CHAIR, NUMBERS, make_doubted_round, round_id_of
from helpers import FileDialogs, MessageBoxes, focused, phase_page, press, show_main_window
from templates import DatabaseTemplates, DemoCopies

ACTOR = "tester"
PHASE = [p.title for p in PHASES].index("Verificatie")


@pytest.fixture
def doubted(db: Database, templates: DatabaseTemplates) -> Database:
    templates.load(db, templates.built(make_doubted_round))
    return db


def _open(qtbot: QtBot, db: Database) -> tuple[MainWindow, VerificationPage]:
    window = show_main_window(qtbot, db, ACTOR)
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + PHASE), Qt.KeyboardModifier.ControlModifier)  # Ctrl+4
    page = phase_page(window, "Verificatie", VerificationPage)
    qtbot.waitUntil(page.isVisible)
    return window, page


def _reactivate(qtbot: QtBot, window: MainWindow) -> None:
    """The offscreen platform does not give the window its activation back when a dialog closes; a desktop does."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _type(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def _tab(qtbot: QtBot) -> None:
    press(qtbot, Qt.Key.Key_Tab)


def test_a_record_is_planned_filled_saved_and_approved_by_keyboard(qtbot: QtBot, doubted: Database) -> None:
    window, page = _open(qtbot, doubted)
    assert page.doubts.rowCount() == 2
    assert "2 open" in page.doubts_label.text()

    # Plan: Alt+P on the overview, the location typed, Enter.
    page.doubts_view.setFocus()
    qtbot.keyClick(page.doubts_view, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    qtbot.waitUntil(lambda: focused() is dialog.location)  # type: ignore[union-attr]
    _type(qtbot, "Stadhuis Zwolle")
    press(qtbot, Qt.Key.Key_Return)
    editor = page.editor
    qtbot.waitUntil(lambda: page.stack.currentWidget() is editor and editor.isVisible())
    record = editor.record
    assert record is not None and record.status is InterviewStatus.PLANNED and record.location == "Stadhuis Zwolle"
    assert [p.code for p in editor.point_editors] == ["G3", "P2"]

    # Held: the check box, with the date and time (planned by default).
    _reactivate(qtbot, window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.planned)
    for _ in range(5):  # Tab walks the sections day, month, year, hour, minute, then leaves
        _tab(qtbot)
    assert focused() is editor.held_check
    press(qtbot, Qt.Key.Key_Space)
    assert editor.held_check.isChecked() and editor.held.isEnabled()
    _tab(qtbot)
    assert focused() is editor.held
    _type(qtbot, "061020261430")  # a full section moves on to the next by itself
    _tab(qtbot)
    assert editor.held.dateTime().toPython() == datetime(2026, 10, 6, 14, 30)
    assert focused() is editor.location

    # Attendees: Alt+T adds a row; Tab walks name -> role -> side; A chooses Aanbieder, Enter commits.
    press(qtbot, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: editor.attendees.text_delegate.editor is not None)  # a mnemonic clicks after a moment
    _type(qtbot, "P. de Boer")
    _tab(qtbot)
    _type(qtbot, "Directeur")
    _tab(qtbot)
    _type(qtbot, "A")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.attendees.side_delegate.editor is None)
    assert [(a.name, a.role, a.side) for a in editor.attendees.attendees()] == [
        (CHAIR, "Voorzitter beoordelingscommissie", "region"),
        ("P. de Boer", "Directeur", "provider"),
    ]

    # The points, field by field with Tab.
    g3, p2 = editor.point_editors
    assert focused() is editor.attendees.view
    for _ in range(3):  # add, remove, then the first question
        _tab(qtbot)
    assert focused() is g3.question
    assert "de gestelde vraag ontbreekt" in g3.problems.text()
    _type(qtbot, "Wie voert de jeugdhulp uit?")
    _tab(qtbot)
    _type(qtbot, "Alleen SKJ-geregistreerden.")
    _tab(qtbot)
    assert focused() is g3.clarifies
    _type(qtbot, "N")
    assert g3.not_usable.isVisible()  # "Nee": the answer cannot be used
    press(qtbot, Qt.Key.Key_Up)  # "Ja"
    assert not g3.not_usable.isVisible()
    _tab(qtbot)
    _type(qtbot, "Registratieoverzicht")
    _tab(qtbot)
    _type(qtbot, "Ontvangen op 6-10")
    _tab(qtbot)
    assert focused() is g3.outcome
    _type(qtbot, "V")  # Voldoet
    _tab(qtbot)  # the score is only for plan criteria: skipped
    assert focused() is g3.motivation
    _type(qtbot, "Verduidelijkt; de eis is aangetoond.")
    assert g3.problems.text().startswith("Compleet")
    _tab(qtbot)
    assert focused() is p2.question
    _type(qtbot, "Welk netwerk bedoelt u?")
    _tab(qtbot)
    _type(qtbot, "Het eigen netwerk van het gezin.")
    _tab(qtbot)
    _type(qtbot, "J")
    _tab(qtbot)
    _tab(qtbot)
    _tab(qtbot)
    _type(qtbot, "A")  # Aangepast
    assert "de aangepaste score ontbreekt" in p2.problems.text()
    _tab(qtbot)
    assert focused() is p2.score
    _type(qtbot, "4")
    _tab(qtbot)
    _type(qtbot, "Verduidelijkt: de aanpak is sterker dan gedacht.")
    assert p2.problems.text().startswith("Compleet")
    assert editor.dirty

    # Ctrl+S saves.
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not editor.dirty
    saved = get_interview(doubted.sessions, record.id)
    assert saved.status is InterviewStatus.HELD and saved.held_at == datetime(2026, 10, 6, 14, 30)
    assert [p.question for p in saved.points] == ["Wie voert de jeugdhulp uit?", "Welk netwerk bedoelt u?"]
    assert saved.points[1].adjusted_value == Decimal(4)
    assert ("P. de Boer", "provider") in [(a.name, a.side) for a in saved.attendees]

    # Ctrl+Enter asks for the approval; a member present is ticked with Space; Enter approves.
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.approve_dialog is not None and editor.approve_dialog.isVisible())
    approve = editor.approve_dialog
    assert approve.chair.text() == CHAIR  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: focused() is approve.chair)  # type: ignore[union-attr]
    _tab(qtbot)
    assert focused() is approve.members[0]  # type: ignore[union-attr]
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.record is not None and editor.record.locked)
    _reactivate(qtbot, window)

    approved = get_interview(doubted.sessions, record.id)
    assert approved.approvals == (CHAIR, ANNA)
    round_id = round_id_of(doubted)
    g3_row = next(r for r in requirement_sheet(doubted.sessions, round_id, NUMBERS[0]) if r.code == "G3")
    assert [e.verdict for e in g3_row.history] == [SettledVerdict.VERIFY, SettledVerdict.PASS]
    assert g3_row.settled is not None and g3_row.settled.interview_id == record.id
    p2_row = next(c for c in consensus_sheet(doubted.sessions, round_id, NUMBERS[0]).criteria if c.code == "P2")
    assert p2_row.consensus is not None and p2_row.consensus.value == 4
    assert open_doubts(doubted.sessions, round_id) == []
    assert editor.locked_banner.isVisible() and f"door {CHAIR}, met {ANNA}" in editor.locked_banner.text()

    # Back to the overview with Esc: no doubts left, the interview approved.
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.overview)
    assert page.doubts.rowCount() == 0
    assert [r.status for r in page.interviews.rows()] == [InterviewStatus.APPROVED]
    assert window.current_phase() == "Verificatie"


def test_the_approved_record_is_read_only_and_a_correction_is_a_new_revision(
    qtbot: QtBot, db: Database, cached_demo: DemoCopies, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached_demo(db, providers=6, actor=ACTOR)
    _window, page = _open(qtbot, db)
    (record,) = page.interviews.rows()
    editor = page.open_interview(record.id)
    assert editor is not None and editor.record is not None and editor.record.locked
    assert editor.locked_banner.isVisible() and "Goedgekeurd op" in editor.locked_banner.text()
    assert editor.planned.isReadOnly() and editor.location.isReadOnly() and not editor.held_check.isEnabled()
    assert not editor.save_button.isEnabled() and not editor.approve_button.isEnabled()
    assert not editor.attendees.add_button.isEnabled() and not editor.attach_button.isEnabled()
    (point,) = editor.point_editors
    assert point.question.isReadOnly() and point.answer.isReadOnly() and point.motivation.isReadOnly()
    assert not point.outcome.isEnabled() and not point.clarifies.isEnabled()

    # Typing changes nothing; the table does not open an editor; Ctrl+S saves nothing.
    point.question.setFocus()
    _type(qtbot, "extra")
    assert "extra" not in point.question.toPlainText()
    editor.attendees.view.setFocus()
    editor.attendees.view.setCurrentIndex(editor.attendees.model.index(0, 0))
    _type(qtbot, "x")
    assert editor.attendees.text_delegate.editor is None
    assert not editor.dirty
    assert editor.approve() is None

    # Corrigeren (confirmed) opens revision 2, editable again.
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    editor.correct_button.click()
    assert editor.record is not None and editor.record.revision == 2 and not editor.record.locked
    assert not editor.locked_banner.isVisible() and editor.save_button.isEnabled()
    assert not editor.point_editors[0].question.isReadOnly()
    assert [r.revision for r in list_interviews(db.sessions, record.round_id)] == [2]


def test_pdf_buttons_save_and_preview_and_files_are_kept(
    qtbot: QtBot, doubted: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file_dialogs: FileDialogs,
    messages: MessageBoxes,
) -> None:  # fmt: skip
    calls: list[tuple[str, int]] = []
    pdf = _tiny_pdf()
    from beoordelaar.ui.verification import interview_editor

    documents = interview_editor.verification
    monkeypatch.setattr(
        documents, "invitation_pdf", lambda _db, interview_id: calls.append(("invitation", interview_id)) or pdf
    )
    monkeypatch.setattr(
        documents, "report_pdf", lambda _db, interview_id: calls.append(("report", interview_id)) or pdf
    )
    target = tmp_path / "uitnodiging"
    file_dialogs.save_to(target, PDF_FILTER)

    planned = plan_interview(doubted.sessions, round_id_of(doubted), NUMBERS[0],
                             planned_at=datetime(2026, 10, 5, 14, 0), location="Zwolle", actor="v")  # fmt: skip
    _window, page = _open(qtbot, doubted)
    page.refresh()
    editor = page.open_interview(planned.id)
    assert editor is not None
    editor.location.setText("Stadhuis Zwolle")  # unsaved: the PDF button saves first
    editor.invitation_button.click()
    assert calls == [("invitation", planned.id)]
    assert (tmp_path / "uitnodiging.pdf").read_bytes() == pdf
    assert get_interview(doubted.sessions, planned.id).location == "Stadhuis Zwolle"
    qtbot.waitUntil(lambda: editor.preview is not None and editor.preview.isVisible())
    assert editor.preview.loaded and editor.preview.pdf.pageCount() == 1  # type: ignore[union-attr]
    editor.preview.reject()  # type: ignore[union-attr]

    file_dialogs.save_to(None)
    assert editor.save_pdf("report") is None  # cancelled: nothing written
    assert calls[-1] == ("report", planned.id)

    received = tmp_path / "registraties.txt"
    received.write_text("SKJ-registraties", encoding="utf-8")
    messages.answer = QMessageBox.StandardButton.No  # the commission does not state it only clarifies: not kept
    assert not editor.attach_file(received)
    assert "vóór de sluitingstermijn bestond" in messages["question"][-1] and editor.documents.count() == 0
    messages.answer = QMessageBox.StandardButton.Yes
    assert editor.attach_file(received)
    assert [editor.documents.item(i).text() for i in range(editor.documents.count())] == ["registraties.txt"]


def test_marking_a_doubt_from_the_page(qtbot: QtBot, doubted: Database) -> None:
    _window, page = _open(qtbot, doubted)
    dialog = page.mark_doubt()
    assert dialog is not None
    assert dialog.criterion.findData("G1") >= 0  # type: ignore[attr-defined]
    assert dialog.criterion.findData("P2") >= 0  # type: ignore[attr-defined]  # SAS: plan criteria too
    dialog.registration.setCurrentIndex(dialog.registration.findData(NUMBERS[1]))  # type: ignore[attr-defined]
    dialog.criterion.setCurrentIndex(dialog.criterion.findData("G1"))  # type: ignore[attr-defined]
    dialog.accept()  # no reason: refused with the service's message, the dialog stays
    assert dialog.isVisible() and "waarom verificatie nodig is" in dialog.error.text()  # type: ignore[attr-defined]
    reason = dialog.reason  # type: ignore[attr-defined]
    assert isinstance(reason, QPlainTextEdit)
    qtbot.keyClicks(reason, "Het KvK-uittreksel is ouder dan zes maanden.")
    dialog.accept()
    qtbot.waitUntil(lambda: page.dialog is None)
    assert [(d.registration, d.code) for d in page.doubts.rows()] == [
        (NUMBERS[0], "G3"), (NUMBERS[0], "P2"), (NUMBERS[1], "G1"),
    ]  # fmt: skip


def test_equal_treatment_panel_on_the_demo(qtbot: QtBot, db: Database, cached_demo: DemoCopies) -> None:
    cached_demo(db, providers=6, actor=ACTOR)
    _window, page = _open(qtbot, db)
    panel = page.equal
    assert panel.per_lot.text().startswith("Gehouden gesprekken per perceel: perceel ")
    assert panel.model.rowCount() == 1 and not panel.empty.isVisible()
    index = panel.proxy.index(0, 0)
    assert index.data() == "G3"
    assert "SKJ" in panel.proxy.index(0, 2).data()
    assert panel.proxy.index(0, 1).data() == page.interviews.rows()[0].label


def test_the_interviews_table_shows_the_providers_name_whole_beside_a_long_approval(
    qtbot: QtBot, db: Database, cached_demo: DemoCopies
) -> None:
    cached_demo(db, providers=6, actor=ACTOR)
    window, page = _open(qtbot, db)
    window.resize(1366, 768)
    view = page.interviews_view
    qtbot.waitUntil(lambda: view.viewport().width() < 900)  # the equal-treatment panel beside it
    (record,) = page.interviews.rows()
    assert record.approved_at is not None
    provider = view.columnWidth(InterviewColumn.PROVIDER)
    assert provider >= view.fontMetrics().horizontalAdvance(record.label) + 8  # the cell's margins
    approved = page.interviews_proxy.index(0, InterviewColumn.APPROVED)
    assert approved.data(Qt.ItemDataRole.ToolTipRole) == approved.data() == approved_text(record)
    assert sum(view.columnWidth(c) for c in InterviewColumn) <= view.viewport().width()  # no scrolling sideways


PDF_FILTER = "PDF-bestanden (*.pdf)"


def _tiny_pdf() -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
