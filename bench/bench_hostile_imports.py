"""Hostile imports: thousands of seeded hostile spreadsheets through read_table (the reader behind the registration,
score-sheet and consensus imports), counted as tried / held / failed.

Run: python bench/bench_hostile_imports.py [cases] [seed]   (default 2,400 cases, seed 22)
Then a tenth of the cases (at most 300) end to end through `beoordelaar import --json` on a fresh round: held when it
imports (exit 0), or exits 1 with a Dutch message naming the file on stderr (or the rows' findings in the JSON) and
the registrations unchanged.
Held: read, or refused with a Dutch message naming the file. Failed: a traceback, an English or technical fragment
of a library in the message, a message that does not name the file, or text read in the wrong encoding (mojibake).
Exits 1 when anything failed.
"""

from __future__ import annotations

import io
import json
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from beoordelaar.cli import main as cli
from hostile_files import ENGLISH, Case, cases, judge  # the generator lives with the tests that use it too


def _table(title: str, tried: Counter[str], held: Counter[str], started: float, failures: list[str]) -> None:
    print(f"{title:<18}{'tried':>8}{'held':>8}{'failed':>8}")
    for kind in sorted(tried):
        print(f"{kind:<18}{tried[kind]:>8}{held[kind]:>8}{tried[kind] - held[kind]:>8}")
    total, kept = sum(tried.values()), sum(held.values())
    print(f"{'total':<18}{total:>8}{kept:>8}{total - kept:>8}   ({time.perf_counter() - started:.1f} s)")
    for line in failures[:20]:
        print(" ", line)


def _quiet_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli(list(args))
    return code, out.getvalue(), err.getvalue()


def _cli_verdict(case: Case, folder: Path, db: Path) -> str | None:
    """None when the command line held, else what went wrong."""
    path = folder / case.name
    path.write_bytes(case.data)

    def registrations() -> int:
        with sqlite3.connect(db) as connection:
            return connection.execute("SELECT count(*) FROM registrations").fetchone()[0]

    before = registrations()
    try:
        code, out, err = _quiet_cli("--db", str(db), "import", "R", str(path), "--json")
    except Exception as exc:
        return f"traceback: {type(exc).__name__}: {exc}"[:200]
    finally:
        path.unlink(missing_ok=True)
    if code == 0:
        return None
    # Refused: the file (a Dutch message on stderr naming it), or its rows (the findings in the JSON, row by row).
    findings = not err and code == 1 and json.loads(out).get("errors")
    if not findings and (code != 1 or case.name not in err or ENGLISH.search(err)):
        return f"exit {code}: {err.strip()[:160]}"
    return None if registrations() == before else "registrations changed by a refused import"


Tally = tuple[Counter[str], Counter[str], list[str]]
"""What a run tried and held, per kind of case, and what failed (one line each)."""


def end_to_end_tally(count: int, seed: int) -> Tally:
    """count cases through `beoordelaar import --json` on a fresh round."""
    tried: Counter[str] = Counter()
    held: Counter[str] = Counter()
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db = folder / "hostile.sqlite"
        code, _, err = _quiet_cli("--db", str(db), "round", "create", "--name", "R", "--framework", "ijsselland-2022")
        assert code == 0, err
        for case in cases(seed + 1, count):
            problem = _cli_verdict(case, folder, db)
            tried[case.kind] += 1
            if problem is None:
                held[case.kind] += 1
            else:
                failures.append(f"{case.kind} ({case.name}): {problem}")
    return tried, held, failures


def read_table_tally(count: int, seed: int) -> Tally:
    """count seeded hostile files through read_table."""
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
    return tried, held, failures


def main(count: int, seed: int) -> int:
    started = time.perf_counter()
    tried, held, failures = read_table_tally(count, seed)
    _table("read_table", tried, held, started, failures)
    print()
    started = time.perf_counter()
    tried, held, failed_cli = end_to_end_tally(min(300, max(1, count // 10)), seed)
    _table("import (cli)", tried, held, started, failed_cli)
    return 1 if failures or failed_cli else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2400, int(sys.argv[2]) if len(sys.argv) > 2 else 22))
