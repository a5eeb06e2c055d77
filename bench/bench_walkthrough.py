"""Timed walkthroughs on the real windows (offscreen): an assessor scoring by keyboard, the chair setting consensus.

    python bench/bench_walkthrough.py assessor [--registrations 20] [--by-criterion]
    python bench/bench_walkthrough.py chair [--providers 250] [--meeting 10]

assessor: a round of N registrations with a plan PDF each, Anna's work package opened on a laptop database, then
the scoring screen driven by keys only as she would: "1" for each check (akkoord), a digit and a motivation of
about 90 characters for each plan criterion, Tab on. Prints the key presses and characters per registration and
the seconds the program took (the person's reading and writing comes on top).

chair: the demo round of N providers with its consensus taken away, the window started on it, Consolideren,
"Eensgezinde cellen bevestigen…" (every cell with a long enough composed motivation confirmed), then the meeting
opened and M disputed cells set by keyboard, and the rest of the cells from a consensus sheet through the window.
Prints seconds per step. No assertions beyond what must hold for the walk to go on.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="walk-settings-")  # never this computer's own choices

from consensus_free import AGREED, consensus_free_demo
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from scoring_round import ANNA, CHAIR, scoring_round
from sqlalchemy import select

from beoordelaar.core.consolidation.consolidation import consolidate_round
from beoordelaar.core.exchange.package_export import export_package
from beoordelaar.core.exchange.package_open import open_package
from beoordelaar.core.scoring.scoring import worklist
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database, open_database
from beoordelaar.ui.consolidation.consolidation_page import ConsolidationPage
from beoordelaar.ui.consolidation.unanimous_dialog import UnanimousDialog
from beoordelaar.ui.main_window import MainWindow
from beoordelaar.ui.phases import PHASES
from beoordelaar.ui.scoring.criterion_scorer import CheckEditor, ScoreEditor
from beoordelaar.ui.scoring.scoring_page import ScoringPage

PASSPHRASE = "trein naar Zwolle"


def wait_until(condition: Callable[[], bool], limit: float = 60.0) -> None:
    """Let Qt run until condition holds (a walk through real windows waits for them, as a person does)."""
    deadline = time.perf_counter() + limit
    while not condition():
        if time.perf_counter() > deadline:
            raise SystemExit("de stap kwam niet klaar binnen de tijd")
        QApplication.processEvents()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def started_window(database: Database, actor: str) -> MainWindow:
    window = MainWindow(database, actor)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    wait_until(window.isActiveWindow)
    return window


def answer_yes() -> None:
    QMessageBox.question = staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Yes)  # type: ignore[method-assign]


# -- the assessor ----------------------------------------------------------------------------------------------------


def walk_as_assessor(registrations: int, by_criterion: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        chair, laptop = open_database(Path(tmp) / "voorzitter.sqlite"), open_database(Path(tmp) / "laptop.sqlite")
        round_id = scoring_round(chair, registrations)
        package = export_package(chair.sessions, chair.documents, round_id, ANNA, Path(tmp) / "anna.bwp",
                                 actor=CHAIR)  # fmt: skip
        open_package(laptop.sessions, laptop.documents, package.file, package.code, passphrase=PASSPHRASE, actor=ANNA)
        laptop_round = laptop.sessions().execute(select(m.Round.id)).scalar_one()
        app = QApplication.instance() or QApplication([])
        started = time.perf_counter()
        window = started_window(laptop, ANNA)
        work = window.pages[[p.title for p in PHASES].index("Beoordelen")]
        assert isinstance(work, ScoringPage)
        screen = work.work.screen
        if by_criterion:
            work.work.show_list()
            work.work.by_criterion_button.setChecked(True)
            first = next(c.code for c in work.work.criterion_model.rows() if not c.complete)
            work.work.open_criterion(first)
        wait_until(lambda: screen.isVisible() and bool(screen.editors) and screen.editors[0].picker.hasFocus())
        print(f"window to the first card: {time.perf_counter() - started:.2f} s")

        presses = characters = cards = 0
        seconds: list[float] = []
        total = worklist(laptop.sessions, laptop_round, ANNA).total

        def unit() -> str:  # what one timing covers: a registration, or a criterion across them
            shown = screen.criterion.code if screen.criterion else None
            return shown if by_criterion and shown else (screen.registration.ref if screen.registration else "")

        current, clock = unit(), time.process_time()
        while cards < total:
            editor = next(e for e in screen.editors if focused() is e.picker or e.isAncestorOf(focused()))
            if isinstance(editor, CheckEditor):
                QTest.keyClick(focused(), Qt.Key.Key_1)
                presses += 1
            else:
                assert isinstance(editor, ScoreEditor)
                ref = screen.registration.ref if screen.registration else ""
                text = f"Bij {editor.code} van {ref}: het plan noemt concrete stappen, resultaten en een netwerk."
                QTest.keyClick(focused(), Qt.Key.Key_4)
                QTest.keyClicks(focused(), text)
                QTest.keyClick(focused(), Qt.Key.Key_Tab)
                presses, characters = presses + 2, characters + len(text)
            cards += 1
            if unit() != current or cards == total:
                now = time.process_time()
                seconds.append(now - clock)
                current, clock = unit(), now
        screen.flush()
        work_done = worklist(laptop.sessions, laptop_round, ANNA)
        assert work_done.done == work_done.total, (work_done.done, work_done.total)
        way = "by criterion" if by_criterion else "by registration"
        print(f"{registrations} registrations scored {way}: {cards} cards, {presses} key presses and {characters} "
              f"characters ({presses / registrations:.1f} presses a registration + the motivations)")  # fmt: skip
        print(f"program CPU time: {sum(seconds):.2f} s in all over {len(seconds)} "
              f"{'criteria' if by_criterion else 'registrations'}, median {statistics.median(seconds):.3f} s, "
              f"slowest {max(seconds):.3f} s (typing simulated at full speed)")  # fmt: skip
        window.close()
        app.processEvents()
        chair.close()
        laptop.close()


# -- the chair -------------------------------------------------------------------------------------------------------


def timed(label: str, step: Callable[[], object]) -> object:
    started = time.perf_counter()
    result = step()
    print(f"{label}: {time.perf_counter() - started:.2f} s")
    return result


def walk_as_chair(providers: int, meeting_cells: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "voorzitter.sqlite"
        database = open_database(path)
        round_id = consensus_free_demo(database, providers, documents=True)
        app = QApplication.instance() or QApplication([])
        answer_yes()
        window = timed("window started", lambda: started_window(database, CHAIR))
        assert isinstance(window, MainWindow)
        page = window.pages[[p.title for p in PHASES].index("Consolideren")]
        assert isinstance(page, ConsolidationPage)

        def to_consolidation() -> None:
            QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
            wait_until(lambda: page.stack.currentWidget() is page.content)

        timed("Consolideren shown (Ctrl+3)", to_consolidation)
        view = page.content

        def listed() -> UnanimousDialog:
            view.open_unanimous()
            dialog = view.findChild(UnanimousDialog)
            assert dialog is not None
            return dialog

        dialog = timed("unanimous cells listed", listed)
        assert isinstance(dialog, UnanimousDialog)
        print(f"  {dialog.summary.text()}")

        def confirmed() -> None:
            QTest.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
            wait_until(lambda: not dialog.isVisible(), limit=600)

        timed("unanimous cells confirmed", confirmed)
        print(f"  {view.message.text()}")

        meeting = view.open_meeting()
        assert meeting is not None
        wait_until(meeting.isVisible)
        meeting.activateWindow()
        wait_until(lambda: meeting.isActiveWindow() and QApplication.focusWidget() is not None)
        editor = meeting.editor  # type: ignore[attr-defined]
        clock = time.perf_counter()
        for _ in range(meeting_cells):
            while meeting._sheet is not None and meeting._sheet.discussed:  # type: ignore[attr-defined]
                QTest.keyClick(focused(), Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # the next registration
            QTest.keyClick(focused(), Qt.Key.Key_3)
            QTest.keyClick(focused(), Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # Citeer motiveringen
            wait_until(lambda: focused() is editor.motivation)
            QTest.keyClicks(editor.motivation, " De commissie kiest voldoende: concreet, maar zonder resultaten.")
            QTest.keyClick(editor.motivation, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        spent = time.perf_counter() - clock
        print(f"meeting: {meeting_cells} cells set by keyboard in {spent:.2f} s ({spent / meeting_cells:.3f} s a cell)")
        meeting.close()

        with database.sessions() as session:
            agreed = {(registration, code) for registration, code in session.execute(
                select(m.ConsensusScore.registration_id, m.Criterion.code)
                .join(m.Criterion, m.Criterion.id == m.ConsensusScore.criterion_id)
            )}  # fmt: skip
        consolidation = consolidate_round(database.sessions, round_id, agreement=False)
        print(f"  {len(agreed)} cells have a consensus score now")
        open_cells = [c for c in consolidation.cells if c.scores and (c.registration, c.criterion) not in agreed]
        numbers = {r.id: r.number for r in consolidation.registrations}
        sheet = Path(tmp) / "consensus.csv"
        with sheet.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out, delimiter=";")
            writer.writerow(["inschrijving", "criterium", "score", "motivering"])
            writer.writerows([numbers[c.registration], c.criterion, format(min(c.scores.values()).normalize(), "f"),
                              AGREED] for c in open_cells)  # fmt: skip
        QFileDialog.getOpenFileName = staticmethod(lambda *_a, **_k: (str(sheet), ""))  # type: ignore[method-assign]
        timed(f"consensus sheet of {len(open_cells)} cells read through the window", view.import_sheet)
        print(f"  {view.message.text()}")
        window.close()
        app.processEvents()
        database.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("who", choices=("assessor", "chair"))
    parser.add_argument("--registrations", type=int, default=20)
    parser.add_argument("--by-criterion", action="store_true")
    parser.add_argument("--providers", type=int, default=250)
    parser.add_argument("--meeting", type=int, default=10)
    args = parser.parse_args()
    if args.who == "assessor":
        walk_as_assessor(args.registrations, args.by_criterion)
    else:
        walk_as_chair(args.providers, args.meeting)


if __name__ == "__main__":
    main()
