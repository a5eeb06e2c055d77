"""Scores from a spreadsheet (csv or xlsx) with the columns beoordelaar, inschrijving, criterium, score, motivering.

Checked whole before anything is written: one wrong cell refuses the sheet, with its row and column. On an
assessor's laptop only that assessor's rows are accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.files.tables import Table, read_table
from beoordelaar.core.registrations.answers import parse_decimal
from beoordelaar.core.rounds.rounds import find_round, round_framework
from beoordelaar.core.scoring.entry_rules import score_problem
from beoordelaar.core.scoring.scoring import latest_scores, record_score
from beoordelaar.core.scoring.sheet_rows import RowTargets, SheetFinding, SheetRefused, column_index, header_scorer
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work

COLUMNS = ("beoordelaar", "inschrijving", "criterium", "score", "motivering")


class ScoreSheetRefused(SheetRefused):
    """The scores sheet is refused whole; findings holds every wrong cell."""

    def __init__(self, source: str, findings: list[SheetFinding]) -> None:
        super().__init__(source, findings, "de scores")


@dataclass(frozen=True)
class ScoreSheetResult:
    rows: int
    created: int
    unchanged: int

    def as_json(self) -> dict[str, int]:
        return {"rows": self.rows, "created": self.created, "unchanged": self.unchanged}


@dataclass(frozen=True)
class _Planned:
    assessor: m.Assessor
    registration_id: int
    criterion_id: int
    value: Decimal
    motivation: str


def import_score_sheet(sessions: sessionmaker[Session], round_id: int, path: Path, *, actor: str) -> ScoreSheetResult:
    table = read_table(Path(path), header_score=header_scorer(COLUMNS))
    index = column_index(table, COLUMNS)
    with unit_of_work(sessions, actor, source="spreadsheet") as session:
        rnd = find_round(session, round_id)
        planned = _plan(session, rnd, table, index)
        created = unchanged = 0
        latest: dict[int, dict] = {}
        for p in planned:
            current = latest.setdefault(p.assessor.id, latest_scores(session, p.assessor.id))
            saved = record_score(
                session, p.assessor, p.registration_id, p.criterion_id, p.value, p.motivation, source="spreadsheet",
                latest=current.get((p.registration_id, p.criterion_id)),
            )  # fmt: skip
            created += saved.changed
            unchanged += not saved.changed
        session.flush()
        record_action(
            session, "scores-imported", "rounds", str(rnd.id),
            {"file": table.source, "rows": len(planned), "created": created, "unchanged": unchanged},
        )  # fmt: skip
        return ScoreSheetResult(len(planned), created, unchanged)


def _plan(session: Session, rnd: m.Round, table: Table, index: dict[str, int]) -> list[_Planned]:
    framework = round_framework(rnd)
    targets = RowTargets(session, rnd, "scores", "dezelfde score")
    findings: list[SheetFinding] = []
    planned: list[_Planned] = []
    for row in table.rows:
        cell = {c: row.cell(i).strip() for c, i in index.items()}

        def finding(column: str, message: str, row_number: int = row.number, cells: dict = cell) -> None:
            findings.append(SheetFinding(row_number, column, cells[column], message))

        assessor = targets.assessor(cell["beoordelaar"], finding)
        registration = targets.registration(cell["inschrijving"], finding)
        criterion = targets.criterion(cell["criterium"], finding)
        value = parse_decimal(cell["score"])
        if criterion is not None:
            problem = score_problem(framework.criterion(criterion.code), value, cell["motivering"],
                                    framework.motivation_min_length)  # fmt: skip
            if problem:
                finding("motivering" if value is not None and "motivering" in problem else "score", problem)
        if assessor is None or registration is None or criterion is None or value is None:
            continue
        if targets.admitted(assessor, registration, criterion, row.number, finding):
            planned.append(_Planned(assessor, registration.id, criterion.id, value, cell["motivering"]))
    if findings:
        raise ScoreSheetRefused(table.source, findings)
    return planned
