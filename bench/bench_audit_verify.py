"""`audit verify` on a history of 10,000 and of 100,000 events: time and peak memory against the floor.

    python bench/bench_audit_verify.py [--sizes 10000 100000]

The history is a valid chain of insert events shaped as a round's (a score revision's columns each), appended
directly. For each size it prints the CPU seconds (process time) of verify_history and its peak of Python memory
(tracemalloc, a separate run), and the same for the floor: hashing the same rows read with one sqlite3 cursor. Issue 21
asks for verify within 1.5x of the floor's time and a peak at 100,000 events within 2x of the one at 10,000.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from beoordelaar.core.record.audit_check import verify_history
from beoordelaar.core.storage.audit import GENESIS, _append, event_hash
from beoordelaar.core.storage.database import open_database

START = datetime(2027, 3, 1, 9, 0)


def _event(n: int) -> dict[str, object]:
    at = START + timedelta(seconds=n)
    after = {
        "id": n, "assessor_id": 2, "registration_id": n // 14 + 1, "criterion_id": n % 14 + 1, "revision": 1,
        "value": "3", "source": "return-file", "return_file_id": 1, "scored_at": at.isoformat(),
        "motivation": f"Het plan bij inschrijving {n // 14 + 1} noemt concrete stappen.",
    }  # fmt: skip
    return {"at": at, "actor": "Anna de Vries", "source": "return-file", "action": "insert",
            "entity": "score_revisions", "entity_id": str(n), "before": None, "after": after}  # fmt: skip


def build(path: Path, events: int) -> None:
    db = open_database(path)
    with db.engine.begin() as connection:
        for first in range(0, events, 10_000):
            rows = [_event(n) for n in range(first, min(first + 10_000, events))]
            _append(connection, rows)
    db.close()


def project(path: Path) -> int:
    db = open_database(path)
    check = verify_history(db.sessions)
    db.close()
    assert check.broken is None, check.broken
    return check.count


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


def measure(job: Callable[[Path], int], path: Path) -> tuple[float, float]:
    started = time.process_time()
    job(path)
    seconds = time.process_time() - started
    tracemalloc.start()
    job(path)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    peaks = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "chair.sqlite"
            build(path, size)
            (ours, ours_peak), (base, base_peak) = measure(project, path), measure(floor, path)
        peaks.append(ours_peak)
        print(
            f"audit verify, {size} gebeurtenissen: {ours:.2f} s CPU, piek {ours_peak:.1f} MiB; vloer {base:.2f} s, "
            f"piek {base_peak:.1f} MiB; verhouding {ours / base:.2f}x"
        )
    if len(peaks) > 1:
        print(f"piek bij {args.sizes[-1]} tegen {args.sizes[0]}: {peaks[-1] / peaks[0]:.1f}x")


if __name__ == "__main__":
    main()
