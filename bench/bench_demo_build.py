"""Building a demo round of N providers (without plan PDFs) into an empty database.

    python bench/bench_demo_build.py [--providers 300] [--runs 3]

Prints the median CPU seconds (process time) and wall seconds of build_demo, the floor in the same run (every row
the build stored, its history included, inserted again into an empty database of the same schema with sqlite3's
executemany, one statement per table, and a commit; measured in turn with the build, run after run) and the
ratio. Issue 21 asks for within 3x. The floor makes no event: what the build has above it is mostly the history
itself (each event's canonical JSON and SHA-256, its after column as JSON).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from beoordelaar.core.demo.demo import build_demo
from beoordelaar.core.storage.database import open_database


def _project(empty: Path, folder: Path, providers: int) -> tuple[float, float, Path]:
    path = folder / "demo.sqlite"
    path.parent.mkdir()
    shutil.copy(empty, path)
    db = open_database(path)
    started, wall = time.process_time(), time.perf_counter()
    build_demo(db.sessions, providers=providers, actor="bench")
    elapsed, wall = time.process_time() - started, time.perf_counter() - wall
    db.close()
    return elapsed, wall, path


def _floor(built: Path, empty: Path, folder: Path) -> float:
    target_path = folder / "floor.sqlite"
    target_path.parent.mkdir()
    shutil.copy(empty, target_path)
    source = sqlite3.connect(built)
    target = sqlite3.connect(target_path)
    tables = [name for (name,) in target.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    existing = {t for t in tables if target.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone()}
    stored = {t: source.execute(f"SELECT * FROM {t}").fetchall() for t in tables if t not in existing}
    source.close()
    started = time.process_time()
    target.execute("PRAGMA foreign_keys = OFF")
    with target:
        for table, rows in stored.items():
            if rows:
                target.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)
    elapsed = time.process_time() - started
    target.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--providers", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        empty = folder / "empty.sqlite"
        open_database(empty).close()
        project, floor = [], []
        for run in range(args.runs):  # the build and its floor in turn, so that load falls on both alike
            project.append(_project(empty, folder / f"run-{run}", args.providers))
            floor.append(_floor(project[0][2], empty, folder / f"floor-{run}"))
    ours, wall = statistics.median(p[0] for p in project), statistics.median(p[1] for p in project)
    base = statistics.median(floor)
    print(
        f"demoronde bouwen, {args.providers} aanbieders: {ours:.2f} s CPU ({wall:.2f} s wall); vloer {base:.2f} s "
        f"CPU; verhouding {ours / base:.1f}x"
    )


if __name__ == "__main__":
    main()
