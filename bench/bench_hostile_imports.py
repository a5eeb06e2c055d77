"""Hostile imports: thousands of seeded hostile spreadsheets through read_table (the reader behind the registration,
score-sheet and consensus imports), counted as tried / held / failed.

Run: python bench/bench_hostile_imports.py [cases] [seed]   (default 2,400 cases, seed 22)
Held: read, or refused with a Dutch message naming the file. Failed: a traceback, an English or technical fragment
of a library in the message, a message that does not name the file, or text read in the wrong encoding (mojibake).
Exits 1 when anything failed.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hostile_files import cases, judge  # the generator lives with the tests that use it too


def main(count: int, seed: int) -> int:
    started = time.perf_counter()
    tried: Counter[str] = Counter()
    held: Counter[str] = Counter()
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        for case in cases(seed, count):
            verdict = judge(case, Path(folder))
            tried[case.kind] += 1
            if verdict.held:
                held[case.kind] += 1
            else:
                failures.append(f"{case.kind} ({case.name}): {verdict.outcome}: {verdict.detail[:160]}")
    print(f"{'soort':<18}{'tried':>8}{'held':>8}{'failed':>8}")
    for kind in sorted(tried):
        print(f"{kind:<18}{tried[kind]:>8}{held[kind]:>8}{tried[kind] - held[kind]:>8}")
    total, kept = sum(tried.values()), sum(held.values())
    print(f"{'total':<18}{total:>8}{kept:>8}{total - kept:>8}   ({time.perf_counter() - started:.1f} s)")
    for line in failures[:20]:
        print(" ", line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2400, int(sys.argv[2]) if len(sys.argv) > 2 else 22))
