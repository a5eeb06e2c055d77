"""Checks from a spreadsheet (csv or xlsx) with the columns beoordelaar, inschrijving, criterium, oordeel,
toelichting: the members' verdicts on exclusion grounds and requirements in bulk.

Checked whole before anything is written, exactly like the scores sheet: one wrong cell refuses the sheet, with its
row and column. On an assessor's laptop only that assessor's rows are accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.files.tables import Table, read_table
from beoordelaar.core.rounds.procedure import CheckVerdict
from beoordelaar.core.rounds.rounds import find_round, round_framework
from beoordelaar.core.scoring.entry_rules import check_problem, read_verdict
from beoordelaar.core.scoring.score_sheet import ScoreSheetResult
from beoordelaar.core.scoring.scoring import latest_checks, record_check
from beoordelaar.core.scoring.sheet_rows import RowTargets, SheetFinding, SheetRefused, column_index, header_scorer
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work

COLUMNS = ("beoordelaar", "inschrijving", "criterium", "oordeel", "toelichting")


class CheckSheetRefused(SheetRefused):
    """The checks sheet is refused whole; findings holds every wrong cell."""

    def __init__(self, source: str, findings: list[SheetFinding]) -> None:
        super().__init__(source, findings, "de toetsingen")


@dataclass(frozen=True)
class _Planned:
    assessor: m.Assessor
    registration_id: int
    criterion_id: int
    verdict: CheckVerdict
    note: str


def import_check_sheet(sessions: sessionmaker[Session], round_id: int, path: Path, *, actor: str) -> ScoreSheetResult:
    """Read the sheet whole; write every row (a new revision where the verdict or note changed) or nothing."""
    table = read_table(Path(path), header_score=header_scorer(COLUMNS))
    index = column_index(table, COLUMNS)
    with unit_of_work(sessions, actor, source="spreadsheet") as session:
        rnd = find_round(session, round_id)
        planned = _plan(session, rnd, table, index)
        created = unchanged = 0
        latest: dict[int, dict] = {}
        for p in planned:
            current = latest.setdefault(p.assessor.id, latest_checks(session, p.assessor.id))
            saved = record_check(
                session, p.assessor, p.registration_id, p.criterion_id, p.verdict, p.note, source="spreadsheet",
                latest=current.get((p.registration_id, p.criterion_id)),
            )  # fmt: skip
            created += saved.changed
            unchanged += not saved.changed
        session.flush()
        record_action(
            session, "checks-imported", "rounds", str(rnd.id),
            {"file": table.source, "rows": len(planned), "created": created, "unchanged": unchanged},
        )  # fmt: skip
        return ScoreSheetResult(len(planned), created, unchanged)


def _plan(session: Session, rnd: m.Round, table: Table, index: dict[str, int]) -> list[_Planned]:
    framework = round_framework(rnd)
    targets = RowTargets(session, rnd, "toetsingen", "dezelfde toetsing")
    findings: list[SheetFinding] = []
    planned: list[_Planned] = []
    for row in table.rows:
        cell = {c: row.cell(i).strip() for c, i in index.items()}

        def finding(column: str, message: str, row_number: int = row.number, cells: dict = cell) -> None:
            findings.append(SheetFinding(row_number, column, cells[column], message))

        assessor = targets.assessor(cell["beoordelaar"], finding)
        registration = targets.registration(cell["inschrijving"], finding)
        criterion = targets.criterion(cell["criterium"], finding)
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
        if targets.admitted(assessor, registration, criterion, row.number, finding):
            planned.append(_Planned(assessor, registration.id, criterion.id, verdict, cell["toelichting"]))
    if findings:
        raise CheckSheetRefused(table.source, findings)
    return planned
