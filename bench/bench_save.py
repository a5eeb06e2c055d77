"""One save while an assessor types: the first item of a large worklist against the last, and the floor.

    python bench/bench_save.py [--registrations 300]

A round of N registrations (Anna checks 9 requirements and scores 5 plan criteria of each: 14 N items) on the chair's
database, as on a shared laptop. Prints the median of 20 saves of the first item before anything else is scored, the
same for the last item once every other item is scored, and the floor: an INSERT of the same revision row with
sqlite3. The ratio last/first says whether a save grows with the work done.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from scoring_round import ANNA, scoring_round

from beoordelaar.core.scoring.scoring import save_check, save_score, work_items, worklist
from beoordelaar.core.storage.database import Database, open_database


def _save_times(db: Database, round_id: int, ref: str, code: str, runs: int = 20) -> list[float]:
    times = []
    for run in range(runs):
        text = f"Bij {code} van {ref}: het plan noemt concrete stappen, resultaten en een netwerk ({run})."
        started = time.perf_counter()
        save_score(db.sessions, round_id, ANNA, ref, code, 3 + run % 2, text, actor=ANNA)
        times.append(time.perf_counter() - started)
    return times


def _floor(path: Path, runs: int = 20) -> list[float]:
    connection = sqlite3.connect(path)
    connection.execute(
        "CREATE TABLE t (a INTEGER, b INTEGER, c INTEGER, revision INTEGER, value TEXT, motivation TEXT)"
    )
    times = []
    for run in range(runs):
        started = time.perf_counter()
        with connection:
            connection.execute("INSERT INTO t VALUES (1, 2, 3, ?, '3', 'Bij P1: het plan noemt concrete stappen.')",
                               (run,))  # fmt: skip
        times.append(time.perf_counter() - started)
    connection.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--registrations", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.sqlite")
        round_id = scoring_round(db, args.registrations)
        rows = worklist(db.sessions, round_id, ANNA).rows
        first_ref, last_ref = rows[0].ref, rows[-1].ref
        plan = [
            i.code for i in work_items(db.sessions, round_id, ANNA, first_ref) if i.value is None and i.part == "plan"
        ]
        first = statistics.median(_save_times(db, round_id, first_ref, plan[0]))
        started = time.perf_counter()
        for row in rows:
            for item in work_items(db.sessions, round_id, ANNA, row.ref):
                if (row.ref, item.code) in {(first_ref, plan[0]), (last_ref, plan[-1])}:
                    continue
                if item.part == "plan":
                    save_score(db.sessions, round_id, ANNA, row.ref, item.code, 3,
                               f"Bij {item.code} van {row.ref}: concreet en onderbouwd plan.", actor=ANNA)  # fmt: skip
                else:
                    save_check(db.sessions, round_id, ANNA, row.ref, item.code, "akkoord", actor=ANNA)
        filled = time.perf_counter() - started
        total = worklist(db.sessions, round_id, ANNA).total
        last = statistics.median(_save_times(db, round_id, last_ref, plan[-1]))
        floor = statistics.median(_floor(Path(tmp) / "floor.sqlite"))
        db.close()
    print(f"{args.registrations} registrations, {total} items (the rest filled in {filled:.1f} s)")
    print(f"save of the first item: {first * 1000:.1f} ms; of the last: {last * 1000:.1f} ms "
          f"(last/first {last / first:.2f})")  # fmt: skip
    print(f"floor: {floor * 1000:.2f} ms (first/floor {first / floor:.0f}x)")


if __name__ == "__main__":
    main()
