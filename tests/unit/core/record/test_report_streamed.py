"""The proces-verbaal reads its registrations as the layout reaches them: a batch at a time, and checked whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from beoordelaar.core.decisions.decisions import propose_decisions
from beoordelaar.core.errors import UserError
from beoordelaar.core.record import assessment_report
from beoordelaar.core.record import assessment_report_pdf as pdf
from beoordelaar.core.storage.database import Database
from templates import DemoRound


def test_sections_are_read_a_batch_at_a_time_in_the_round_order(
    db: Database, demo_round: DemoRound, monkeypatch: pytest.MonkeyPatch
) -> None:
    round_id = demo_round(db, providers=7)
    whole = [s.heading for s in assessment_report.gather(db, round_id, actor="t").registrations]
    monkeypatch.setattr(assessment_report._Sections, "BATCH", 3)
    batches: list[int] = []
    read = assessment_report._Sections._batch
    monkeypatch.setattr(
        assessment_report._Sections, "_batch", lambda self, ids: batches.append(len(ids)) or read(self, ids)
    )
    sections = assessment_report.gather(db, round_id, actor="t").registrations
    assert batches == []  # nothing read before the layout asks
    assert [s.heading for s in sections] == whole and len(whole) == 7
    assert batches == [3, 3, 1]


def test_a_change_while_the_report_is_laid_out_leaves_no_report(
    db: Database, demo_round: DemoRound, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    round_id = demo_round(db)
    write = pdf.write

    def changed_meanwhile(report: pdf.AssessmentReport, target: str) -> None:
        write(report, target)
        propose_decisions(db.sessions, round_id, actor="een collega")  # a change to the history

    monkeypatch.setattr(pdf, "write", changed_meanwhile)
    out = tmp_path / "uit" / "pv.pdf"
    out.parent.mkdir()
    with pytest.raises(UserError, match="gewijzigd terwijl het proces-verbaal werd opgemaakt"):
        assessment_report.write_report(db, round_id, out, actor="t")
    assert list(out.parent.iterdir()) == []  # neither the report nor its part
