"""Consolidation at scale: demo --providers 2000 with 10 assessors, then every figure of `consolidate`.

    python bench/bench_consolidation.py [--providers 2000] [--assessors 10] [--db PATH]

Prints seconds; no assertions (targets are read by people, not by tests). The built-in framework has 5 plan
criteria, so this is 2,000 x 10 x 5 = 100,000 individual scores. With --db an existing database is reused.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from pathlib import Path

from beoordelaar.core.consolidation.consolidation import consolidate_round
from beoordelaar.core.demo.demo import build_demo
from beoordelaar.core.rounds.rounds import list_rounds
from beoordelaar.core.storage.database import open_database


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--providers", type=int, default=2000)
    parser.add_argument("--assessors", type=int, default=10)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(args.db or Path(tmp) / "bench.sqlite")
        rounds = list_rounds(db.sessions)
        if rounds:
            summary = rounds[-1]
        else:
            started = time.perf_counter()
            summary = build_demo(db.sessions, providers=args.providers, assessors=args.assessors, actor="bench")
            elapsed = time.perf_counter() - started
            print(f"demo {args.providers} x {args.assessors}: {elapsed:.1f} s, {summary.scores} scores")
        for attempt in (1, 2, 3):
            db.results.clear()  # measure the computation, not the cache
            started = time.perf_counter()
            result = consolidate_round(db.sessions, summary.id)
            elapsed = time.perf_counter() - started
            flagged = sum(1 for cell in result.cells if cell.flags)
            print(f"consolidate run {attempt}: {elapsed:.2f} s, {len(result.cells)} cells, {flagged} flagged")
        started = time.perf_counter()
        consolidate_round(db.sessions, summary.id)
        print(f"consolidate again, nothing changed (cached by the audit head): {time.perf_counter() - started:.3f} s")
        db.results.clear()
        tracemalloc.start()
        consolidate_round(db.sessions, summary.id)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"consolidate peak Python memory: {peak / 2**20:.0f} MiB")
        db.close()


if __name__ == "__main__":
    main()
