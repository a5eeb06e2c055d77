"""Start-up: the wall and CPU time from process start to the main window shown with the round's page filled, and the
floor.

    python bench/bench_startup.py [--providers 300 2000] [--runs 5]

Builds a demo round of N providers (each size) once in a temporary folder (its own settings, so the window opens on
that round), then runs, after one run that fills a bytecode cache (as an installed app has one), each in a fresh
subprocess with QT_QPA_PLATFORM=offscreen, --runs times, interleaved so that a change of the machine's load hits each
alike:
  - the app, which prints the time and its process CPU when its opening screen ("Bezig met openen…") is painted, when
    its window is painted with the round ("shown") and once the event loop runs with the database open ("ready": the
    window takes input), and then quits (BEOORDELAAR_QUIT_WHEN_SHOWN, ui/app.py);
  - `beoordelaar --version` and `beoordelaar --help` (to their end);
  - the floor: a bare PySide6 window with a 300-row QTableView, shown, the same way.
Prints the medians (and the range) of wall and CPU, the ratio app/floor, and the load average before and after.
With several --source folders (another checkout's src first, say) each app is run in turn in every round, so that
before and after meet the same load.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
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
    print(f"shown {time.time():.6f} cpu {time.process_time():.6f}", flush=True)
    app.quit()
QTimer.singleShot(0, report)
app.exec()
"""


FLOOR_NAME = "floor (bare 300-row table)"


SOURCE = Path(__file__).resolve().parents[1] / "src"


def _environment(home: Path, source: Path = SOURCE) -> dict[str, str]:
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
    command = [sys.executable, "-m", "beoordelaar", "--db", str(db), "--als", "Voorzitter"]  # built by this checkout
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


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _reported(command: list[str], env: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Seconds from starting command to each '<what> <epoch> cpu <seconds>' line it printed ('opening': the opening
    screen painted, 'shown': the window painted with its page filled, 'ready': the event loop running with the database
    open): the wall, and the process's CPU by then."""
    started = time.time()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    lines = [line.split() for line in result.stdout.splitlines() if line.startswith(("opening ", "shown ", "ready "))]
    if not any(line[0] == "shown" for line in lines):
        raise SystemExit(f"no 'shown' line from {command}:\n{result.stdout}\n{result.stderr}")
    return {line[0]: (float(line[1]) - started, float(line[3])) for line in lines}


def _to_the_end(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU of command run to its end."""
    cpu = _children_cpu()
    started = time.perf_counter()
    subprocess.run(command, env=env, capture_output=True, check=True)
    return time.perf_counter() - started, _children_cpu() - cpu


def _figure(samples: list[tuple[float, float]]) -> str:
    walls, cpus = sorted(w for w, _ in samples), sorted(c for _, c in samples)
    return (
        f"wall {statistics.median(walls):5.2f} ({walls[0]:.2f}-{walls[-1]:.2f})   "
        f"CPU {statistics.median(cpus):5.2f} ({cpus[0]:.2f}-{cpus[-1]:.2f})"
    )


def _load() -> str:
    return " ".join(f"{load:.2f}" for load in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, nargs="+", default=[300])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--source", type=Path, nargs="+", default=[SOURCE], help="the src folders to measure (another checkout's)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as folder:
        homes = {size: Path(folder) / str(size) for size in args.providers}
        for size, home in homes.items():
            _build_round(home, home / "demo.db", size)
        load_before = _load()
        samples: dict[str, list[tuple[float, float]]] = defaultdict(list)
        quit_when_shown = {"BEOORDELAAR_QUIT_WHEN_SHOWN": "1"}
        for run in range(args.runs + 1):  # the first run fills the bytecode caches and is not counted
            measured: dict[str, tuple[float, float]] = {}
            for source in args.source:
                label = f" [{source.parent.name}]" if len(args.source) > 1 else ""
                for size, home in homes.items():
                    app = [sys.executable, "-m", "beoordelaar", "--db", str(home / "demo.db")]
                    reported = _reported(app, _environment(home, source) | quit_when_shown)
                    if "opening" in reported:
                        measured[f"'Bezig met openen…', {size}{label}"] = reported["opening"]
                    measured[f"window shown, {size} providers{label}"] = reported["shown"]
                    if "ready" in reported:
                        measured[f"window ready, {size} providers{label}"] = reported["ready"]
            env = _environment(homes[args.providers[0]], args.source[-1])
            measured[FLOOR_NAME] = _reported([sys.executable, "-c", FLOOR], env)["shown"]
            measured["--version"] = _to_the_end([sys.executable, "-m", "beoordelaar", "--version"], env)
            measured["--help"] = _to_the_end([sys.executable, "-m", "beoordelaar", "--help"], env)
            for name, sample in measured.items():
                if run:
                    samples[name].append(sample)
        load_after = _load()
    floor = statistics.median(w for w, _ in samples[FLOOR_NAME])
    floor_cpu = statistics.median(c for _, c in samples[FLOOR_NAME])
    print(f"start-up, median of {args.runs} runs (range), s; load average {load_before} before, {load_after} after")
    for name, figures in samples.items():
        line = f"  {name:44} {_figure(figures)}"
        if name.startswith("window"):
            wall = statistics.median(w for w, _ in figures)
            cpu = statistics.median(c for _, c in figures)
            line += f"   ratio to the floor: wall {wall / floor:4.1f}x, CPU {cpu / floor_cpu:4.1f}x"
        print(line)


if __name__ == "__main__":
    main()
