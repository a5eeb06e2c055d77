"""Letters at scale: demo --providers 300, then every letter, the merged PDF and the overview.

    python bench/bench_letters.py [--providers 300] [--db PATH]

Prints seconds and the time per letter as a ratio to reportlab building a bare one-page letter with the same
(embedded DejaVu) fonts; no assertions (targets are read by people: 300 letters under 10 seconds).
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from beoordelaar.core.decisions.letters import letter_blockers, make_letters
from beoordelaar.core.demo.demo import build_demo
from beoordelaar.core.files.fonts import register_fonts
from beoordelaar.core.rounds.rounds import list_rounds
from beoordelaar.core.storage.database import open_database

BARE_TEXT = (
    "Geachte heer, mevrouw, wij laten uw organisatie toe tot de overeenkomst voor de inkoop specialistische "
    "jeugdhulp. Uw inschrijving voldoet aan alle uitsluitingsgronden en geschiktheidseisen. "
)


def bare_letter() -> bytes:
    font = register_fonts()
    style = ParagraphStyle("body", fontName=font, fontSize=10, leading=14, spaceAfter=8)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, invariant=1, initialFontName=font, title="Brief")
    document.build([Paragraph(BARE_TEXT * 2, style) for _ in range(8)])
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--providers", type=int, default=300)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(args.db or Path(tmp) / "bench.sqlite")
        rounds = list_rounds(db.sessions)
        if rounds:
            summary = rounds[-1]
        else:
            started = time.perf_counter()
            summary = build_demo(db.sessions, providers=args.providers, actor="bench")
            print(f"demo {args.providers}: {time.perf_counter() - started:.1f} s")
        bare_letter()  # fonts registered and warm
        started = time.perf_counter()
        for _ in range(50):
            bare_letter()
        bare = (time.perf_counter() - started) / 50
        started = time.perf_counter()
        blockers = letter_blockers(db.sessions, summary.id)
        print(
            f"ready-to-decide check (open items, decisions, settings): {time.perf_counter() - started:.2f} s, "
            f"{len(blockers)} blockers; make_letters runs it once more"
        )
        for attempt in (1, 2):
            started = time.perf_counter()
            result = make_letters(db.sessions, db.documents, summary.id, Path(tmp) / f"out{attempt}", actor="bench")
            elapsed = time.perf_counter() - started
            per_letter = elapsed / len(result.letters)
            pages = sum(1 for _ in result.merged.read_bytes().split(b"/Type /Page\n")) - 1
            print(
                f"run {attempt}: {len(result.letters)} letters + merged ({result.merged.stat().st_size / 1e6:.1f} MB"
                f"{f', {pages} pages' if pages > 0 else ''}) + overview: {elapsed:.2f} s; "
                f"{per_letter * 1000:.1f} ms per letter = {per_letter / bare:.1f} x a bare one-page letter "
                f"({bare * 1000:.1f} ms)"
            )
        db.close()


if __name__ == "__main__":
    main()
