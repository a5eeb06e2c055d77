"""Start-up: the wall time from process start to the main window shown with the round's page filled, and the floor.

    python bench/bench_startup.py [--providers 300] [--runs 5]

Builds a demo round of N providers once in a temporary folder (its own settings, so the window opens on that round),
then runs, after one run that fills a bytecode cache (as an installed app has one), each in a fresh subprocess with
QT_QPA_PLATFORM=offscreen and the median of --runs runs:
  - the app, which prints the time once its window is shown and quits (BEOORDELAAR_QUIT_WHEN_SHOWN, ui/app.py);
  - `beoordelaar --version` and `beoordelaar --help`;
  - the floor: a bare PySide6 window with a 300-row QTableView, shown, the same way.
Prints each figure, the floor and the ratio app/floor.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

FLOOR = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication(sys.argv[:1])
model = QStandardItemModel(0, 6)
for row in range(300):
    model.appendRow([QStandardItem(f"cel {row}.{column}") for column in range(6)])
window = QMainWindow()
view = QTableView()
view.setModel(model)
window.setCentralWidget(view)
window.resize(1200, 800)
window.show()
def report():
    print(f"shown {time.time():.6f}", flush=True)
    app.quit()
QTimer.singleShot(0, report)
app.exec()
"""


def _environment(home: Path) -> dict[str, str]:
    source = Path(__file__).resolve().parents[1] / "src"
    return os.environ | {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": os.pathsep.join([str(source), os.environ.get("PYTHONPATH", "")]),
        # Bytecode cached, as an installed app has it (this machine sets PYTHONDONTWRITEBYTECODE, which would make
        # every run compile the whole app first): a cache of its own in the temporary folder, filled by a first run.
        "PYTHONDONTWRITEBYTECODE": "",
        "PYTHONPYCACHEPREFIX": str(home / "pycache"),
    }


def _build_round(home: Path, db: Path, providers: int) -> None:
    command = [sys.executable, "-m", "beoordelaar", "--db", str(db), "--als", "Voorzitter"]
    subprocess.run(
        [*command, "demo", "--providers", str(providers), "--json"],
        env=_environment(home),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    # The demo adds a small second entry moment after the big round: open the window on the big one (round 1).
    settings = home / "config" / "Beoordelaar" / "Beoordelaar.conf"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("[app]\nworker=Voorzitter\n\n[main_window]\nlast_round=1\n", encoding="utf-8")


def _shown_after(command: list[str], env: dict[str, str]) -> float:
    """Seconds from starting command to its 'shown <epoch>' line."""
    started = time.time()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    shown = [line for line in result.stdout.splitlines() if line.startswith("shown ")]
    if not shown:
        raise SystemExit(f"no 'shown' line from {command}:\n{result.stdout}\n{result.stderr}")
    return float(shown[-1].split()[1]) - started


def _elapsed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, capture_output=True, check=True)
    return time.perf_counter() - started


def _median(measure: Callable[[], float], runs: int) -> float:
    return statistics.median(measure() for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as folder:
        home = Path(folder)
        db = home / "demo.db"
        _build_round(home, db, args.providers)
        env = _environment(home)
        app = [sys.executable, "-m", "beoordelaar", "--db", str(db)]
        _shown_after(app, env | {"BEOORDELAAR_QUIT_WHEN_SHOWN": "1"})  # fills the bytecode cache
        window = _median(lambda: _shown_after(app, env | {"BEOORDELAAR_QUIT_WHEN_SHOWN": "1"}), args.runs)
        version = _median(lambda: _elapsed([*app, "--version"], env), args.runs)
        help_ = _median(lambda: _elapsed([*app, "--help"], env), args.runs)
        floor = _median(lambda: _shown_after([sys.executable, "-c", FLOOR], env), args.runs)
    print(f"start-up, {args.providers} providers, median of {args.runs} (wall, s)")
    print(f"  window shown, round filled  {window:6.2f}")
    print(f"  floor (bare 300-row table)  {floor:6.2f}   ratio {window / floor:5.1f}x")
    print(f"  --version                   {version:6.2f}")
    print(f"  --help                      {help_:6.2f}")


if __name__ == "__main__":
    main()
