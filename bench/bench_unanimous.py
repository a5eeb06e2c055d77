"""The chair setting consensus for a large round: the unanimous cells confirmed in one step, the rest from a sheet.

    python bench/bench_unanimous.py [--providers 250] [--assessors 3]

A demo round with its consensus scores taken away (the demo sets them), then: listing the unanimous cells,
confirming them (`consensus-unanimous --bevestigen` does the same), and `consensus-import` of a sheet with every
remaining cell. Prints process CPU seconds (and wall) of each write beside its floor in the same run: the same
consensus rows inserted, and the same registrations' discussions opened, with sqlite3's executemany and a commit
(for the sheet also read with the csv module). Issue 21 asks for set-based writes; no assertions.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from consensus_free import AGREED, consensus_free_demo

from beoordelaar.cli import main as cli
from beoordelaar.core.consolidation.consolidation import consolidate_round
from beoordelaar.core.consolidation.unanimous import Confirmation, confirm_unanimous, unanimous_cells
from beoordelaar.core.storage.database import open_database

Cell = tuple[str, str, str, str]  # registration number, criterion code, value, motivation


def _floor(path: Path, cells: list[Cell], sheet: Path | None = None) -> tuple[float, float]:
    """Insert these consensus rows and open their registrations' discussions with sqlite3 alone."""
    connection = sqlite3.connect(path)
    registrations = dict(connection.execute("SELECT number, id FROM registrations"))
    criteria = dict(connection.execute("SELECT code, id FROM criteria"))
    started, wall = time.process_time(), time.perf_counter()
    if sheet is not None:
        with sheet.open(newline="", encoding="utf-8") as source:
            cells = [tuple(row) for row in list(csv.reader(source, delimiter=";"))[1:]]  # type: ignore[misc]
    with connection:
        connection.executemany(
            "UPDATE registrations SET consensus_opened_at = '2027-03-01 09:30:00.000000' WHERE id = ?",
            [(registrations[number],) for number in dict.fromkeys(number for number, *_ in cells)],
        )
        connection.executemany(
            "INSERT INTO consensus_scores (registration_id, criterion_id, revision, value, motivation, source, set_by, "
            "set_at) VALUES (?, ?, 1, ?, ?, 'bulk', 'bench', '2027-03-01 09:30:00.000000')",
            [(registrations[number], criteria[code], value, text) for number, code, value, text in cells],
        )
    connection.close()
    return time.process_time() - started, time.perf_counter() - wall


def _print(what: str, ours: tuple[float, float], floor: tuple[float, float]) -> None:
    print(f"{what}: {ours[0]:.2f} s CPU ({ours[1]:.2f} s wall); vloer {floor[0]:.3f} s CPU ({floor[1]:.3f} s wall); "
          f"verhouding {ours[0] / floor[0]:.1f}x", flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--providers", type=int, default=250)
    parser.add_argument("--assessors", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        db = open_database(path)
        round_id = consensus_free_demo(db, args.providers, args.assessors)
        db.close()
        shutil.copy(path, Path(tmp) / "floor.sqlite")
        db = open_database(path)

        started = time.perf_counter()
        found = unanimous_cells(db.sessions, round_id)
        listed = time.perf_counter() - started
        short = sum(1 for c in found.cells if c.shortfall)
        print(f"{len(found.cells)} unanimous cells listed in {listed:.2f} s ({short} too short, "
              f"{found.left_out} registrations left out)")  # fmt: skip
        chosen = [Confirmation(c.number, c.code, c.motivation if not c.shortfall else f"{c.motivation}\n{AGREED}")
                  for c in found.cells]  # fmt: skip
        started, wall = time.process_time(), time.perf_counter()
        result = confirm_unanimous(db.sessions, round_id, chosen, actor="bench")
        confirmed = time.process_time() - started, time.perf_counter() - wall
        values = {(c.number, c.code): format(c.value.normalize(), "f") for c in found.cells}
        cells = [(c.number, c.code, values[(c.number, c.code)], c.motivation) for c in chosen]
        _print(f"{result.confirmed} eensgezinde cellen bevestigd", confirmed, _floor(Path(tmp) / "floor.sqlite", cells))

        done = {(c.number, c.code) for c in found.cells}
        numbers = {r.id: r.number for r in consolidate_round(db.sessions, round_id, agreement=False).registrations}
        rest = [(numbers[c.registration], c.criterion, min(c.scores.values()))
                for c in consolidate_round(db.sessions, round_id, agreement=False).cells
                if (numbers[c.registration], c.criterion) not in done and c.scores]  # fmt: skip
        db.close()
        shutil.copy(path, Path(tmp) / "floor.sqlite")
        sheet = Path(tmp) / "consensus.csv"
        with sheet.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out, delimiter=";")
            writer.writerow(["inschrijving", "criterium", "score", "motivering"])
            writer.writerows([number, code, format(value.normalize(), "f"), AGREED] for number, code, value in rest)
        started, wall = time.process_time(), time.perf_counter()
        code = cli(["--db", str(path), "consensus-import", str(round_id), str(sheet), "--json"])
        imported = time.process_time() - started, time.perf_counter() - wall
        assert code == 0, code
        _print(f"consensus-import van {len(rest)} rijen", imported, _floor(Path(tmp) / "floor.sqlite", [], sheet))


if __name__ == "__main__":
    main()
