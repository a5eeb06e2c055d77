"""Which registration an audit event belongs to, kept beside the event (audit_events.registration_id, indexed) so
that a registration's history is one indexed read however long the round's history grows.

The rule, the same on both engines (on a team server the trigger of migration 0018 derives it for the row security,
and overrides what the app gives; this module gives the same):
- an event about a registration itself (entity registrations) belongs to it (its id);
- else to the registration its payload names (after, or before when there is no after: registration_id);
- else to the one the row it is about names (its table's registration_id): an update names only the changed
  columns, and a named action (an interview approved, a document added) none of the row's;
- else, through a decision (decision_id, in the payload or the row), to that decision's registration: a letter;
- else, through an interview (interview_id, in the payload or the row), to that interview's registration: its
  attendees and points.
A row never moves to another registration, so the row's registration is the one its insert event named. Derived as
the event is appended; migrations 0022 and 0024 (the interview step) derive it again for the events already stored
(on a server also 0025, for the delete events the trigger of 0018 placed nowhere).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.engine import Connection

from beoordelaar.core.storage.models import AUDITED_TABLES, Base, Decision, Interview

REGISTRATION = "registration_id"
DECISION = "decision_id"
INTERVIEW = "interview_id"


def _tables_with(column: str) -> dict[str, Table]:
    tables = Base.metadata.tables
    return {name: tables[name] for name in AUDITED_TABLES if column in tables[name].c and "id" in tables[name].c}


# The rows that belong to a registration carry its id; these tables are its history.
REGISTRATION_TABLES = tuple(sorted(_tables_with(REGISTRATION)))
_BY_REGISTRATION = _tables_with(REGISTRATION)
_BY_DECISION = _tables_with(DECISION)
_BY_INTERVIEW = _tables_with(INTERVIEW)
_CHUNK = 500
# Every table whose rows belong to a registration: by their own column, or through their decision (a letter) or their
# interview (its attendees and points).
BELONGING_TABLES = tuple(sorted({*_BY_REGISTRATION, *_BY_DECISION, *_BY_INTERVIEW}))


def as_id(value: Any) -> int | None:
    """A whole number as stored in an event's JSON or entity id (a number, or its digits), else None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit() and len(value) <= 9:
        return int(value)
    return None


def event_payload(before: Any, after: Any) -> dict[str, Any]:
    """What an event says of its row: its after, or its before when there is no after ({} for neither)."""
    values = after if after is not None else before
    return values if isinstance(values, dict) else {}


def _looked_up(connection: Connection, table: Table, column: str, ids: set[int]) -> dict[int, int]:
    """column of the rows of table with these ids (the ones still there), a chunk of ids per query."""
    found: dict[int, int] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start : start + _CHUNK]
        query = select(table.c.id, table.c[column]).where(table.c.id.in_(chunk), table.c[column].is_not(None))
        found.update(tuple(row) for row in connection.execute(query))
    return found


def _from_rows(connection: Connection, rows: list[dict[str, Any]], tables: dict[str, Table], column: str) -> None:
    """Fill row[column] from the row each event is about, where its payload did not name it."""
    wanted: dict[str, set[int]] = {}
    for row in rows:
        if row[column] is None and row["entity"] in tables and row["number"] is not None:
            wanted.setdefault(row["entity"], set()).add(row["number"])
    for entity, ids in wanted.items():
        found = _looked_up(connection, tables[entity], column, ids)
        for row in rows:
            if row[column] is None and row["entity"] == entity:
                row[column] = found.get(row["number"])


def _through(
    connection: Connection, rows: list[dict[str, Any]], tables: dict[str, Table], column: str, parent: Table
) -> None:
    """Fill row[registration_id] with the registration of the parent row (a decision, an interview) that row[column]
    names, taken from the row the event is about where its payload did not name it."""
    _from_rows(connection, rows, tables, column)
    parents = {row[column] for row in rows if row[column] is not None}
    if parents:
        found = _looked_up(connection, parent, REGISTRATION, parents)
        for row in rows:
            if row[column] is not None:
                row[REGISTRATION] = found.get(row[column])


def registration_ids(connection: Connection, rows: list[dict[str, Any]]) -> list[int | None]:
    """The registration each event belongs to (None: none), by the rule above; a query per table that is asked."""
    found: list[int | None] = []
    work = []  # the events whose payload does not name their registration, and what the rule asks of them next
    for index, row in enumerate(rows):
        if row["entity"] == "registrations":
            registration = as_id(row["entity_id"])
        else:
            registration = as_id(event_payload(row["before"], row["after"]).get(REGISTRATION))
        found.append(registration)
        if registration is None:
            payload = event_payload(row["before"], row["after"])
            work.append({
                "index": index, "entity": row["entity"], "number": as_id(row["entity_id"]), REGISTRATION: None,
                DECISION: as_id(payload.get(DECISION)), INTERVIEW: as_id(payload.get(INTERVIEW)),
            })  # fmt: skip
    if not work:
        return found
    _from_rows(connection, work, _BY_REGISTRATION, REGISTRATION)
    _through(connection, [row for row in work if row[REGISTRATION] is None], _BY_DECISION, DECISION, Decision.__table__)
    undecided = [row for row in work if row[REGISTRATION] is None]
    _through(connection, undecided, _BY_INTERVIEW, INTERVIEW, Interview.__table__)
    for row in work:
        found[row["index"]] = row[REGISTRATION]
    return found


def fill_registration_ids(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """Set each event row's registration_id by the rule above."""
    for row, registration in zip(rows, registration_ids(connection, rows), strict=True):
        row["registration_id"] = registration
