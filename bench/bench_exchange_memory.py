"""Peak memory of the exchange: a work package of 60 plans of 3 MB against one of 60 plans of 10 KB, exported at the
chair and opened on a laptop, each step in its own process (its peak resident size, ru_maxrss), with its time.

Run: python bench/bench_exchange_memory.py [--plans 60] [--megabytes 3]
Prints figures; no assertions. Issue 13 asks that a large package opens in the same memory as a small one.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASSPHRASE = "bench-wachtwoord"


def build_chair(path: Path, plans: int, size: int) -> None:
    from beoordelaar.core.commission.assessors import add_assessor
    from beoordelaar.core.commission.assignments import assign_defaults
    from beoordelaar.core.commission.declarations import declare_conflict_statement
    from beoordelaar.core.rounds.rounds import create_round, find_round
    from beoordelaar.core.storage import models as m
    from beoordelaar.core.storage.audit import unit_of_work
    from beoordelaar.core.storage.database import open_database

    db = open_database(path)
    round_id = create_round(db.sessions, name="Bench", framework="ijsselland-2022", actor="bench").id
    with unit_of_work(db.sessions, "bench") as session:
        rnd = find_round(session, round_id)
        for index in range(1, plans + 1):
            plan = b"%PDF-1.4\n" + os.urandom(size)  # incompressible, as a scanned plan is
            session.add(
                m.Registration(
                    round=rnd, provider=m.Provider(kvk=f"{10_000_000 + index}", name=f"Aanbieder {index}"),
                    number=f"INS-{index:03d}", sequence=index, name=f"Aanbieder {index}", answers=[],
                    documents=[m.Document(kind="plan", file_name=f"plan-{index}.pdf", size=len(plan),
                                          sha256=db.documents.add_bytes(plan))],
                )
            )  # fmt: skip
    for name in ("Anna", "Bram"):
        add_assessor(db.sessions, round_id, name, confidentiality_declared=True, actor="bench")
        declare_conflict_statement(db.sessions, round_id, name, actor="bench")
    assign_defaults(db.sessions, round_id, actor="bench")
    db.close()


def step(name: str, chair: Path, laptop: Path, package: Path, code_file: Path) -> None:
    """One step in this process; prints its seconds and peak resident size."""
    from beoordelaar.core.exchange.package_export import export_package
    from beoordelaar.core.exchange.package_open import open_package
    from beoordelaar.core.rounds.rounds import list_rounds
    from beoordelaar.core.storage.database import open_database

    started = time.perf_counter()
    if name == "export":
        db = open_database(chair)
        round_id = next(r.id for r in list_rounds(db.sessions))
        summary = export_package(db.sessions, db.documents, round_id, "Anna", package, actor="bench")
        code_file.write_text(summary.code)
    else:
        db = open_database(laptop)
        open_package(db.sessions, db.documents, package, code_file.read_text(), passphrase=PASSPHRASE, actor="Anna")
    elapsed = time.perf_counter() - started
    db.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{elapsed:.2f} {peak:.0f}")


def measure(folder: Path, plans: int, size: int) -> dict[str, tuple[float, float]]:
    chair, laptop = folder / "chair.sqlite", folder / "laptop" / "laptop.sqlite"
    package, code = folder / "anna.bwp", folder / "code.txt"
    build_chair(chair, plans, size)
    figures = {}
    for name in ("export", "open"):
        done = subprocess.run(
            [sys.executable, __file__, "--step", name, str(chair), str(laptop), str(package), str(code)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        seconds, peak = done.stdout.split()
        figures[name] = (float(seconds), float(peak))
    figures["size"] = (package.stat().st_size / 2**20, 0.0)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=60)
    parser.add_argument("--megabytes", type=float, default=3)
    parser.add_argument("--step", nargs=5, metavar=("STEP", "CHAIR", "LAPTOP", "PACKAGE", "CODE"))
    args = parser.parse_args()
    if args.step:
        name, *paths = args.step
        step(name, *(Path(p) for p in paths))
        return
    for label, size in (("klein", 10 * 1024), ("groot", int(args.megabytes * 2**20))):
        with tempfile.TemporaryDirectory() as tmp:
            figures = measure(Path(tmp), args.plans, size)
        print(
            f"{label}: {args.plans} plannen van {size / 2**20:.2f} MB, werkpakket {figures['size'][0]:.1f} MB; "
            f"exporteren {figures['export'][0]:.2f} s, piek {figures['export'][1]:.0f} MB; "
            f"openen {figures['open'][0]:.2f} s, piek {figures['open'][1]:.0f} MB"
        )


if __name__ == "__main__":
    main()
