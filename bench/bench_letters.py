"""Letters at scale: a demo round of N providers, then every letter, the merged PDF and the overview.

    python bench/bench_letters.py [--sizes 300] [--runs 1] [--demos DIR]

For each size it prints the CPU seconds (process time) of make_letters, the floor in the same run (bare reportlab
with the same embedded DejaVu fonts: as many letters of as many pages each, every one as its own PDF, and one PDF
of them all) and the ratio; then the exponent from the smallest to the largest size. Issue 21 asks for within 1.5x,
and the merged PDF made without laying every letter out twice.
"""

from __future__ import annotations

import io
import tempfile
from argparse import Namespace
from collections.abc import Sequence
from pathlib import Path

from demo_rounds import demo_copy
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate
from scaling import Figure, cpu_seconds, median_of, print_exponent, print_figure, sizes_arguments

from beoordelaar.core.decisions.letters import LettersResult, make_letters
from beoordelaar.core.files.fonts import register_fonts

BARE_TEXT = (
    "Geachte heer, mevrouw, wij laten uw organisatie toe tot de overeenkomst voor de inkoop specialistische "
    "jeugdhulp. Uw inschrijving voldoet aan alle uitsluitingsgronden en geschiktheidseisen. "
)


def bare_letters(pages: Sequence[int]) -> bytes:
    """Bare letters of so many pages each (eight paragraphs a page) in one PDF; one letter: a letter of its own."""
    font = register_fonts()
    style = ParagraphStyle("body", fontName=font, fontSize=10, leading=14, spaceAfter=8)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, invariant=1, initialFontName=font, title="Brief")
    story: list = []
    for count in pages:
        for _page in range(count):
            story += [PageBreak()] if story else []
            story += [Paragraph(BARE_TEXT * 2, style) for _ in range(8)]
    document.build(story)
    return buffer.getvalue()


def _pages(pdf: Path) -> int:
    return pdf.read_bytes().count(b"/Type /Page\n")


def _floor(pages: Sequence[int]) -> None:
    for count in pages:
        bare_letters([count])
    bare_letters(pages)


def _measure(folder: Path, size: int, args: Namespace) -> tuple[Figure, int, int]:
    """Ours and the floor, and the number of letters and of pages of the merged PDF."""
    db, round_id = demo_copy(folder, size, demos=args.demos)
    bare_letters([1])  # fonts registered and warm
    results: list[LettersResult] = []

    def ours(run: int) -> float:
        out = folder / f"out-{run}"
        return cpu_seconds(lambda: results.append(make_letters(db.sessions, db.documents, round_id, out, actor="b")))

    project = median_of(args.runs, ours)
    db.close()
    pages = [_pages(letter.file) for letter in results[-1].letters]
    floor = median_of(args.runs, lambda _run: cpu_seconds(lambda: _floor(pages)))
    return Figure(size, project, floor), len(pages), _pages(results[-1].merged)


def main() -> None:
    args = sizes_arguments(default=(300,), runs=1)
    figures = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            figure, letters, pages = _measure(Path(tmp), size, args)
        figures.append(figure)
        print_figure(f"besluitbrieven ({letters} brieven, samengevoegd {pages} pagina's, overzicht)", figure)
    print_exponent("besluitbrieven", figures)


if __name__ == "__main__":
    main()
