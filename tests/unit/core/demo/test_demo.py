"""The demo round holds every part of the workflow."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from beoordelaar.cli import main
from beoordelaar.core.demo.demo import build_demo
from beoordelaar.core.registrations.registrations import list_registrations
from beoordelaar.core.rounds.procedure import Outcome, RoundStatus
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from beoordelaar.core.verification.open_items import open_items


def test_demo_shows_the_whole_workflow(db: Database) -> None:
    summary = build_demo(db.sessions, providers=20, actor="test", documents=db.documents)
    assert summary.registrations == 20
    assert summary.assessors == 5  # three assessors, a reserve and the chair
    assert summary.status is RoundStatus.CONSOLIDATED
    assert not open_items(db.sessions, summary.id)  # every registration has the framework's three assessors
    with db.sessions() as session:
        scores = session.execute(select(m.ScoreRevision)).scalars().all()
        assert all(len(s.motivation) >= 40 for s in scores)
        # one conflict, and the conflicted assessor has no score on that registration
        conflict = session.execute(select(m.ConflictOfInterest)).scalar_one()
        assert not [
            s for s in scores if (s.assessor_id, s.registration_id) == (conflict.assessor_id, conflict.registration_id)
        ]
        # the reserve scores only where the conflict takes an assessor off
        reserve = session.execute(select(m.Assessor).where(m.Assessor.name == "Noor Hoekstra")).scalar_one()
        assert {s.registration_id for s in scores if s.assessor_id == reserve.id} == {conflict.registration_id}
        # a flagged disagreement: spread of at least two scale steps on one criterion
        by_cell: dict[tuple[int, int], list] = {}
        for s in scores:
            by_cell.setdefault((s.registration_id, s.criterion_id), []).append(s.value)
        assert any(max(v) - min(v) >= 2 for v in by_cell.values())
        interview = session.execute(select(m.Interview)).scalar_one()
        assert interview.status == "approved" and interview.points[0].only_clarifies
        resolved = session.execute(
            select(m.RequirementVerdict).where(m.RequirementVerdict.interview_id == interview.id)
        ).scalar_one()
        assert resolved.revision == 2 and resolved.verdict == "akkoord"
        assert session.execute(select(func.count(m.ConsensusScore.id))).scalar_one() == 20 * 5
        plans = session.execute(select(m.Document).where(m.Document.kind == "plan")).scalars().all()
        assert len(plans) == 20 and all(db.documents.has(d.sha256) for d in plans)
        assert db.documents.read_bytes(plans[0].sha256, plans[0].file_name).startswith(b"%PDF")
    outcomes = Counter(row.outcome for row in list_registrations(db.sessions, summary.id))
    assert outcomes[Outcome.ADMIT] > 0 and outcomes[Outcome.REJECT] > 0
    assert outcomes[None] == 0


def test_demo_is_repeatable_and_can_be_added_twice(db: Database) -> None:
    first = build_demo(db.sessions, providers=6, actor="test")
    second = build_demo(db.sessions, providers=6, actor="test")
    assert second.name == f"{first.name} (2)"
    rows1 = list_registrations(db.sessions, first.id)
    rows2 = list_registrations(db.sessions, second.id)
    assert [r.name for r in rows1] == [r.name for r in rows2]
    assert [r.outcome for r in rows1] == [r.outcome for r in rows2]


@pytest.mark.parametrize("providers", [2, 4])
def test_a_small_demo_has_its_second_entry_moment_with_what_it_can_show(
    db_path: Path, providers: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """With few providers there may be no rejected one to apply again: the entry moment shows the cases it has."""
    assert main(["--db", str(db_path), "--als", "Voorzitter", "demo", "--providers", str(providers), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert 1 <= shown["entry_moment"]["registrations"] <= 3
