"""`audit verify` on a real round's history of about 10,000 and 100,000 events: time and peak memory against the floor.

    python bench/bench_audit_verify.py [--sizes 10000 100000] [--runs 3] [--demos FOLDER]

The history is a demo round's (bench/demo_rounds.py), of as many providers as make about that many events: every
event has its row in the data tables, so the check is whole (asserted: the chain, the checkpoints and the rows).
For each size it prints the median CPU seconds (process time) of verify_history (on the database opened: opening it
is not the check) and of the floor, measured in turn
(scaling.interleaved_medians), their peaks of Python memory (tracemalloc, a separate run), the ratio and the load
average. The floor is the essential work: the same events read with one sqlite3 cursor, each json.loads'ed,
canonically encoded and hashed with SHA-256, and its link to the one before checked. Issue 21 asks for verify within
1.5x of the floor's time and a peak at 100,000 events within 2x of the one at 10,000.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import tracemalloc
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from demo_rounds import demo_copy
from scaling import cpu_seconds, interleaved_medians, sizes_arguments

from beoordelaar.core.record.audit_check import HistoryCheck, verify_history
from beoordelaar.core.storage.audit import GENESIS, event_hash
from beoordelaar.core.storage.database import open_database

EVENTS_PER_PROVIDER = 76  # a demo round's history, three assessors a registration


def project(path: Path, measure: Callable[[Callable[[], HistoryCheck]], float]) -> float:
    """measure(the check) on the database opened (opening it, with its clean-up of leftovers, is not the check)."""
    db = open_database(path)
    try:
        checks: list[HistoryCheck] = []
        taken = measure(lambda: checks.append(verify_history(db.sessions)))
    finally:
        db.close()
    (check,) = checks
    assert check.intact, (check.broken, check.failed_checkpoints, check.consistency.findings[:3])
    return taken


def floor(path: Path) -> int:
    connection = sqlite3.connect(path)
    prev, count = GENESIS, 0
    for at, actor, source, action, entity, entity_id, before, after, prev_hash, stored in connection.execute(
        "SELECT at, actor, source, action, entity, entity_id, before, after, prev_hash, hash FROM audit_events "
        "ORDER BY id"
    ):
        fields = {
            "at": datetime.fromisoformat(at).isoformat(), "actor": actor, "source": source, "action": action,
            "entity": entity, "entity_id": entity_id, "before": json.loads(before) if before else None,
            "after": json.loads(after) if after else None,
        }  # fmt: skip
        assert prev_hash == prev and event_hash(prev, fields) == stored
        prev, count = stored, count + 1
    connection.close()
    return count


def peak(job: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        job()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def _measured(path: Path, runs: int) -> tuple[int, tuple[float, ...], tuple[float, float]]:
    """The events, the median seconds of the check and of the floor (in turn), and their peaks."""
    seconds = interleaved_medians(
        runs, lambda _run: project(path, cpu_seconds), lambda _run: cpu_seconds(lambda: floor(path))
    )
    return floor(path), seconds, (project(path, peak), peak(lambda: floor(path)))


def main() -> None:
    args = sizes_arguments(default=(10_000, 100_000))
    peaks = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            db, _round_id = demo_copy(Path(tmp), max(2, size // EVENTS_PER_PROVIDER), demos=args.demos)
            path = db.path
            db.close()
            events, (ours, base), (ours_peak, base_peak) = _measured(path, args.runs)
        peaks.append(ours_peak)
        load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
        print(
            f"audit verify, {events} gebeurtenissen: {ours:.3f} s CPU, piek {ours_peak:.1f} MiB; vloer {base:.3f} s, "
            f"piek {base_peak:.1f} MiB; verhouding {ours / base:.2f}x (belasting {load})",
            flush=True,
        )
    if len(peaks) > 1:
        print(f"piek bij {args.sizes[-1]} tegen {args.sizes[0]}: {peaks[-1] / peaks[0]:.2f}x")


if __name__ == "__main__":
    main()
