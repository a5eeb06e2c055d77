"""A set-based write of scores and checks (a merged return file) leaves the very rows and history that saving them one
by one leaves: the same revisions, the same audit events in the same order, with the same hashes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from beoordelaar.core.rounds.framework import Part
from beoordelaar.core.rounds.procedure import CheckVerdict
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.scoring.scoring import WorkBatch, assigned, latest_scores, record_check, record_score
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import insert_audited, unit_of_work
from beoordelaar.core.storage.database import Database
from exchange_round import ANNA
from same_history import freeze_clock, stored_history
from templates import DatabaseTemplates


def _write(db: Database, round_id: int, batched: bool) -> None:
    """Anna's work: a draft, then a score or check of every item she got (one score the same as before)."""
    with unit_of_work(db.sessions, "Anna", source="return-file") as session:
        rnd = find_round(session, round_id)
        anna = session.execute(select(m.Assessor).where(m.Assessor.name == ANNA)).scalar_one()
        parts = {c.id: c.part for c in rnd.framework.criteria}
        mine = sorted(assigned(session, anna.id))
        first_plan = next(key for key in mine if parts[key[1]] == Part.PLAN.value)
        session.add(m.WorkDraft(assessor_id=anna.id, registration_id=first_plan[0], criterion_id=first_plan[1],
                                text="half af"))  # fmt: skip
        record_score(session, anna, *first_plan, Decimal(2), "Eerder: het plan is nog te algemeen.", source="app",
                     latest=None)  # fmt: skip
        session.flush()
        latest = latest_scores(session, anna.id)
        batch = WorkBatch() if batched else None
        for index, key in enumerate(mine):
            if parts[key[1]] == Part.PLAN.value:
                value, text = (Decimal(2), "Eerder: het plan is nog te algemeen.") if key == first_plan else (
                    Decimal(index % 5 + 1), f"Het plan bij {key} noemt concrete stappen.")  # fmt: skip
                record_score(session, anna, *key, value, text, source="return-file", latest=latest.get(key),
                             batch=batch)  # fmt: skip
            else:
                record_check(session, anna, *key, CheckVerdict.PASS, "", source="return-file", latest=None,
                             batch=batch)  # fmt: skip
        if batch is not None:
            batch.write(session)


def _stored(db: Database) -> tuple[list[tuple], list[tuple], list[tuple], int]:
    events = stored_history(db)
    with db.sessions() as session:
        scores = session.execute(select(m.ScoreRevision).order_by(m.ScoreRevision.id)).scalars()
        checks = session.execute(select(m.CheckRevision).order_by(m.CheckRevision.id)).scalars()
        drafts = session.execute(select(m.WorkDraft.id)).all()
        return (
            events,
            [(s.id, s.registration_id, s.criterion_id, s.revision, s.value, s.motivation, s.scored_at) for s in scores],
            [(c.id, c.registration_id, c.criterion_id, c.revision, c.verdict, c.note, c.checked_at) for c in checks],
            len(drafts),
        )


def test_a_batch_leaves_the_rows_and_the_history_of_saving_one_by_one(
    db: Database, tmp_path: Path, made_round: Any, monkeypatch: pytest.MonkeyPatch, templates: DatabaseTemplates
) -> None:
    other = templates.open_copy(tmp_path / "een-voor-een.sqlite")
    try:
        round_id = made_round(db)
        assert made_round(other) == round_id
        freeze_clock(monkeypatch)
        _write(db, round_id, batched=True)
        _write(other, round_id, batched=False)
        batched, one_by_one = _stored(db), _stored(other)
    finally:
        other.close()
    events, scores, checks, drafts = batched
    assert scores and checks and drafts == 0
    assert [e[1:4] for e in events[-3:]] == [e[1:4] for e in one_by_one[0][-3:]]
    assert batched == one_by_one


def test_a_row_without_every_column_is_refused_before_anything_is_written(db: Database, made_round: Any) -> None:
    made_round(db)
    with pytest.raises(ValueError, match="scored_at"), unit_of_work(db.sessions, "test") as session:
        insert_audited(session, [(m.ScoreRevision, {"assessor_id": 1, "registration_id": 1, "criterion_id": 1,
                                                   "revision": 1, "value": Decimal(3), "motivation": "x",
                                                   "source": "app", "return_file_id": None})])  # fmt: skip
