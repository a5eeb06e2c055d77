"""The chair setting consensus for a large round: the unanimous cells confirmed in one step, the rest from a sheet.

    python bench/bench_unanimous.py [--providers 250] [--assessors 3]

A demo round with its consensus scores taken away (the demo sets them), then: listing the unanimous cells,
confirming them, and `consensus-import` of a sheet with every remaining cell. Prints seconds; no assertions.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

from consensus_free import AGREED, consensus_free_demo

from beoordelaar.cli import main as cli
from beoordelaar.core.consolidation.consolidation import consolidate_round
from beoordelaar.core.consolidation.unanimous import Confirmation, confirm_unanimous, unanimous_cells
from beoordelaar.core.storage.database import open_database


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--providers", type=int, default=250)
    parser.add_argument("--assessors", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        db = open_database(path)
        round_id = consensus_free_demo(db, args.providers, args.assessors)

        started = time.perf_counter()
        found = unanimous_cells(db.sessions, round_id)
        listed = time.perf_counter() - started
        short = sum(1 for c in found.cells if c.shortfall)
        print(f"{len(found.cells)} unanimous cells listed in {listed:.2f} s ({short} too short, "
              f"{found.left_out} registrations left out)")  # fmt: skip
        chosen = [Confirmation(c.number, c.code, c.motivation if not c.shortfall else f"{c.motivation}\n{AGREED}")
                  for c in found.cells]  # fmt: skip
        started = time.perf_counter()
        result = confirm_unanimous(db.sessions, round_id, chosen, actor="bench")
        print(f"{result.confirmed} confirmed in {time.perf_counter() - started:.2f} s")

        done = {(c.number, c.code) for c in found.cells}
        numbers = {r.id: r.number for r in consolidate_round(db.sessions, round_id, agreement=False).registrations}
        rest = [(numbers[c.registration], c.criterion, min(c.scores.values()))
                for c in consolidate_round(db.sessions, round_id, agreement=False).cells
                if (numbers[c.registration], c.criterion) not in done and c.scores]  # fmt: skip
        db.close()
        sheet = Path(tmp) / "consensus.csv"
        with sheet.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out, delimiter=";")
            writer.writerow(["inschrijving", "criterium", "score", "motivering"])
            writer.writerows([number, code, format(value.normalize(), "f"), AGREED] for number, code, value in rest)
        started = time.perf_counter()
        code = cli(["--db", str(path), "consensus-import", str(round_id), str(sheet), "--json"])
        print(f"consensus-import of {len(rest)} rows: exit {code} in {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
