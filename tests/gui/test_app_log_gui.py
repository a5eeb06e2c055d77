"""Qt's messages go into the log (and still to pytest-qt, which fails a test on a warning); the crash report names
the log and opens it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import qWarning
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from beoordelaar.core.app_log import start_log
from beoordelaar.ui.common import error_report
from beoordelaar.ui.common.qt_messages import route_qt_messages


@pytest.mark.qt_log_ignore("a warning of Qt's own, for the log")
def test_qt_messages_reach_the_log_and_the_handler_before(qapp: QApplication, qtlog: object) -> None:
    app_log = start_log()
    restore = route_qt_messages()
    try:
        qWarning("a warning of Qt's own, for the log")
    finally:
        restore()
        app_log.stop()
    assert "WARNING beoordelaar.qt: a warning of Qt's own, for the log" in app_log.path.read_text(encoding="utf-8")
    assert [m.message for m in qtlog.records] == ["a warning of Qt's own, for the log"]  # pytest-qt saw it too


def test_the_crash_report_names_the_log_and_opens_it(
    qapp: QApplication, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes: list[QMessageBox] = []
    opened: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        boxes.append(box)
        next(b for b in box.buttons() if b.text() == "&Logboek openen").click()
        return 0

    monkeypatch.setattr(error_report.QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    app_log = start_log()
    try:
        try:
            raise RuntimeError("kapot in een slot")
        except RuntimeError as exc:
            error_report.show_bug_report(type(exc), exc, exc.__traceback__)
    finally:
        app_log.stop()
    [box] = boxes
    assert str(app_log.path) in box.text()
    assert opened == [str(app_log.path)]
    logged = app_log.path.read_text(encoding="utf-8")
    assert "ERROR beoordelaar: Onverwachte fout" in logged and "RuntimeError: kapot in een slot" in logged
