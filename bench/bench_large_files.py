"""Large exports: a 10,000-row xlsx read by read_table, and a 10,000-row csv (one answer of 6,000 characters) read
and checked by the importer up to its preview. The timing half of tests that used to assert "under 10 s".

Run: python bench/bench_large_files.py
Prints seconds; no assertions (targets are read by people, not by tests). The tests
test_ten_thousand_rows_read_with_progress and test_long_text_and_ten_thousand_rows keep checking what is read.
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
from pathlib import Path

from bench_import import HEADERS, generate

from beoordelaar.core.files.tables import read_table
from beoordelaar.core.registrations.importing import load_export, preview_import
from beoordelaar.core.rounds.rounds import create_round
from beoordelaar.core.storage.database import open_database

ROWS = 10_000
LONG_ANSWER = "Ja, " + "toelichting " * 500


def read_xlsx(folder: Path) -> None:
    path = folder / "groot.xlsx"
    generate(path, ROWS)
    steps: list[int] = []
    started = time.perf_counter()
    table = read_table(
        path, lambda cells: sum(1 for c in cells if c in HEADERS), progress=lambda d, _t: steps.append(d)
    )
    elapsed = time.perf_counter() - started
    assert len(table.rows) == ROWS
    print(f"read_table, {ROWS} rijen xlsx: {elapsed:.2f} s ({len(steps)} voortgangsmeldingen)")


def preview_csv(folder: Path) -> None:
    path = folder / "groot.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADERS)
        for i in range(1, ROWS + 1):
            values = {name: "" for name in HEADERS}
            values.update({"Inschrijvingsnummer": f"INS-{i:05d}", "Naam inschrijver": f"Jeugdhulp {i} B.V.",
                           "KvK-nummer": str(10_000_000 + i), "Plaats": "Zwolle", "Wtza-melding gedaan": "Ja",
                           "Percelen": "Perceel 1: Ambulante jeugdhulp"})  # fmt: skip
            if i == 1:
                values["Wtza-melding gedaan"] = LONG_ANSWER
            writer.writerow(values.values())
    database = open_database(folder / "bench.sqlite")
    try:
        round_id = create_round(database.sessions, name="Bench", framework="ijsselland-2022", actor="bench").id
        started = time.perf_counter()
        export = load_export(database.sessions, round_id, path)
        preview = preview_import(database.sessions, round_id, export)
        elapsed = time.perf_counter() - started
    finally:
        database.close()
    print(
        f"load_export + preview_import, {ROWS} rijen csv met één antwoord van {len(LONG_ANSWER)} tekens: "
        f"{elapsed:.2f} s ({preview.as_json()['created']} nieuw)"
    )


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        read_xlsx(Path(tmp))
        preview_csv(Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
