"""Import speed: 1,000 and 5,000 registrations from a generated xlsx, against pandas reading the same file alone.

Run: python bench/bench_import.py [--sizes 1000 5000] (pandas, the reference, is in the bench extra: pip install
".[bench]")
Targets (issue 3): a 1,000-row xlsx imported in under 2 s end to end; the importer's own work (read, map, check,
plan) at most 1.5 times the time pandas needs just to read the file. Issue 21: the import (load_export and
apply_import, process CPU) within 3x of its floor in the same run: the file read with openpyxl and the same rows
(providers, registrations, lot links, answers, documents) inserted with sqlite3's executemany; and the memory the
import holds while applied (tracemalloc's peak), per row.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import openpyxl
import pandas as pd

from beoordelaar.core.registrations.importing import apply_import, load_export, preview_import
from beoordelaar.core.rounds.rounds import create_round
from beoordelaar.core.storage.database import open_database

HEADERS = [
    "Inschrijvingsnummer", "Naam inschrijver", "KvK-nummer", "Vestigingsnummer", "AGB-code", "Adres", "Postcode",
    "Plaats", "Contactpersoon", "E-mailadres", "Telefoonnummer", "Datum inschrijving", "Percelen",
    "Productcategorieën", "Uitsluitingsgronden van toepassing (UEA deel III)",
    "Gedragsverklaring Aanbesteden bijgevoegd", "Wtza-melding gedaan", "Kwaliteitssysteem",
    "Norm verantwoorde werktoedeling (SKJ/BIG)", "Governancecode Zorg 2022 onderschreven", "Solvabiliteit",
    "Current ratio", "Plan van aanpak normaliseren",
]  # fmt: skip


def generate(path: Path, n: int) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Inschrijvingen")
    sheet.append(["Export inschrijvingen"])
    sheet.append([])
    sheet.append(HEADERS)
    for i in range(1, n + 1):
        sheet.append([
            f"INS-{i:05d}", f"Jeugdhulp {i} B.V.", 10_000_000 + i, f"{100_000_000_000 + i:012d}", f"{75_000_000 + i}",
            f"Dorpsstraat {i}", "8011 AB", "Zwolle", "Renée Öztürk", f"inkoop{i}@voorbeeld.nl", "038-1234567",
            "06-07-2022 14:30", "Perceel 1: Ambulante jeugdhulp; Perceel 3: Dagbehandeling", "45; 41", "Nee", "Ja",
            "Ja", "HKZ", "Ja", "Ja", "0,34", 1.05, f"PvA_{i:05d}.pdf",
        ])  # fmt: skip
    book.save(path)


def best_of(runs: int, job: object) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        job()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return min(times)


# The tables an import writes, in the order their rows depend on each other.
TABLES = ("providers", "registrations", "registration_lots", "declared_answers", "documents")


def _floor(path: Path, imported: Path, empty: Path) -> float:
    """The file read with openpyxl, and the rows the import stored inserted into the empty database again."""
    source = sqlite3.connect(imported)
    stored = {table: source.execute(f"SELECT * FROM {table}").fetchall() for table in TABLES}
    source.close()
    started = time.process_time()
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    assert sum(1 for _ in book.active.iter_rows(values_only=True)) > len(stored["registrations"])
    book.close()
    target = sqlite3.connect(empty)
    with target:
        for table, rows in stored.items():
            marks = ", ".join("?" * len(rows[0]))
            target.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    target.close()
    return time.process_time() - started


def _import_memory(path: Path, empty: Path) -> int:
    """The peak of what apply_import holds (tracemalloc), on a fresh copy of the empty database."""
    database = open_database(empty)
    try:
        export = load_export(database.sessions, 1, path)
        tracemalloc.start()
        apply_import(database, 1, export, actor="bench")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        database.close()


def bench(n: int, folder: Path) -> None:
    path = folder / f"export-{n}.xlsx"
    generate(path, n)
    pandas_read = best_of(3, lambda: pd.read_excel(path, dtype=str, header=None))
    database = open_database(folder / f"bench-{n}.sqlite")
    round_id = create_round(database.sessions, name="Bench", framework="ijsselland-2022", actor="bench").id
    database.close()
    for copy in ("floor", "memory"):
        shutil.copy(folder / f"bench-{n}.sqlite", folder / f"{copy}-{n}.sqlite")
    database = open_database(folder / f"bench-{n}.sqlite")
    try:

        def own_work() -> None:
            export = load_export(database.sessions, round_id, path)
            preview_import(database.sessions, round_id, export)

        own = best_of(3, own_work)
        started, cpu = time.perf_counter(), time.process_time()
        export = load_export(database.sessions, round_id, path)
        result = apply_import(database, round_id, export, actor="bench")
        end_to_end, cpu = time.perf_counter() - started, time.process_time() - cpu
        assert result.as_json()["created"] == n, result.as_json()
        started = time.perf_counter()
        again = apply_import(database, round_id, load_export(database.sessions, round_id, path), actor="bench")
        reimport = time.perf_counter() - started
        assert again.as_json()["unchanged"] == n
    finally:
        database.close()
    floor = _floor(path, folder / f"bench-{n}.sqlite", folder / f"floor-{n}.sqlite")
    peak = _import_memory(path, folder / f"memory-{n}.sqlite")
    print(
        f"{n:>5} rijen: pandas leest {pandas_read:6.2f} s | eigen werk (lezen+koppelen+controleren) {own:6.2f} s "
        f"= {own / pandas_read:4.2f}x pandas | import van begin tot eind {end_to_end:6.2f} s | "
        f"zelfde bestand opnieuw {reimport:6.2f} s\n"
        f"{'':>5} import {cpu:6.2f} s CPU; vloer (openpyxl + executemany) {floor:6.2f} s CPU; verhouding "
        f"{cpu / floor:4.1f}x | geheugen tijdens het toepassen {peak / n / 1024:4.1f} KB per rij"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 5_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            bench(n, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
