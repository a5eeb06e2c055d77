"""One save while an assessor types: the first item of a large worklist against the last, at two sizes, and the floor.

    python bench/bench_save.py [--sizes 300 2000]

A round of N registrations (Anna checks 9 requirements and scores 5 plan criteria of each: 14 N items) on the chair's
database, as on a shared laptop. For each size it prints the median CPU milliseconds (process time) of 20 saves of
the first item before anything else is scored, the same for the last item once every other item is scored (those
rows written straight, with their history, as the filling is not what is measured), and the floor: an INSERT of the
same revision row with sqlite3 and a commit. The ratio last/first says whether a save grows with the work done; the
exponent of the last save from the smallest to the largest size whether it grows with the round (0: it does not).
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from scaling import Figure, print_exponent, print_figure, sizes_arguments
from scoring_round import ANNA, scoring_round

from beoordelaar.core.rounds.framework import Part
from beoordelaar.core.scoring.scoring import assigned, save_score, worklist
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database, open_database

SAVES = 20


def _save_times(db: Database, round_id: int, ref: str, code: str) -> float:
    times = []
    for run in range(SAVES):
        text = f"Bij {code} van {ref}: het plan noemt concrete stappen, resultaten en een netwerk ({run})."
        started = time.process_time()
        save_score(db.sessions, round_id, ANNA, ref, code, 3 + run % 2, text, actor=ANNA)
        times.append(time.process_time() - started)
    return statistics.median(times) * 1000


def _fill_all_but(db: Database, skipped: set[tuple[str, str]]) -> None:
    with unit_of_work(db.sessions, ANNA) as session:
        rnd = session.query(m.Round).one()
        assessor = session.query(m.Assessor).filter_by(name=ANNA).one()
        criteria = {c.id: c for c in rnd.framework.criteria}
        numbers = dict(session.query(m.Registration.id, m.Registration.number))
        for registration_id, criterion_id in sorted(assigned(session, assessor.id)):
            criterion = criteria[criterion_id]
            if (numbers[registration_id], criterion.code) in skipped:
                continue
            common = {"assessor_id": assessor.id, "registration_id": registration_id, "criterion_id": criterion_id}
            if criterion.part == Part.PLAN.value:
                text = f"Bij {criterion.code} van {numbers[registration_id]}: concreet en onderbouwd plan."
                session.add(m.ScoreRevision(**common, revision=1, value=Decimal(3), motivation=text, source="app"))
            else:
                session.add(m.CheckRevision(**common, revision=1, verdict="akkoord", note="", source="app"))


def _floor(path: Path) -> float:
    connection = sqlite3.connect(path)
    connection.execute(
        "CREATE TABLE t (a INTEGER, b INTEGER, c INTEGER, revision INTEGER, value TEXT, motivation TEXT)"
    )
    times = []
    for run in range(SAVES):
        started = time.process_time()
        with connection:
            connection.execute("INSERT INTO t VALUES (1, 2, 3, ?, '3', 'Bij P1: het plan noemt concrete stappen.')",
                               (run,))  # fmt: skip
        times.append(time.process_time() - started)
    connection.close()
    return statistics.median(times) * 1000


def _measure(folder: Path, size: int) -> tuple[Figure, Figure, int]:
    db = open_database(folder / "bench.sqlite")
    round_id = scoring_round(db, size)
    rows = worklist(db.sessions, round_id, ANNA).rows
    first_ref, last_ref = rows[0].ref, rows[-1].ref
    plan = _plan_codes(db)
    first = _save_times(db, round_id, first_ref, plan[0])
    _fill_all_but(db, {(first_ref, plan[0]), (last_ref, plan[-1])})
    total = worklist(db.sessions, round_id, ANNA).total
    last = _save_times(db, round_id, last_ref, plan[-1])
    floor = _floor(folder / "floor.sqlite")
    db.close()
    return Figure(size, first, floor), Figure(size, last, floor), total


def _plan_codes(db: Database) -> list[str]:
    with db.sessions() as session:
        rnd = session.query(m.Round).one()
        return [c.code for c in rnd.framework.criteria if c.part == Part.PLAN.value]


def main() -> None:
    args = sizes_arguments()
    lasts = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            first, last, total = _measure(Path(tmp), size)
        lasts.append(last)
        print_figure(f"opslaan, eerste van {total} onderdelen", first, "ms CPU")
        print_figure(f"opslaan, laatste van {total} onderdelen", last, "ms CPU")
        print(f"  laatste/eerste {last.ours / first.ours:.2f}", flush=True)
    print_exponent("opslaan, laatste onderdeel", lasts)


if __name__ == "__main__":
    main()
