"""What the scores sheet and the checks sheet share: the header, the findings with row and column, the refusal of
the whole sheet, and the member, registration and criterion a row is about (checked like the app checks them)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.commission.declarations import undeclared
from beoordelaar.core.commission.exchange_keys import laptop_exchange
from beoordelaar.core.errors import UserError
from beoordelaar.core.files.tables import Progress, Table, read_table
from beoordelaar.core.registrations.registrations import RegistrationMatcher
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.scoring.scoring import SavedScore, WorkBatch, assigned
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.bulk import collection_paused

MAX_FINDINGS_SHOWN = 25


@dataclass(frozen=True)
class SheetFinding:
    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        return f"rij {self.row}, kolom '{self.column}' ('{self.value}'): {self.message}"


class SheetRefused(UserError):
    """The sheet is refused whole; findings holds every wrong cell. what: 'de scores', 'de toetsingen'."""

    def __init__(self, source: str, findings: list[SheetFinding], what: str) -> None:
        self.findings = findings
        shown = "\n".join(f"- {f}" for f in findings[:MAX_FINDINGS_SHOWN])
        more = f"\n(en nog {len(findings) - MAX_FINDINGS_SHOWN})" if len(findings) > MAX_FINDINGS_SHOWN else ""
        super().__init__(f"{source}: {what} zijn niet ingelezen; er is niets veranderd.\n{shown}{more}")


@dataclass(frozen=True)
class SheetResult:
    rows: int
    created: int
    unchanged: int

    def as_json(self) -> dict[str, int]:
        return {"rows": self.rows, "created": self.created, "unchanged": self.unchanged}


class PlannedRow(NamedTuple):
    """One checked row: the work (a score and its motivation, or a verdict and its note) of a member on one item (a
    named tuple: one made per row of a sheet, cheaper than a frozen dataclass)."""

    assessor: m.Assessor
    registration_id: int
    criterion_id: int
    value: Any
    text: str


@collection_paused()
def import_sheet(
    sessions: sessionmaker[Session],
    round_id: int,
    path: Path,
    *,
    columns: tuple[str, ...],
    plan: Callable[[Session, m.Round, Table, dict[str, int]], list[PlannedRow]],
    latest_of: Callable[[Session, int], dict[tuple[int, int], Any]],
    record: Callable[..., SavedScore],
    recorded: Callable[[Session, m.Round, dict[str, object]], None],
    actor: str,
    progress: Progress | None = None,
) -> SheetResult:
    """Read the sheet, plan every row (plan refuses the whole sheet on any finding), then record each planned row (a
    new revision only where something changed) in one unit of work, written set-based (one WorkBatch); recorded puts
    the import in the history."""
    table = read_table(Path(path), header_score=header_scorer(columns))
    index = column_index(table, columns)
    with unit_of_work(sessions, actor, source="spreadsheet") as session:
        rnd = find_round(session, round_id)
        planned = plan(session, rnd, table, index)
        latest: dict[int, dict[tuple[int, int], Any]] = {}
        created = 0
        batch = WorkBatch()
        for done, p in enumerate(planned, start=1):
            current = latest.get(assessor_id := p.assessor.id)
            if current is None:
                current = latest[assessor_id] = latest_of(session, assessor_id)
            created += record(
                session, p.assessor, p.registration_id, p.criterion_id, p.value, p.text, source="spreadsheet",
                latest=current.get((p.registration_id, p.criterion_id)), batch=batch,
            ).changed  # fmt: skip
            if progress is not None:
                progress(done, len(planned))
        batch.write(session)
        counts = {"rows": len(planned), "created": created, "unchanged": len(planned) - created}
        recorded(session, rnd, {"file": table.source, **counts})
        return SheetResult(**counts)


def header_scorer(columns: tuple[str, ...]) -> Callable[[tuple[str, ...]], int]:
    """How much a row looks like the header: the number of the sheet's column names in it."""
    return lambda cells: sum(1 for c in cells if c.strip().lower() in columns)


def column_index(table: Table, columns: tuple[str, ...]) -> dict[str, int]:
    names = [h.strip().lower() for h in table.headers]
    missing = [c for c in columns if c not in names]
    if missing:
        raise UserError(
            f"{table.source}: de kolom(men) {', '.join(missing)} ontbreken (rij {table.header_row}). Nodig zijn: "
            f"{', '.join(columns)}."
        )
    return {c: names.index(c) for c in columns}


Finding = Callable[[str, str], None]


def sheet_cells(
    table: Table, index: dict[str, int], findings: list[SheetFinding]
) -> Iterator[tuple[int, dict, Finding]]:
    """Each row's number, its cells by column name (trimmed), and how to add a finding on one of its cells."""
    columns = tuple(index.items())
    for row in table.rows:
        cells = row.cells
        width = len(cells)  # a short row's missing cells are empty, as SheetRow.cell gives them
        cell = {c: cells[i].strip() if i < width else "" for c, i in columns}

        def finding(column: str, message: str, row_number: int = row.number, cells: dict = cell) -> None:
            findings.append(SheetFinding(row_number, column, cells[column], message))

        yield row.number, cell, finding


def sheet_registration(matcher: RegistrationMatcher, text: str, finding: Finding) -> m.Registration | None:
    """The registration a row names (number or KvK), or a finding on its cell."""
    try:
        registration = matcher.match(text) if text else None
    except UserError:
        registration = None
    if registration is None:
        finding("inschrijving", "onbekende inschrijving (gebruik het inschrijvingsnummer of het KvK-nummer)")
    return registration


def sheet_criterion(criteria: dict[str, m.Criterion], code: str, finding: Finding) -> m.Criterion | None:
    """The criterion a row names, or a finding on its cell."""
    criterion = criteria.get(code)
    if criterion is None:
        finding("criterium", f"onbekend criterium; het kader kent {', '.join(criteria)}")
    return criterion


class RowTargets:
    """The member, registration and criterion of each row, with a finding for each that is wrong. what names the work
    in the messages ('scores', 'toetsingen'); on an assessor's laptop only that assessor's rows are accepted."""

    def __init__(self, session: Session, rnd: m.Round, what: str, same: str) -> None:
        self._session, self._rnd, self._what, self._same = session, rnd, what, same
        self._assessors = {
            a.name: a for a in session.execute(select(m.Assessor).where(m.Assessor.round_id == rnd.id)).scalars()
        }
        self.criteria = {c.code: c for c in rnd.framework.criteria}
        self._registrations = RegistrationMatcher(session, rnd)
        laptop = laptop_exchange(session, rnd)
        self._own = session.get(m.Assessor, laptop.assessor_id) if laptop and laptop.assessor_id else None
        self._conflicts = set(
            session.execute(
                select(m.ConflictOfInterest.assessor_id, m.ConflictOfInterest.registration_id)
                .join(m.Assessor)
                .where(m.Assessor.round_id == rnd.id)
            ).all()
        )
        self._assignments: dict[int, set[tuple[int, int]]] = {}
        self._seen: dict[tuple[int, int, int], int] = {}
        self._checked: dict[str, tuple[m.Assessor | None, str | None]] = {}
        self._matched: dict[str, m.Registration] = {}
        self.findings: list[SheetFinding] = []

    def cells(self, table: Table, index: dict[str, int]) -> Iterator[tuple[int, dict, Finding]]:
        return sheet_cells(table, index, self.findings)

    def of(self, cell: dict[str, str], finding: Finding) -> tuple[m.Assessor | None, m.Registration | None,
                                                                  m.Criterion | None]:  # fmt: skip
        """The member, registration and criterion the row names (None where the cell is wrong)."""
        # What assessor(), registration() and criterion() give, with the answers they keep looked up here first:
        # asked for every row of a sheet of thousands.
        checked = self._checked.get(cell["beoordelaar"])
        if checked is None or checked[1] is not None:
            assessor = self.assessor(cell["beoordelaar"], finding)
        else:
            assessor = checked[0]
        registration = self._matched.get(cell["inschrijving"])
        if registration is None:
            registration = self.registration(cell["inschrijving"], finding)
        criterion = self.criteria.get(cell["criterium"])
        if criterion is None:
            criterion = self.criterion(cell["criterium"], finding)
        return assessor, registration, criterion

    def assessor(self, name: str, finding: Finding) -> m.Assessor | None:
        if name not in self._checked:  # the same for each of the member's rows: asked once
            self._checked[name] = self._check_assessor(name)
        assessor, problem = self._checked[name]
        if problem is not None:
            finding("beoordelaar", problem)
        return assessor

    def _check_assessor(self, name: str) -> tuple[m.Assessor | None, str | None]:
        """The member a row names, or why no row of that name is taken."""
        assessor = self._assessors.get(name)
        if self._own is not None and (assessor is None or assessor.id != self._own.id):
            return None, f"op deze laptop worden alleen {self._what} van {self._own.name} ingelezen"
        if assessor is None:
            return None, f"geen lid van de commissie van ronde '{self._rnd.name}'"
        if assessor.submitted_at is not None:
            return None, f"{assessor.name} heeft het werk al ingeleverd; de voorzitter moet het heropenen"
        if (missing := undeclared(assessor)) is not None:
            return None, missing
        return assessor, None

    def registration(self, text: str, finding: Finding) -> m.Registration | None:
        # A registration's rows name it alike: matched once per text (a text that matches none is asked again, for
        # its finding on each of its rows).
        found = self._matched.get(text)
        if found is None:
            found = sheet_registration(self._registrations, text, finding)
            if found is not None:
                self._matched[text] = found
        return found

    def criterion(self, code: str, finding: Finding) -> m.Criterion | None:
        return sheet_criterion(self.criteria, code, finding)

    def admitted(
        self, assessor: m.Assessor, registration: m.Registration, criterion: m.Criterion, row: int, finding: Finding
    ) -> bool:
        """Whether the member may do this work: no conflict, assigned, and not twice in the sheet."""
        return self.admitted_ids(assessor, registration.id, criterion.id, row, finding)

    def admitted_ids(
        self, assessor: m.Assessor, registration_id: int, criterion_id: int, row: int, finding: Finding
    ) -> bool:
        """admitted() for a registration and criterion given by id (a caller that holds them already: each mapped
        attribute read costs more than the checks themselves, and this is asked every row)."""
        assessor_id = assessor.id
        if (assessor_id, registration_id) in self._conflicts:
            finding("inschrijving", f"{assessor.name} heeft bij deze inschrijving een belangenverstrengeling gemeld")
            return False
        mine = self._assignments.get(assessor_id)
        if mine is None:
            mine = self._assignments[assessor_id] = assigned(self._session, assessor_id)
        if (registration_id, criterion_id) not in mine:
            finding("criterium", f"niet aan {assessor.name} toegewezen voor deze inschrijving")
            return False
        key = (assessor_id, registration_id, criterion_id)
        if key in self._seen:
            finding("criterium", f"{self._same} staat ook in rij {self._seen[key]}")
            return False
        self._seen[key] = row
        return True
