"""The proces-verbaal of a demo round of N providers, at two sizes: time and peak memory.

    python bench/bench_report.py [--sizes 300 2000] [--runs 1] [--demos DIR]

For each size it prints the CPU seconds (process time) of write_report and its peak of Python memory (tracemalloc, a
separate run), and the same for the floor: one sqlite3 query for every individual score with its motivation, laid out
by bare reportlab with the same fonts (a heading and one paragraph per score); then the exponents from the smallest
to the largest size. Issue 21 asks for linear time and flat memory (the peak not growing with the round).
"""

from __future__ import annotations

import sqlite3
import tempfile
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from demo_rounds import demo_copy
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate
from scaling import Figure, cpu_seconds, median_of, print_exponent, print_figure, sizes_arguments

from beoordelaar.core.files.fonts import register_fonts
from beoordelaar.core.record.assessment_report import write_report

SCORES = """
SELECT r.number, r.name, c.code, a.name, s.value, s.motivation FROM score_revisions s
JOIN registrations r ON r.id = s.registration_id JOIN criteria c ON c.id = s.criterion_id
JOIN assessors a ON a.id = s.assessor_id ORDER BY r.sequence, c.position, a.name, s.revision
"""


def _floor(path: Path, out: Path) -> None:
    font = register_fonts()
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=12, spaceAfter=4)
    head = ParagraphStyle("head", fontName=font, fontSize=12, leading=16, spaceBefore=8)
    connection = sqlite3.connect(path)
    story, current = [], None
    for number, name, code, assessor, value, motivation in connection.execute(SCORES):
        if number != current:
            story.append(Paragraph(f"{number} – {name}", head))
            current = number
        story.append(Paragraph(f"{code}, {assessor}: {value}. {motivation}", body))
    connection.close()
    SimpleDocTemplate(str(out), pagesize=A4, invariant=1, initialFontName=font).build(story)


def _peak(job: Callable[[], object]) -> float:
    tracemalloc.start()
    job()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return peak


def main() -> None:
    args = sizes_arguments(runs=1)
    times, peaks = [], []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            db, round_id = demo_copy(folder, size, demos=args.demos)

            def ours(run: int, db: object = db, round_id: int = round_id, folder: Path = folder) -> None:
                db.results.clear()  # type: ignore[attr-defined]  # the consolidation is part of the report
                write_report(db, round_id, folder / f"pv-{run}.pdf", actor="bench")  # type: ignore[arg-type]

            def floor(run: int, path: Path = db.path, folder: Path = folder) -> None:
                _floor(path, folder / f"floor-{run}.pdf")

            figure = Figure(size, median_of(args.runs, lambda run: cpu_seconds(lambda: ours(run))),
                            median_of(args.runs, lambda run: cpu_seconds(lambda: floor(run))))  # fmt: skip
            memory = Figure(size, _peak(lambda: ours(99)), _peak(lambda: floor(99)))
            pages = (folder / "pv-0.pdf").read_bytes().count(b"/Type /Page\n")
            db.close()
        times.append(figure)
        peaks.append(memory)
        print_figure(f"proces-verbaal ({pages} pagina's)", figure)
        print_figure("  piekgeheugen", memory, "MiB")
    print_exponent("proces-verbaal, tijd", times)
    print_exponent("proces-verbaal, piekgeheugen", peaks)


if __name__ == "__main__":
    main()
