"""Consensus scores from a spreadsheet (csv or xlsx) with the columns inschrijving, criterium, score, motivering.

Checked whole before anything is written, as a score sheet is: one wrong cell refuses the sheet, with its row and
column. Each row meets the rules of a consensus score set in the meeting: a step of the scale, the framework's
consensus motivation minimum, and after a verification interview on the criterion a change only with its answer
(which a sheet cannot name: such a row is refused, and set with `consensus ... --antwoord`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.consolidation.consensus import chair_round, round_consensus
from beoordelaar.core.consolidation.consensus_batch import ConsensusBatch
from beoordelaar.core.consolidation.interview_answers import answer_rested_on, held_answers
from beoordelaar.core.errors import UserError
from beoordelaar.core.files.tables import Table, read_table
from beoordelaar.core.registrations.registrations import RegistrationMatcher
from beoordelaar.core.rounds.rounds import round_framework
from beoordelaar.core.scoring.score_sheet import score_cell
from beoordelaar.core.scoring.sheet_rows import (
    SheetFinding,
    SheetRefused,
    column_index,
    header_scorer,
    sheet_cells,
    sheet_criterion,
    sheet_registration,
)
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work


class ConsensusSheetRefused(SheetRefused):
    """The consensus sheet is refused whole; findings holds every wrong cell."""

    def __init__(self, source: str, findings: list[SheetFinding]) -> None:
        super().__init__(source, findings, "de consensusscores")


COLUMNS = ("inschrijving", "criterium", "score", "motivering")
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ConsensusImportResult:
    rows: int
    created: int
    unchanged: int
    opened: int  # discussions the import opened

    def as_json(self) -> dict[str, int]:
        return {"rows": self.rows, "created": self.created, "unchanged": self.unchanged, "opened": self.opened}


@dataclass(frozen=True)
class _Planned:
    registration: m.Registration
    criterion: m.Criterion
    value: Decimal
    motivation: str


def import_consensus_sheet(
    sessions: sessionmaker[Session], round_id: int, path: Path, *, actor: str, progress: Progress | None = None
) -> ConsensusImportResult:
    """Set the consensus scores of a sheet in one transaction; progress(done, total) while they are written."""
    table = read_table(Path(path), header_score=header_scorer(COLUMNS))
    index = column_index(table, COLUMNS)
    with unit_of_work(sessions, actor, source="spreadsheet") as session:
        rnd = chair_round(session, round_id)
        current = round_consensus(session, rnd)
        planned = _plan(session, rnd, table, index, current)
        created = opened = 0
        writes = ConsensusBatch()
        for done, p in enumerate(planned, start=1):
            opened += writes.open_discussion(p.registration)
            created += writes.add_revision(
                p.registration.id, p.criterion, p.value, p.motivation,
                current.get((p.registration.id, p.criterion.id)), source="spreadsheet", actor=actor,
            )  # fmt: skip
            if progress is not None:
                progress(done, len(planned))
        writes.write(session)
        record_action(
            session, "consensus-imported", "rounds", str(rnd.id),
            {"file": table.source, "rows": len(planned), "created": created, "unchanged": len(planned) - created},
        )  # fmt: skip
        return ConsensusImportResult(len(planned), created, len(planned) - created, opened)


def _plan(
    session: Session,
    rnd: m.Round,
    table: Table,
    index: dict[str, int],
    current: dict[tuple[int, int], m.ConsensusScore],
) -> list[_Planned]:
    framework = round_framework(rnd)
    criteria = {c.code: c for c in rnd.framework.criteria}
    findings: list[SheetFinding] = []
    planned: list[_Planned] = []
    seen: dict[tuple[int, int], int] = {}
    registrations = RegistrationMatcher(session, rnd)
    held = held_answers(session, [r.id for r in rnd.registrations])
    for number, cell, finding in sheet_cells(table, index, findings):
        registration = sheet_registration(registrations, cell["inschrijving"], finding)
        criterion = sheet_criterion(criteria, cell["criterium"], finding)
        value, problem = score_cell(framework, criterion, cell, finding, framework.consensus_motivation_min_length)
        if problem:
            continue
        if registration is None or criterion is None or value is None:
            continue
        key = (registration.id, criterion.id)
        if key in seen:
            finding("criterium", f"dezelfde consensusscore staat ook in rij {seen[key]}")
            continue
        seen[key] = number
        # Only a cell with a held interview may be refused for it: the others are not asked (one read, not a row's).
        refusal = key in held and _interview_refusal(session, registration.id, criterion, current.get(key), value)
        if refusal:
            finding("score", refusal)
            continue
        planned.append(_Planned(registration, criterion, value, cell["motivering"].strip()))
    if findings:
        raise ConsensusSheetRefused(table.source, findings)
    return planned


def _interview_refusal(
    session: Session, registration_id: int, criterion: m.Criterion, kept: m.ConsensusScore | None, value: Decimal
) -> str | None:
    """Why a sheet cannot change this score after a verification interview on it (None when it may)."""
    try:
        answer_rested_on(session, registration_id, criterion, None, changes=kept is None or kept.value != value,
                         what=f"de score op {criterion.code}")  # fmt: skip
    except UserError as refused:
        message = str(refused).replace(" Er is niets veranderd.", "").rstrip(".")
        return (f"{message[:1].lower()}{message[1:]}; stel deze score vast in de consensusbespreking of met consensus "
                "… --antwoord")  # fmt: skip
    return None
