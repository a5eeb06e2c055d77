"""The plan of approach beside the cards at 1366x768: zoom by keys, buttons and Ctrl+wheel, back to the page's width,
the page shown, and reading on with Alt+PgDown while the motivation keeps the focus and the typing goes on."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from beoordelaar.core.demo.demo_documents import plan_pdf
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.common.plan_view import ZOOM_STEP, PlanView
from beoordelaar.ui.scoring.criterion_scorer import ScoreEditor
from beoordelaar.ui.scoring.scoring_page import ScoringPage
from beoordelaar.ui.scoring.scoring_screen import ScoringScreen
from exchange_round import ANNA, NUMBERS, export_for, open_on
from helpers import WindowOpener, phase_page, press

SECTIONS = [
    (f"{index}. Onderdeel van de aanpak", "De aanbieder werkt samen met het wijkteam. " * 90) for index in range(1, 9)
]


def with_real_plan(chair: Database) -> None:
    """The first registration's plan replaced by a readable PDF of several pages."""
    pdf = plan_pdf("Stichting Aanbieder 1", SECTIONS)
    with unit_of_work(chair.sessions, "test") as session:
        registration = session.query(m.Registration).filter_by(number=NUMBERS[0]).one()
        document = registration.documents[0]
        document.sha256, document.size = chair.documents.add_bytes(pdf), len(pdf)


def plan_screen(chair: Database, laptop: Database, open_window: WindowOpener, tmp_path: Path) -> ScoringScreen:
    with_real_plan(chair)
    open_on(laptop, export_for(chair, ANNA, tmp_path / "anna.bwp"), ANNA)
    window = open_window(laptop, ANNA)
    window.resize(1366, 768)
    page = phase_page(window, "Beoordelen", ScoringPage)
    page.work.open_registration(NUMBERS[0])
    return page.work.screen


def ctrl_wheel(view: PlanView, up: bool) -> None:
    """One notch of the mouse wheel over the plan with Ctrl held."""
    viewport = view.viewport()
    centre = QPointF(viewport.rect().center())
    event = QWheelEvent(
        centre, QPointF(viewport.mapToGlobal(centre.toPoint())), QPoint(), QPoint(0, 120 if up else -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(viewport, event)


def test_the_plan_zooms_shows_its_page_and_scrolls_while_the_motivation_keeps_the_focus(
    chair: Database, laptop: Database, open_window: WindowOpener, qtbot: QtBot, tmp_path: Path
) -> None:
    screen = plan_screen(chair, laptop, open_window, tmp_path)
    pane, view = screen.documents, screen.documents.view
    count = pane.pdf.pageCount()
    assert count >= 4
    assert pane.page_label.text() == f"pagina 1 van {count}"
    assert view.fits_width and pane.fit_button.isChecked() and pane.zoom_label.text() == ""
    fitted = view.shown_zoom()

    card = next(e for e in screen.editors if isinstance(e, ScoreEditor))
    card.picker.setFocus()
    press(qtbot, "4")
    assert card.motivation.hasFocus()
    qtbot.keyClicks(card.motivation, "Op pagina 1 staat")

    press(qtbot, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert not view.fits_width and view.zoomFactor() == pytest.approx(fitted * ZOOM_STEP)
    assert pane.zoom_label.text() == f"{round(fitted * ZOOM_STEP * 100)}%" and not pane.fit_button.isChecked()
    press(qtbot, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoomFactor() == pytest.approx(fitted * ZOOM_STEP**2)
    press(qtbot, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoomFactor() == pytest.approx(fitted * ZOOM_STEP)
    assert card.motivation.hasFocus()  # zooming never took the focus from the motivation
    screen.window().grab().save(str(tmp_path / "plan-zoomed.png"))

    # Reading on: a screenful at a time, the focus stays and the typing goes on in the motivation.
    before = view.verticalScrollBar().value()
    press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)
    assert view.verticalScrollBar().value() == before + view.verticalScrollBar().pageStep()
    assert card.motivation.hasFocus()
    while pane.page_label.text() == f"pagina 1 van {count}":
        press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)
    assert pane.page_label.text() == f"pagina 2 van {count}"
    press(qtbot, Qt.Key.Key_PageUp, Qt.KeyboardModifier.AltModifier)
    assert card.motivation.hasFocus()
    qtbot.keyClicks(card.motivation, " een concreet netwerkplan.")
    assert card.motivation.toPlainText() == "Op pagina 1 staat een concreet netwerkplan."

    again = ScoringScreen(laptop, ANNA)  # as after a restart: the plan as large as the assessor left it
    qtbot.addWidget(again)
    assert not again.documents.view.fits_width
    assert again.documents.view.zoomFactor() == pytest.approx(view.zoomFactor(), abs=0.001)

    press(qtbot, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.fits_width and pane.fit_button.isChecked() and pane.zoom_label.text() == ""

    # The mouse: Ctrl+wheel zooms in steps, the buttons too.
    ctrl_wheel(view, up=True)
    assert view.zoomFactor() == pytest.approx(fitted * ZOOM_STEP)
    ctrl_wheel(view, up=False)
    assert view.zoomFactor() == pytest.approx(fitted)
    pane.zoom_out_button.click()
    assert view.zoomFactor() == pytest.approx(fitted / ZOOM_STEP)
    pane.fit_button.click()
    assert view.fits_width
    assert card.motivation.hasFocus()
