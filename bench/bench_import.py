"""Import speed: 1,000 and 5,000 registrations from a generated xlsx, against pandas reading the same file alone.

Run: python bench/bench_import.py (pandas, the reference, is in the bench extra: pip install ".[bench]")
Targets (issue 3): a 1,000-row xlsx imported in under 2 s end to end; the importer's own work (read, map, check,
plan) at most 1.5 times the time pandas needs just to read the file.
"""

from __future__ import annotations

import sys
import tempfile
import time
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


def bench(n: int, folder: Path) -> None:
    path = folder / f"export-{n}.xlsx"
    generate(path, n)
    pandas_read = best_of(3, lambda: pd.read_excel(path, dtype=str, header=None))
    database = open_database(folder / f"bench-{n}.sqlite")
    try:
        round_id = create_round(database.sessions, name="Bench", framework="ijsselland-2022", actor="bench").id

        def own_work() -> None:
            export = load_export(database.sessions, round_id, path)
            preview_import(database.sessions, round_id, export)

        own = best_of(3, own_work)
        started = time.perf_counter()
        export = load_export(database.sessions, round_id, path)
        result = apply_import(database, round_id, export, actor="bench")
        end_to_end = time.perf_counter() - started
        assert result.as_json()["created"] == n, result.as_json()
        started = time.perf_counter()
        again = apply_import(database, round_id, load_export(database.sessions, round_id, path), actor="bench")
        reimport = time.perf_counter() - started
        assert again.as_json()["unchanged"] == n
    finally:
        database.close()
    print(
        f"{n:>5} rijen: pandas leest {pandas_read:6.2f} s | eigen werk (lezen+koppelen+controleren) {own:6.2f} s "
        f"= {own / pandas_read:4.2f}x pandas | import van begin tot eind {end_to_end:6.2f} s | "
        f"zelfde bestand opnieuw {reimport:6.2f} s"
    )


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        for n in (1_000, 5_000):
            bench(n, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
