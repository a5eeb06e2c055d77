"""The history of one registration in a demo round of N providers, at two sizes.

    python bench/bench_history.py [--sizes 300 2000] [--runs 3] [--demos DIR]

For each size it prints the CPU milliseconds (process time) of registration_history for the last registration (the
median over the runs of 20 calls each, per call), the floor in the same run (sqlite3 reading the same events by their
ids and parsing their JSON) and the ratio, and for comparison the JSON filter over every event that the history ran
before migration 0020; then the exponents from the smallest to the largest size. One registration's history should
not grow with the round: an exponent near 0.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from argparse import Namespace
from collections.abc import Callable
from pathlib import Path

from demo_rounds import demo_copy
from scaling import Figure, cpu_seconds, median_of, print_exponent, print_figure, sizes_arguments

from beoordelaar.core.record.history import registration_history
from beoordelaar.core.registrations.registrations import list_registrations
from beoordelaar.core.storage.audit_registration import REGISTRATION_TABLES

CALLS = 20

JSON_FILTER = f"""
SELECT id, before, after FROM audit_events WHERE (entity = 'registrations' AND entity_id = :id)
OR (entity IN ({", ".join(f"'{t}'" for t in REGISTRATION_TABLES)}) AND (
    json_extract(after, '$.registration_id') = :registration
    OR json_extract(before, '$.registration_id') = :registration))
ORDER BY id
"""


def _per_call(job: Callable[[], object]) -> float:
    return cpu_seconds(lambda: [job() for _ in range(CALLS)]) / CALLS


def _read(connection: sqlite3.Connection, sql: str, parameters: dict[str, object]) -> None:
    for _id, before, after in connection.execute(sql, parameters):
        json.loads(before) if before else None
        json.loads(after) if after else None


def _measure(folder: Path, size: int, args: Namespace) -> tuple[Figure, float, int]:
    """Ours and the floor per call in ms, the JSON filter of before 0020 in ms, and the number of events."""
    db, round_id = demo_copy(folder, size, demos=args.demos)
    number = list_registrations(db.sessions, round_id)[-1].number
    ids = [e.id for e in registration_history(db.sessions, round_id, number)]
    ours = median_of(args.runs, lambda _: _per_call(lambda: registration_history(db.sessions, round_id, number)))
    connection = sqlite3.connect(db.path)
    by_id = f"SELECT id, before, after FROM audit_events WHERE id IN ({', '.join(map(str, ids))})"
    floor = median_of(args.runs, lambda _: _per_call(lambda: _read(connection, by_id, {})))
    registration = connection.execute("SELECT id FROM registrations WHERE number = ?", (number,)).fetchone()[0]
    parameters = {"id": str(registration), "registration": registration}
    scan = cpu_seconds(lambda: _read(connection, JSON_FILTER, parameters))
    connection.close()
    db.close()
    return Figure(size, ours * 1000, floor * 1000), scan * 1000, len(ids)


def main() -> None:
    args = sizes_arguments()
    figures, scans = [], []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            figure, scan, events = _measure(Path(tmp), size, args)
        figures.append(figure)
        scans.append(Figure(size, scan, figure.floor))
        print_figure(f"geschiedenis van één inschrijving ({events} gebeurtenissen)", figure, "ms CPU")
        print(f"  de JSON-filter van voor 0020: {scan:.1f} ms CPU", flush=True)
    print_exponent("geschiedenis van één inschrijving", figures)
    print_exponent("de JSON-filter van voor 0020", scans)


if __name__ == "__main__":
    main()
