"""The round as a spreadsheet (`export`): a demo round of N providers, at two sizes.

    python bench/bench_round_export.py [--sizes 300 2000] [--runs 1] [--demos DIR]

For each size it prints the CPU seconds (process time) of export_round, the floor in the same run (openpyxl alone
writing the very cells of that workbook, sheet by sheet, into a new workbook and saving it) and the ratio; then the
exponent from the smallest to the largest size. Issue 21 asks for linear.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl
from demo_rounds import demo_copy
from scaling import Figure, cpu_seconds, median_of, print_exponent, print_figure, sizes_arguments

from beoordelaar.core.record.round_export import export_round


def _cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(path, read_only=True)
    sheets = {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}
    book.close()
    return sheets


def _floor(sheets: dict[str, list[tuple[object, ...]]], out: Path) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(out)


def main() -> None:
    args = sizes_arguments(runs=1)
    figures = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            db, round_id = demo_copy(folder, size, demos=args.demos)

            def ours(run: int, db: object = db, round_id: int = round_id, folder: Path = folder) -> float:
                db.results.clear()  # type: ignore[attr-defined]  # the consolidation is part of the export
                return cpu_seconds(lambda: export_round(db, round_id, folder / f"ronde-{run}.xlsx"))  # type: ignore[arg-type]

            project = median_of(args.runs, ours)
            sheets = _cells(folder / "ronde-0.xlsx")
            base = median_of(args.runs, lambda run, sheets=sheets, folder=folder: cpu_seconds(
                lambda: _floor(sheets, folder / f"floor-{run}.xlsx")))  # fmt: skip
            db.close()
        figures.append(Figure(size, project, base))
        cells = sum(len(rows) * max((len(r) for r in rows), default=0) for rows in sheets.values())
        print_figure(f"ronde als spreadsheet ({len(sheets)} bladen, ~{cells} cellen)", figures[-1])
    print_exponent("ronde als spreadsheet", figures)


if __name__ == "__main__":
    main()
