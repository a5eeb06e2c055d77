"""Where pandas could do the app's work, measured against the code that does it: should pandas be a run-time
dependency? (pandas is not one since issue 19: this bench is the why. Install it to run: pip install pandas.)

    python bench/bench_pandas.py [--bidders 2000] [--questions 40]

1. The long-export pivot: a questionnaire export of bidders x questions as read (text cells), into one row per
   bidder with the source row of every cell (core/registrations/long_export.py) vs pandas (DataFrame, first
   answer per bidder and question, the row it came from, the bidders with two different answers).
2. The typed spreadsheet: 10,000 rows of the round export's kind through core/files/safe_xlsx.add_sheet vs
   DataFrame.to_excel (openpyxl underneath; and it writes "=..." texts as live formulas, so it would need a pass
   over every cell afterwards to be safe).
3. The round-wide score table behind consolidation: per registration and criterion the mean, median and spread of
   the assessors' scores, exact (Fractions: 20/3 stays 20/3, as the app requires) vs pandas groupby on floats
   (fast, but 6.666666666666667 is not what a minimum may be tested on), and pandas on the exact Fractions.
4. What `import pandas` costs at start-up, in a fresh interpreter.

Prints seconds; no assertions (targets are read by people, not by tests).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl

from beoordelaar.core.files.safe_xlsx import add_sheet, new_workbook
from beoordelaar.core.files.tables import read_table
from beoordelaar.core.registrations.column_mapping import HeaderIndex
from beoordelaar.core.registrations.long_export import LongShape, Sheet, pivot
from beoordelaar.core.rounds.framework_files import load_framework


def best_of(n: int, job: Callable[[], object]) -> float:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        job()
        times.append(time.perf_counter() - started)
    return min(times)


def long_sheet(bidders: int, questions: int) -> Sheet:
    rows = []
    number = 1
    for b in range(bidders):
        for q in range(questions):
            number += 1
            answer = f"{random.randint(0, 99)},{random.randint(0, 99):02d}" if q % 3 else f"Antwoord {b}-{q}"
            rows.append((number, (f"Zorg {b} BV", f"{10000000 + b:08d}", f"{q + 1}", f"Vraag {q + 1}", answer)))
    headers = ("Inschrijver", "KvK-nummer", "Vraagnummer", "Vraag", "Antwoord")
    return Sheet("bench.xlsx", 1, headers, tuple(rows))


def pandas_pivot(sheet: Sheet) -> object:
    import pandas as pd

    frame = pd.DataFrame([cells for _, cells in sheet.rows], columns=list(sheet.headers))
    frame["rij"] = [number for number, _ in sheet.rows]
    keys = ["Inschrijver", "KvK-nummer", "Vraagnummer", "Vraag"]
    filled = frame[frame["Antwoord"].str.strip() != ""]
    first = filled.drop_duplicates(keys)
    conflicts = filled.groupby(keys)["Antwoord"].nunique()
    wide = first.pivot(index=["Inschrijver", "KvK-nummer"], columns="Vraag", values="Antwoord")
    origin = first.pivot(index=["Inschrijver", "KvK-nummer"], columns="Vraag", values="rij")
    return wide, origin, conflicts[conflicts > 1]


def typed_rows(n: int) -> list[tuple[object, ...]]:
    start = datetime(2026, 8, 15, 9, 0)
    return [
        (f"INS-{i:05d}", f"Zorg {i} BV", f"{10000000 + i:08d}", start + timedelta(minutes=i), i % 7 + 1,
         Fraction(random.randint(1, 50), 3), "=HYPERLINK(\"x\")" if i % 100 == 0 else f"Motivering {i}", "ja")
        for i in range(n)
    ]  # fmt: skip


HEADERS = ("Inschrijving", "Aanbieder", "KvK", "Ingediend", "Rang", "Gemiddelde", "Motivering", "Voldoet")


def write_ours(rows: list[tuple[object, ...]], path: Path) -> None:
    book = new_workbook()
    add_sheet(book, "Blad", HEADERS, rows)
    book.save(path)


def write_pandas(rows: list[tuple[object, ...]], path: Path) -> None:
    import pandas as pd

    frame = pd.DataFrame([(*r[:5], float(r[5]), *r[6:]) for r in rows], columns=list(HEADERS))
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="Blad", index=False, freeze_panes=(1, 0))
        sheet = writer.sheets["Blad"]
        for (cell,) in sheet.iter_rows(min_row=2, min_col=7, max_col=7):  # undo the live formulas
            cell.data_type = "s"
        sheet.auto_filter.ref = sheet.dimensions


def scores(registrations: int, assessors: int, criteria: int) -> list[tuple[int, str, Decimal]]:
    return [
        (r, f"P{c}", Decimal(random.randint(1, 5)))
        for r in range(registrations)
        for c in range(criteria)
        for _ in range(assessors)
    ]


def table_exact(rows: list[tuple[int, str, Decimal]]) -> dict[tuple[int, str], tuple[object, ...]]:
    cells: dict[tuple[int, str], list[Decimal]] = defaultdict(list)
    for registration, code, value in rows:
        cells[(registration, code)].append(value)
    return {
        key: (sum(map(Fraction, v), Fraction(0)) / len(v), statistics.median(v), max(v) - min(v))
        for key, v in cells.items()
    }


def table_pandas(rows: list[tuple[int, str, Decimal]]) -> object:
    import pandas as pd

    frame = pd.DataFrame(rows, columns=["registration", "criterion", "value"])
    frame["value"] = frame["value"].astype(float)
    grouped = frame.groupby(["registration", "criterion"])["value"]
    return grouped.agg(["mean", "median", "min", "max"])


def table_pandas_exact(rows: list[tuple[int, str, Decimal]]) -> object:
    import pandas as pd

    frame = pd.DataFrame(rows, columns=["registration", "criterion", "value"])
    frame["value"] = frame["value"].map(Fraction)
    grouped = frame.groupby(["registration", "criterion"])["value"]
    return grouped.agg([lambda v: sum(v, Fraction(0)) / len(v), "median", "min", "max"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bidders", type=int, default=2000)
    parser.add_argument("--questions", type=int, default=40)
    args = parser.parse_args()
    random.seed(19)
    try:
        import pandas as pd
    except ImportError:
        sys.exit("pandas is not installed (it is not a run-time dependency): pip install pandas")
    print(f"pandas {pd.__version__}")

    sheet = long_sheet(args.bidders, args.questions)
    index = HeaderIndex(load_framework("ijsselland-2022")[0])
    shape = LongShape("Antwoord", "Vraag", "Vraagnummer")
    ours = best_of(3, lambda: pivot(sheet, shape, index))
    theirs = best_of(3, lambda: pandas_pivot(sheet))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "vragenlijst.xlsx"
        book = openpyxl.Workbook(write_only=True)
        written = book.create_sheet("Vragenlijst")
        written.append(list(sheet.headers))
        for _, cells in sheet.rows:
            written.append(list(cells))
        book.save(path)
        reading = best_of(1, lambda: read_table(path))
    print(f"1. pivot {len(sheet.rows):,} rows ({args.bidders} x {args.questions}): "
          f"ours {ours:.2f} s | pandas {theirs:.2f} s (from the same text rows); "
          f"reading that xlsx: {reading:.2f} s")  # fmt: skip

    rows = typed_rows(10_000)
    with tempfile.TemporaryDirectory() as tmp:
        ours = best_of(3, lambda: write_ours(rows, Path(tmp) / "ours.xlsx"))
        theirs = best_of(3, lambda: write_pandas(rows, Path(tmp) / "pandas.xlsx"))
    print(f"2. typed xlsx, 10,000 rows x 8: add_sheet {ours:.2f} s | DataFrame.to_excel {theirs:.2f} s")

    data = scores(2000, 10, 5)
    ours = best_of(3, lambda: table_exact(data))
    theirs = best_of(3, lambda: table_pandas(data))
    exact = best_of(3, lambda: table_pandas_exact(data))
    print(f"3. score table, {len(data):,} scores: exact {ours:.2f} s | pandas on floats {theirs:.2f} s | "
          f"pandas on Fractions {exact:.2f} s")  # fmt: skip

    bare = best_of(3, lambda: subprocess.run([sys.executable, "-c", "pass"], check=True))
    loaded = best_of(3, lambda: subprocess.run([sys.executable, "-c", "import pandas"], check=True))
    print(f"4. start-up: python {bare:.2f} s | python + import pandas {loaded:.2f} s (+{loaded - bare:.2f} s)")


if __name__ == "__main__":
    main()
