"""A scores sheet and a checks sheet are written set-based, and leave the very rows and history (the same events in
the same order, with the same hashes) that recording their rows one by one leaves."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

import beoordelaar.core.scoring.check_sheet as check_sheet
import beoordelaar.core.scoring.score_sheet as score_sheet
from beoordelaar.core.scoring.scoring import save_draft
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from exchange_round import ANNA, BRAM, CHAIR, KVKS, NUMBERS, check_codes, motivation, plan_codes
from same_history import freeze_clock, stored_history
from templates import DatabaseTemplates, MadeRound


def _csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=";").writerows([header, *rows])
    return path


def _sheets(db: Database, folder: Path) -> tuple[Path, Path, Path]:
    """A first scores sheet, a second one that repeats one of its rows, and a checks sheet."""
    plan, checks = plan_codes(db), check_codes(db)
    first = [[ANNA, NUMBERS[0], plan[0], "2", motivation(ANNA, NUMBERS[0], plan[0], 2)]]
    second = [*first] + [
        [person, KVKS[NUMBERS.index(number)] if index % 2 else number, code, str(index % 5 + 1),
         motivation(person, number, code, index % 5 + 1)]
        for index, (person, number, code) in enumerate(
            (p, n, c) for n in NUMBERS[:2] for c in plan for p in (BRAM, ANNA) if (p, n, c) != (ANNA, *first[0][1:3])
        )
    ]  # fmt: skip
    verdicts = [[ANNA, number, code, "akkoord", ""] for number in NUMBERS for code in checks[:3]]
    return (
        _csv(folder / "eerste.csv", ["Beoordelaar", "Inschrijving", "Criterium", "Score", "Motivering"], first),
        _csv(folder / "tweede.csv", ["Beoordelaar", "Inschrijving", "Criterium", "Score", "Motivering"], second),
        _csv(folder / "toetsing.csv", ["Beoordelaar", "Inschrijving", "Criterium", "Oordeel", "Toelichting"], verdicts),
    )


def _read(db: Database, round_id: int, folder: Path) -> list[tuple[Any, ...]]:
    first, second, checks = _sheets(db, folder)
    code = plan_codes(db)[1]
    save_draft(db.sessions, round_id, ANNA, NUMBERS[0], code, value=Decimal(4), text="half af")
    score_sheet.import_score_sheet(db.sessions, round_id, first, actor=CHAIR)
    assert score_sheet.import_score_sheet(db.sessions, round_id, second, actor=CHAIR).unchanged == 1
    check_sheet.import_check_sheet(db.sessions, round_id, checks, actor=CHAIR)
    with db.sessions() as session:
        assert session.execute(select(m.WorkDraft.id)).first() is None
    return stored_history(db)


def _one_by_one(record: Any) -> Any:
    return lambda *args, batch=None, **kwargs: record(*args, **kwargs)


def test_sheets_leave_the_history_of_recording_their_rows_one_by_one(
    db: Database, made_round: MadeRound, templates: DatabaseTemplates, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = templates.open_copy(tmp_path / "een-voor-een" / "db.sqlite")
    try:
        round_id = made_round(db)
        assert made_round(other) == round_id
        freeze_clock(monkeypatch)
        (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
        batched = _read(db, round_id, tmp_path / "a")
        monkeypatch.setattr(score_sheet, "record_score", _one_by_one(score_sheet.record_score))
        monkeypatch.setattr(check_sheet, "record_check", _one_by_one(check_sheet.record_check))
        one_by_one = _read(other, round_id, tmp_path / "b")
    finally:
        other.close()
    inserted = [e[2] for e in batched if e[1] == "insert"]
    assert inserted.count("score_revisions") > 10 and inserted.count("check_revisions") == 9
    assert batched == one_by_one
