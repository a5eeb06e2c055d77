"""Checks from a spreadsheet (csv or xlsx) with the columns beoordelaar, inschrijving, criterium, oordeel,
toelichting: the members' verdicts on exclusion grounds and requirements in bulk.

Checked whole before anything is written, exactly like the scores sheet: one wrong cell refuses the sheet, with its
row and column. On an assessor's laptop only that assessor's rows are accepted.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.files.tables import Progress, Table
from beoordelaar.core.rounds.rounds import round_framework
from beoordelaar.core.scoring.entry_rules import check_problem, read_verdict
from beoordelaar.core.scoring.scoring import latest_checks, record_check
from beoordelaar.core.scoring.sheet_rows import (
    PlannedRow,
    RowTargets,
    SheetFinding,
    SheetRefused,
    SheetResult,
    import_sheet,
)
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action

COLUMNS = ("beoordelaar", "inschrijving", "criterium", "oordeel", "toelichting")


class CheckSheetRefused(SheetRefused):
    """The checks sheet is refused whole; findings holds every wrong cell."""

    def __init__(self, source: str, findings: list[SheetFinding]) -> None:
        super().__init__(source, findings, "de toetsingen")


def import_check_sheet(
    sessions: sessionmaker[Session], round_id: int, path: Path, *, actor: str, progress: Progress | None = None
) -> SheetResult:
    """Read the sheet whole; write every row (a new revision where the verdict or note changed) or nothing."""
    return import_sheet(
        sessions, round_id, path, columns=COLUMNS, plan=_plan, latest_of=latest_checks, record=record_check,
        recorded=lambda session, rnd, details: record_action(
            session, "checks-imported", "rounds", str(rnd.id), details
        ),
        actor=actor, progress=progress,
    )  # fmt: skip


def _plan(session: Session, rnd: m.Round, table: Table, index: dict[str, int]) -> list[PlannedRow]:
    framework = round_framework(rnd)
    targets = RowTargets(session, rnd, "toetsingen", "dezelfde toetsing")
    planned: list[PlannedRow] = []
    for number, cell, finding in targets.cells(table, index):
        assessor, registration, criterion = targets.of(cell, finding)
        verdict = read_verdict(cell["oordeel"])
        if criterion is not None:
            problem = check_problem(framework.criterion(criterion.code), verdict, cell["toelichting"])
            if problem:
                column = "criterium" if "geen eis" in problem else "oordeel" if verdict is None else "toelichting"
                finding(column, problem)
                continue
        elif verdict is None:
            finding("oordeel", "het oordeel moet akkoord, niet-akkoord of twijfel zijn")
        if assessor is None or registration is None or criterion is None or verdict is None:
            continue
        if targets.admitted(assessor, registration, criterion, number, finding):
            planned.append(PlannedRow(assessor, registration.id, criterion.id, verdict, cell["toelichting"]))
    if targets.findings:
        raise CheckSheetRefused(table.source, targets.findings)
    return planned
