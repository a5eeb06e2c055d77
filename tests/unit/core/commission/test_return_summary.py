"""What a return file's import did, in one Dutch sentence for the window and the command line alike."""

from __future__ import annotations

from dataclasses import replace

from beoordelaar.core.exchange.returns import ALREADY_IMPORTED, MERGED, SUPERSEDED, ReturnImportResult

MERGED_RESULT = ReturnImportResult("Anna de Vries", "Jeugdhulp 2026", 2, scores=15, checks=27, unchanged=3,
                                   status=MERGED)  # fmt: skip


def test_each_outcome_reads_in_dutch_without_the_english_status() -> None:
    assert MERGED_RESULT.summary == (
        "samengevoegd – Anna de Vries (revisie 2): 15 scores en 27 toetsingen nieuw of gewijzigd, 3 ongewijzigd."
    )
    assert replace(MERGED_RESULT, status=ALREADY_IMPORTED).summary.startswith("al eerder ingelezen – Anna de Vries")
    superseded = replace(MERGED_RESULT, status=SUPERSEDED).summary
    assert superseded.startswith("verouderd – Anna de Vries (revisie 2) is ouder")
    assert all(word not in superseded for word in (MERGED, ALREADY_IMPORTED, SUPERSEDED))
