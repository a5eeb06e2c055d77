"""Which of a registration's documents the app shows first (scoring screen and consensus meeting alike)."""

from __future__ import annotations

from datetime import datetime

from beoordelaar.core.registrations.registration_documents import DocumentRow, document_to_show

NOW = datetime(2026, 3, 1, 10, 0)


def _row(kind: str, name: str, *, missing: bool = False) -> DocumentRow:
    return DocumentRow(1, kind, name, None, None if missing else "ab" * 32, None if missing else 10, NOW)


def test_the_plan_as_a_pdf_first_then_any_pdf_then_what_was_handed_in() -> None:
    plan, other = _row("plan", "PvA.pdf"), _row("bijlage", "Bijlage.pdf")
    assert document_to_show([other, plan]) == 1
    assert document_to_show([_row("plan", "PvA.docx"), other]) == 1
    assert document_to_show([_row("plan", "PvA.pdf", missing=True), other]) == 1  # a missing plan is not shown
    assert document_to_show([_row("bijlage", "a.docx", missing=True), _row("bijlage", "b.docx")]) == 1
    assert document_to_show([]) == -1
