"""A start's first look at a database file: the rounds with their counts and the chosen round's registrations, read
with sqlite3 as plain rows before SQLAlchemy and the models are imported (most of a start's time), so that the main
window shows the round at once and the database layer loads after it (ui/app.py).

Only a file already at the newest schema and free to lock gets a first look; the lock taken here is handed to
open_database, so nothing can change the file between this read and the opening. Anything else (a new or locked file,
one to migrate, a server, a read that fails) gets no first look: the full opening then does what it always did. The
reads give the same rows as list_rounds and list_registrations (tests/unit/core/test_first_look.py holds them equal).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.rows import RegistrationRow
from beoordelaar.core.rounds.procedure import Outcome, Procedure, RoundStatus
from beoordelaar.core.rounds.summary import RoundSummary
from beoordelaar.core.storage.database_file import DatabaseFileLock, check_is_database, lock_database_file
from beoordelaar.core.storage.schema_head import file_at_head

# Each count as list_rounds makes it: per round, scores once per (assessor, registration, criterion) and decisions
# once per (registration, lot), whatever their revisions.
ROUND_COUNTS = {
    "registrations": "SELECT round_id, count(*) FROM registrations GROUP BY round_id",
    "assessors": "SELECT round_id, count(*) FROM assessors GROUP BY round_id",
    "scores": "SELECT round_id, count(*) FROM (SELECT DISTINCT r.round_id, s.assessor_id, s.registration_id, "
    "s.criterion_id FROM score_revisions s JOIN registrations r ON r.id = s.registration_id) GROUP BY round_id",
    "decisions": "SELECT round_id, count(*) FROM (SELECT DISTINCT r.round_id, d.registration_id, d.lot_id "
    "FROM decisions d JOIN registrations r ON r.id = d.registration_id) GROUP BY round_id",
}
ROUNDS = (
    "SELECT r.id, r.name, r.procedure, r.status, f.name, r.created_at, r.procurement_id, p.name FROM rounds r "
    "JOIN frameworks f ON f.id = r.framework_id LEFT JOIN procurements p ON p.id = r.procurement_id "
    "ORDER BY r.created_at, r.id"
)
LAPTOP_OWNERS = "SELECT k.round_id, a.name FROM exchange_keys k JOIN assessors a ON a.id = k.assessor_id"
REGISTRATIONS = (
    "SELECT r.id, r.sequence, r.number, r.name, p.kvk, r.city, r.submitted_at FROM registrations r "
    "JOIN providers p ON p.id = r.provider_id WHERE r.round_id = ? ORDER BY r.sequence"
)
LOTS = (
    "SELECT rl.registration_id, l.code FROM registration_lots rl JOIN lots l ON l.id = rl.lot_id "
    "JOIN registrations r ON r.id = rl.registration_id WHERE r.round_id = ? ORDER BY l.code"
)
DOCUMENTS = (
    "SELECT d.registration_id, d.sha256 IS NULL FROM documents d JOIN registrations r ON r.id = d.registration_id "
    "WHERE r.round_id = ?"
)
SCORES = (
    "SELECT registration_id, count(*) FROM (SELECT DISTINCT s.registration_id, s.assessor_id, s.criterion_id "
    "FROM score_revisions s JOIN registrations r ON r.id = s.registration_id WHERE r.round_id = ?) "
    "GROUP BY registration_id"
)
DECISIONS = (
    "SELECT d.registration_id, d.outcome, d.status FROM decisions d JOIN registrations r ON r.id = d.registration_id "
    "WHERE r.round_id = ? ORDER BY d.revision, d.id"
)


@dataclass(frozen=True)
class FirstLook:
    """What the window shows first, and the file's lock, which open_database(locked=...) takes over (or release)."""

    path: Path
    rounds: list[RoundSummary]
    shown: RoundSummary | None
    registrations: list[RegistrationRow]
    lock: DatabaseFileLock

    def release(self) -> None:
        """Let go of the lock (the first look was not used)."""
        self.lock.release()


def chosen_round(rounds: Sequence[RoundSummary], keep: int | None) -> RoundSummary | None:
    """The round the window shows: keep's round if it is there, else the newest; None without rounds."""
    return next((r for r in rounds if r.id == keep), rounds[-1] if rounds else None)


def first_look(where: str | Path, keep: int | None) -> FirstLook | None:
    """The rounds of the database file where names and the registrations of the round to show (keep's, else the
    newest), with the file locked for the opening that follows; None when it gets no first look (see the module; an
    address such as sqlite:///… or postgresql+psycopg://… neither)."""
    if isinstance(where, str) and "://" in where:
        return None
    path = Path(where).expanduser().resolve()  # as open_database names the file (storage/location.py)
    try:
        if not file_at_head(path):
            return None
        check_is_database(path)
        lock = lock_database_file(path)
    except (UserError, OSError, sqlite3.Error):
        return None
    try:
        connection = sqlite3.connect(path)
        try:
            connection.execute("PRAGMA query_only=ON")
            rounds = _rounds(connection)
            shown = chosen_round(rounds, keep)
            registrations = _registrations(connection, shown.id) if shown is not None else []
        finally:
            connection.close()
    except (sqlite3.Error, ValueError):  # an unexpected file: the full opening says what is wrong
        lock.release()
        return None
    return FirstLook(path=path, rounds=rounds, shown=shown, registrations=registrations, lock=lock)


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value is not None else None


def _rounds(connection: sqlite3.Connection) -> list[RoundSummary]:
    counts = {name: dict(connection.execute(query).fetchall()) for name, query in ROUND_COUNTS.items()}
    owners = dict(connection.execute(LAPTOP_OWNERS).fetchall())
    return [
        RoundSummary(
            id=round_id,
            name=name,
            procedure=Procedure(procedure),
            status=RoundStatus(status),
            framework=framework,
            registrations=counts["registrations"].get(round_id, 0),
            assessors=counts["assessors"].get(round_id, 0),
            scores=counts["scores"].get(round_id, 0),
            decisions=counts["decisions"].get(round_id, 0),
            created_at=_moment(created_at),  # type: ignore[arg-type]  # never NULL
            procurement_id=procurement_id,
            procurement_name=procurement_name,
            laptop_owner=owners.get(round_id),
        )
        for round_id, name, procedure, status, framework, created_at, procurement_id, procurement_name in (
            connection.execute(ROUNDS).fetchall()
        )
    ]


def _registrations(connection: sqlite3.Connection, round_id: int) -> list[RegistrationRow]:
    lots: dict[int, list[str]] = defaultdict(list)
    for registration_id, code in connection.execute(LOTS, (round_id,)):
        lots[registration_id].append(code)
    documents: dict[int, list[bool]] = defaultdict(list)
    for registration_id, missing in connection.execute(DOCUMENTS, (round_id,)):
        documents[registration_id].append(bool(missing))
    scores = dict(connection.execute(SCORES, (round_id,)).fetchall())
    decisions = {registration_id: (outcome, status) for registration_id, outcome, status in connection.execute(
        DECISIONS, (round_id,))}  # fmt: skip
    rows = []
    for registration_id, sequence, number, name, kvk, city, submitted_at in connection.execute(
        REGISTRATIONS, (round_id,)
    ):
        decision = decisions.get(registration_id)
        rows.append(
            RegistrationRow(
                id=registration_id,
                sequence=sequence,
                number=number,
                name=name,
                kvk=kvk,
                city=city or "",
                lots=", ".join(lots[registration_id]),
                submitted_at=_moment(submitted_at),
                documents=len(documents[registration_id]),
                missing_documents=sum(documents[registration_id]),
                scores=scores.get(registration_id, 0),
                outcome=Outcome(decision[0]) if decision else None,
                confirmed=bool(decision and decision[1] == "confirmed"),
            )
        )
    return rows
