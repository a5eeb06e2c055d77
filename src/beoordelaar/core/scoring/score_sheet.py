"""Scores from a spreadsheet (csv or xlsx) with the columns beoordelaar, inschrijving, criterium, score, motivering.

Checked whole before anything is written: one wrong cell refuses the sheet, with its row and column. On an
assessor's laptop only that assessor's rows are accepted.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.files.tables import Progress, Table
from beoordelaar.core.registrations.answers import parse_decimal
from beoordelaar.core.rounds.framework import Framework
from beoordelaar.core.rounds.rounds import round_framework
from beoordelaar.core.scoring.entry_rules import score_problem
from beoordelaar.core.scoring.scoring import latest_scores, record_score
from beoordelaar.core.scoring.sheet_rows import (
    Finding,
    PlannedRow,
    RowTargets,
    SheetFinding,
    SheetRefused,
    SheetResult,
    import_sheet,
)
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action

COLUMNS = ("beoordelaar", "inschrijving", "criterium", "score", "motivering")


class ScoreSheetRefused(SheetRefused):
    """The scores sheet is refused whole; findings holds every wrong cell."""

    def __init__(self, source: str, findings: list[SheetFinding]) -> None:
        super().__init__(source, findings, "de scores")


ScoreSheetResult = SheetResult  # the name the CLI and the tests know


def import_score_sheet(
    sessions: sessionmaker[Session], round_id: int, path: Path, *, actor: str, progress: Progress | None = None
) -> SheetResult:
    """The sheet's scores, all or none; progress(done, total) follows the saving, the long part."""
    return import_sheet(
        sessions, round_id, path, columns=COLUMNS, plan=_plan, latest_of=latest_scores, record=record_score,
        recorded=lambda session, rnd, details: record_action(
            session, "scores-imported", "rounds", str(rnd.id), details
        ),
        actor=actor, progress=progress,
    )  # fmt: skip


def _plan(session: Session, rnd: m.Round, table: Table, index: dict[str, int]) -> list[PlannedRow]:
    framework = round_framework(rnd)
    min_length = framework.motivation_min_length
    targets = RowTargets(session, rnd, "scores", "dezelfde score")
    planned: list[PlannedRow] = []
    for number, cell, finding in targets.cells(table, index):
        assessor, registration, criterion = targets.of(cell, finding)
        value, _problem = score_cell(framework, criterion, cell, finding, min_length)
        if assessor is None or registration is None or criterion is None or value is None:
            continue
        registration_id, criterion_id = registration.id, criterion.id
        if targets.admitted_ids(assessor, registration_id, criterion_id, number, finding):
            planned.append(PlannedRow(assessor, registration_id, criterion_id, value, cell["motivering"]))
    if targets.findings:
        raise ScoreSheetRefused(table.source, targets.findings)
    return planned


# A sheet's scores are a few texts over and over ("3", "4"): each read once (a Decimal is immutable, so the one read
# serves every row that has its text).
_score_value = lru_cache(maxsize=1024)(parse_decimal)


def score_cell(
    framework: Framework, criterion: m.Criterion | None, cell: dict[str, str], finding: Finding, min_length: int
) -> tuple[Decimal | None, bool]:
    """A row's score (columns score, motivering) checked by the rules of a score with this motivation minimum:
    finding(column, message) for what is wrong. Returns the score read, and whether it breaks a rule."""
    value = _score_value(cell["score"])
    if criterion is None:
        return value, False
    problem = score_problem(framework.criterion(criterion.code), value, cell["motivering"], min_length)
    if problem:
        finding("motivering" if value is not None and "motivering" in problem else "score", problem)
    return value, problem is not None
