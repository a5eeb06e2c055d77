"""What the chair enters for the proces-verbaal on the Documenten page: the procedure's facts (a bad date refused
beside the field, nothing changed), a registration's consensus meeting, and the commission's approval."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from beoordelaar.core.record.api import procedure_facts
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.main_window import MainWindow
from beoordelaar.ui.record.record_forms import ApprovalDialog, ConsensusMeetingDialog, ProcedureFactsDialog
from beoordelaar.ui.record.record_page import RecordPage
from helpers import show_main_window
from templates import DemoCopies

ACTOR = "Marieke Jansen"


@pytest.fixture
def page(qtbot: QtBot, db: Database, cached_demo: DemoCopies, amsterdam: None) -> RecordPage:
    cached_demo(db, providers=3, actor=ACTOR)
    window: MainWindow = show_main_window(qtbot, db, ACTOR)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    found = window.stack.currentWidget()
    assert isinstance(found, RecordPage) and found.isVisible()
    return found


def _ok(qtbot: QtBot, dialog: object) -> None:
    buttons = dialog.findChild(QDialogButtonBox)  # type: ignore[attr-defined]
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_the_procedure_facts_are_entered_once_and_a_bad_date_changes_nothing(
    qtbot: QtBot, page: RecordPage, db: Database, tmp_path: Path
) -> None:
    qtbot.mouseClick(page.facts_button, Qt.MouseButton.LeftButton)
    dialog = page.last_form
    assert isinstance(dialog, ProcedureFactsDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.published, "31-02-2026")
    qtbot.keyClicks(dialog.publication, "TenderNed, kenmerk 412345")
    qtbot.keyClicks(dialog.deadline, "31-08-2026 12:00")
    dialog.received.setValue(9)
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "Publicatie: '31-02-2026' is geen datum" in dialog.error.text()
    assert not procedure_facts(db.sessions, 1).entered
    dialog.published.clear()
    qtbot.keyClicks(dialog.published, "01-06-2026")
    qtbot.keyClicks(dialog.late, "Geen.")
    dialog.grab().save(str(tmp_path / "feiten.png"))  # looked at by hand: the form with its fields
    _ok(qtbot, dialog)
    assert not dialog.isVisible()
    facts = procedure_facts(db.sessions, 1)
    assert facts.published_on.isoformat() == "2026-06-01" and facts.bids_received == 9
    assert facts.deadline is not None and facts.deadline.isoformat() == "2026-08-31T10:00:00"  # 12:00 CEST in UTC
    assert facts.late_bids == "Geen." and facts.entered_by == ACTOR
    qtbot.mouseClick(page.facts_button, Qt.MouseButton.LeftButton)  # opened again: the facts as entered
    again = page.last_form
    assert isinstance(again, ProcedureFactsDialog)
    assert again.deadline.text() == "31-08-2026 12:00" and again.received.value() == 9
    again.reject()


def test_a_consensus_meeting_and_the_approval(qtbot: QtBot, page: RecordPage, db: Database) -> None:
    qtbot.mouseClick(page.meeting_button, Qt.MouseButton.LeftButton)
    meeting = page.last_form
    assert isinstance(meeting, ConsensusMeetingDialog)
    assert all(box.isChecked() for box in meeting.members)
    _ok(qtbot, meeting)
    assert meeting.isVisible() and "ten minste 20 tekens" in meeting.error.text()
    meeting.members[-1].setChecked(False)
    qtbot.keyClicks(meeting.summary, "P1 besproken; de hoge score woog een passage over een ander perceel mee.")
    _ok(qtbot, meeting)
    assert not meeting.isVisible()
    with db.sessions() as session:
        row = session.query(m.ConsensusDiscussion).one()
        assert row.recorded_by == ACTOR and len(row.attendees) == len(meeting.members) - 1

    qtbot.mouseClick(page.approval_button, Qt.MouseButton.LeftButton)
    approval = page.last_form
    assert isinstance(approval, ApprovalDialog)
    approval.members[1].setChecked(True)
    _ok(qtbot, approval)
    assert not approval.isVisible()
    with db.sessions() as session:
        approved = session.query(m.ReportApproval).one()
        assert approved.approved_by == ACTOR and approved.members == [approval.members[1].property("member")]
        assert session.query(m.AuditCheckpoint).filter_by(milestone="report-approved").count() == 1
