"""Scores from a spreadsheet (csv or xlsx) with the columns beoordelaar, inschrijving, criterium, score, motivering.

Checked whole before anything is written: one wrong cell refuses the sheet, with its row and column. On an
assessor's laptop only that assessor's rows are accepted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.commission.declarations import undeclared
from beoordelaar.core.commission.exchange_keys import laptop_exchange
from beoordelaar.core.errors import UserError
from beoordelaar.core.files.tables import Progress, Table, read_table
from beoordelaar.core.registrations.answers import parse_decimal
from beoordelaar.core.registrations.registrations import match_registration
from beoordelaar.core.rounds.framework import Framework
from beoordelaar.core.rounds.rounds import find_round, round_framework
from beoordelaar.core.scoring.entry_rules import score_problem
from beoordelaar.core.scoring.scoring import assigned, latest_scores, record_score
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work

COLUMNS = ("beoordelaar", "inschrijving", "criterium", "score", "motivering")
MAX_FINDINGS_SHOWN = 25


@dataclass(frozen=True)
class SheetFinding:
    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        return f"rij {self.row}, kolom '{self.column}' ('{self.value}'): {self.message}"


class ScoreSheetRefused(UserError):
    """The sheet is refused whole; findings holds every wrong cell."""

    def __init__(self, source: str, findings: list[SheetFinding], what: str = "de scores") -> None:
        self.findings = findings
        shown = "\n".join(f"- {f}" for f in findings[:MAX_FINDINGS_SHOWN])
        more = f"\n(en nog {len(findings) - MAX_FINDINGS_SHOWN})" if len(findings) > MAX_FINDINGS_SHOWN else ""
        super().__init__(f"{source}: {what} zijn niet ingelezen; er is niets veranderd.\n{shown}{more}")


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


def read_sheet(path: Path, columns: tuple[str, ...] = COLUMNS) -> tuple[Table, dict[str, int]]:
    """A sheet with these columns (found by their names, in any order) and where each column is."""
    table = read_table(Path(path), header_score=lambda cells: sum(1 for c in cells if c.strip().lower() in columns))
    names = [h.strip().lower() for h in table.headers]
    missing = [c for c in columns if c not in names]
    if missing:
        raise UserError(
            f"{table.source}: de kolom(men) {', '.join(missing)} ontbreken (rij {table.header_row}). Nodig zijn: "
            f"{', '.join(columns)}."
        )
    return table, {c: names.index(c) for c in columns}


def import_score_sheet(
    sessions: sessionmaker[Session], round_id: int, path: Path, *, actor: str, progress: Progress | None = None
) -> ScoreSheetResult:
    """The sheet's scores, all or none; progress(done, total) follows the saving, the long part."""
    table, index = read_sheet(path)
    with unit_of_work(sessions, actor, source="spreadsheet") as session:
        rnd = find_round(session, round_id)
        planned = _plan(session, rnd, table, index)
        created = unchanged = 0
        latest: dict[int, dict] = {}
        for done, p in enumerate(planned, start=1):
            current = latest.setdefault(p.assessor.id, latest_scores(session, p.assessor.id))
            saved = record_score(
                session, p.assessor, p.registration_id, p.criterion_id, p.value, p.motivation, source="spreadsheet",
                latest=current.get((p.registration_id, p.criterion_id)),
            )  # fmt: skip
            created += saved.changed
            unchanged += not saved.changed
            if progress is not None:
                progress(done, len(planned))
        session.flush()
        record_action(
            session, "scores-imported", "rounds", str(rnd.id),
            {"file": table.source, "rows": len(planned), "created": created, "unchanged": unchanged},
        )  # fmt: skip
        return ScoreSheetResult(len(planned), created, unchanged)


def scored_cell(
    session: Session,
    rnd: m.Round,
    framework: Framework,
    criteria: dict[str, m.Criterion],
    cell: dict[str, str],
    finding: Callable[[str, str], None],
    min_length: int,
) -> tuple[m.Registration | None, m.Criterion | None, Decimal | None, bool]:
    """The registration, criterion and score a sheet row names (columns inschrijving, criterium, score, motivering),
    each checked by the rules of a score with this motivation minimum: finding(column, message) for what is wrong.
    Returns None for what is unknown, and whether the score or its motivation breaks a rule."""
    try:
        registration = match_registration(session, rnd, cell["inschrijving"]) if cell["inschrijving"] else None
    except UserError:
        registration = None
    if registration is None:
        finding("inschrijving", "onbekende inschrijving (gebruik het inschrijvingsnummer of het KvK-nummer)")
    criterion = criteria.get(cell["criterium"])
    if criterion is None:
        finding("criterium", f"onbekend criterium; het kader kent {', '.join(criteria)}")
    value = parse_decimal(cell["score"])
    problem = None
    if criterion is not None:
        problem = score_problem(framework.criterion(criterion.code), value, cell["motivering"], min_length)
        if problem:
            finding("motivering" if value is not None and "motivering" in problem else "score", problem)
    return registration, criterion, value, problem is not None


def _plan(session: Session, rnd: m.Round, table: Table, index: dict[str, int]) -> list[_Planned]:
    framework = round_framework(rnd)
    assessors = {a.name: a for a in session.execute(select(m.Assessor).where(m.Assessor.round_id == rnd.id)).scalars()}
    criteria = {c.code: c for c in rnd.framework.criteria}
    laptop = laptop_exchange(session, rnd)
    own = session.get(m.Assessor, laptop.assessor_id) if laptop and laptop.assessor_id else None
    conflicts = set(
        session.execute(
            select(m.ConflictOfInterest.assessor_id, m.ConflictOfInterest.registration_id)
            .join(m.Assessor)
            .where(m.Assessor.round_id == rnd.id)
        ).all()
    )
    assignments: dict[int, set[tuple[int, int]]] = {}
    findings: list[SheetFinding] = []
    planned: list[_Planned] = []
    seen: dict[tuple[int, int, int], int] = {}
    for row in table.rows:
        cell = {c: row.cell(i).strip() for c, i in index.items()}

        def finding(column: str, message: str, row_number: int = row.number, cells: dict = cell) -> None:
            findings.append(SheetFinding(row_number, column, cells[column], message))

        assessor = assessors.get(cell["beoordelaar"])
        if own is not None and (assessor is None or assessor.id != own.id):
            finding("beoordelaar", f"op deze laptop worden alleen scores van {own.name} ingelezen")
            assessor = None
        elif assessor is None:
            finding("beoordelaar", f"geen lid van de commissie van ronde '{rnd.name}'")
        elif assessor.submitted_at is not None:
            finding("beoordelaar", f"{assessor.name} heeft het werk al ingeleverd; de voorzitter moet het heropenen")
            assessor = None
        elif (missing := undeclared(assessor)) is not None:
            finding("beoordelaar", missing)
            assessor = None
        registration, criterion, value, _problem = scored_cell(
            session, rnd, framework, criteria, cell, finding, framework.motivation_min_length
        )
        if assessor is None or registration is None or criterion is None or value is None:
            continue
        if (assessor.id, registration.id) in conflicts:
            finding("inschrijving", f"{assessor.name} heeft bij deze inschrijving een belangenverstrengeling gemeld")
            continue
        mine = assignments.setdefault(assessor.id, assigned(session, assessor.id))
        if (registration.id, criterion.id) not in mine:
            finding("criterium", f"niet aan {assessor.name} toegewezen voor deze inschrijving")
            continue
        key = (assessor.id, registration.id, criterion.id)
        if key in seen:
            finding("criterium", f"dezelfde score staat ook in rij {seen[key]}")
            continue
        seen[key] = row.number
        planned.append(_Planned(assessor, registration.id, criterion.id, value, cell["motivering"]))
    if findings:
        raise ScoreSheetRefused(table.source, findings)
    return planned
