"""Do the stored rows still say what their history says? The hash chain shows an event altered, removed or inserted;
it does not show a row of the data tables changed by SQL beside it, a row that no event ever made (a history emptied
or cut off), or an event appended with a correct hash for a change that was never made. So each row of the tables
a decision rests on is held against its events replayed (insert, then each update, or a delete): a row that differs
from its last event, a row without events, and events whose row is gone without a delete, are named in Dutch.

Streamed: the rows and the events of a table are both read in the order of their id and merged, so the check keeps
one row and one row's events in memory, whatever the size of the round. The events come from the read that the
chain check shares (history_reads.py)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Select, Table, exists, select
from sqlalchemy.orm import Session

from beoordelaar.core.record.history_reads import HistoryRead
from beoordelaar.core.record.history_text import HistoryNames, field_label, format_value
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import REDACTED, SCALAR_TYPES, json_ready
from beoordelaar.core.storage.audit_motivation import SCORES, event_motivation_key
from beoordelaar.core.storage.audit_registration import as_id, event_payload
from beoordelaar.core.storage.driver_rows import driver_rows
from beoordelaar.core.text import count_text, word

# The tables checked, each with the column naming its parent: a row gone without a delete event is explained only
# when its parent went too (removing a round deletes its rows in bulk, and the round itself with an event). An
# interview's attendees and points replaced through the app are deleted with an event (the orphans of its lists).
CHECKED_TABLES: dict[str, str | None] = {
    "rounds": None,
    "registrations": "round_id",
    "score_revisions": "registration_id",
    "check_revisions": "registration_id",
    "consensus_scores": "registration_id",
    "requirement_verdicts": "registration_id",
    "decisions": "registration_id",
    "interviews": "registration_id",
    "interview_attendees": "interview_id",
    "interview_points": "interview_id",
}
# Rows that the program itself once removed without an event: until 2 December 2026 an interview's attendees or
# points replaced through the app (a delete-orphan cascade) got none. Such a finding in an older database may be that;
# the check cannot tell it from a removal outside the program, so it says both.
_EARLIER_CAUSE = {
    table: " (of is vóór 2 december 2026 in het programma vervangen: dat kreeg toen nog geen gebeurtenis)"
    for table in ("interview_attendees", "interview_points")
}
_PARENTS = {"round_id": m.Round, "registration_id": m.Registration, "interview_id": m.Interview}
FINDINGS_KEPT = 50  # the findings named; beyond these only counted
_NO_NAMES = HistoryNames()  # a finding names rows and the ids in them by id, as the database holds them


@dataclass(frozen=True)
class Consistency:
    """How many rows were held against their history, how many disagree, and the first of them in words."""

    rows: int
    problems: int
    findings: tuple[str, ...]


def _key(entity_id: Any) -> tuple[int, str]:
    """Ids in the order the database gives both sides: by length, then as text (for whole numbers, their order)."""
    text = str(entity_id)
    return len(text), text


def _same(stored: Any, recorded: Any) -> bool:
    if stored == recorded:
        return True
    if isinstance(stored, str) and isinstance(recorded, str):  # exact values: "7.10" is "7.1", "20/3" a fraction
        try:
            return Fraction(stored) == Fraction(recorded)
        except (ValueError, ZeroDivisionError):
            return False
    return False


def _replayed(events: list[tuple[Any, ...]]) -> tuple[dict[str, Any] | None, str]:
    """The row as its events leave it (None: deleted), and what was out of order in them ('' when nothing)."""
    state: dict[str, Any] | None = None
    for event_id, action, _entity_id, _before, after, *_derived in events:
        if action == "insert":
            if state is not None:
                return state, f"gebeurtenis {event_id} voegt hem nog eens toe"
            state = dict(after or {})
        elif state is None:
            return None, f"gebeurtenis {event_id} {word('action', action)} hem voordat hij is toegevoegd"
        elif action == "update":
            state.update(after or {})
        else:
            state = None
    return state, ""


def _value_text(table: str, column: str, value: Any) -> str:
    """A value as the history views show it (a moment in local time with its zone, a code word in Dutch), quoted."""
    if value is None:
        return "leeg"
    if value == "":
        return "een lege tekst"
    return f"'{format_value(column, value, _NO_NAMES, entity=table)}'"


def _differences(table: str, row: dict[str, Any], state: dict[str, Any]) -> list[str]:
    found = []
    for column, recorded in state.items():
        if column not in row or recorded == REDACTED:
            continue  # a column added by a later migration, or one the history keeps hidden
        stored = row[column]
        if type(stored) in SCALAR_TYPES and stored == recorded:
            continue  # json_ready's value as it is, and the same (most columns of most rows)
        stored = json_ready(stored)
        if not _same(stored, recorded):
            shown, meant = _value_text(table, column, stored), _value_text(table, column, recorded)
            if shown == meant:  # the two differ below what a reader is shown (a microsecond, the 29th digit)
                shown, meant = f"'{stored}'", f"'{recorded}'"
            found.append(f"{field_label(column)} is {shown}, volgens de geschiedenis {meant}")
    return found


def _named(column: str, events: list[tuple[Any, ...]], row: dict[str, Any] | None) -> int | None:
    """The id in column that an event's payload names (a row never moves), else the row's."""
    for _event_id, _action, _entity_id, before, after, *_ in events:
        if (named := as_id(event_payload(before, after).get(column))) is not None:
            return named
    return as_id(row.get(column)) if row is not None else None


def _named_registration(
    table: str, events: list[tuple[Any, ...]], row: dict[str, Any] | None, interviews: _InterviewRegistrations
) -> int | None:
    """The registration a row's events belong to (audit_registration.py): the registration's own id; else the one an
    event's payload or the row names; else, through the interview they or the row name, that interview's (an
    interview's attendees and points). The rule's step through a decision is for letters, which are not checked."""
    if table == "registrations":
        return as_id(events[0][2])
    if (registration := _named("registration_id", events, row)) is not None:
        return registration
    interview = _named("interview_id", events, row)
    return interviews(interview) if interview is not None else None


def _registration_text(registration: int | None) -> str:
    return "geen inschrijving" if registration is None else f"inschrijving-id {registration}"


def _key_problem(name: str, entity_id: Any, event_id: int, meant_key: str | None) -> str:
    """A motivation key that is not the one an event should carry, in words: only a new score has one."""
    if meant_key is None:
        return f"{name} {entity_id}: gebeurtenis {event_id} heeft een zoeksleutel, maar geen motivering om te zoeken"
    return f"{name} {entity_id}: de zoeksleutel bij gebeurtenis {event_id} klopt niet met haar motivering"


def _derived_problems(
    table: str, name: str, events: list[tuple[Any, ...]], row: dict[str, Any] | None,
    interviews: _InterviewRegistrations,
) -> list[str]:  # fmt: skip
    """What is wrong with the derived, unhashed columns of a row's events (for most rows nothing)."""
    registration = _named_registration(table, events, row, interviews)
    keyed = table == SCORES  # the only table whose events carry a motivation key (else None)
    problems = []
    for event_id, action, entity_id, _before, after, stored_registration, stored_key in events:
        if stored_registration != registration:
            stored, meant = _registration_text(stored_registration), _registration_text(registration)
            problems.append(
                f"{name} {entity_id}: gebeurtenis {event_id} is opgeslagen bij {stored}, maar hoort bij {meant}"
            )
        meant_key = event_motivation_key(table, action, after) if keyed else None
        if stored_key != meant_key:
            problems.append(_key_problem(name, entity_id, event_id, meant_key))
    return problems


class _ParentsGone:
    """Whether a row's parent is gone, asked once per parent (rows of one registration come together); the answers
    kept are bounded, so memory stays constant."""

    KEPT = 4096

    def __init__(self, session: Session) -> None:
        self._session = session
        self._known: dict[tuple[str, Any], bool] = {}

    def __call__(self, parent: str | None, state: dict[str, Any]) -> bool:
        model = _PARENTS.get(parent) if parent else None
        if model is None or state.get(parent) is None:
            return False
        key = (parent, state[parent])
        if key not in self._known:
            if len(self._known) >= self.KEPT:
                self._known.clear()
            self._known[key] = not self._session.execute(select(exists().where(model.id == state[parent]))).scalar()
        return self._known[key]


class _InterviewRegistrations:
    """The registration of an interview: its row's, or, the row gone (with its round), the one its insert event named
    (a row never moves); asked once per interview, the answers kept bounded."""

    KEPT = 4096

    def __init__(self, session: Session) -> None:
        self._session = session
        self._known: dict[int, int | None] = {}

    def __call__(self, interview: int) -> int | None:
        if interview not in self._known:
            if len(self._known) >= self.KEPT:
                self._known.clear()
            row = select(m.Interview.registration_id).where(m.Interview.id == interview)
            registration = self._session.execute(row).scalar()
            if registration is None:
                e = m.AuditEvent
                inserted = select(e.after).where(
                    e.entity == "interviews", e.entity_id == str(interview), e.action == "insert"
                )
                after = self._session.execute(inserted.order_by(e.id).limit(1)).scalar()
                registration = as_id(event_payload(None, after).get("registration_id"))
            self._known[interview] = registration
        return self._known[interview]


@cache
def _rows_read(table: Table) -> Select[Any]:
    return select(table.c.id, *(c for c in table.columns if c.name != "id")).order_by(table.c.id)


class _Found:
    """What the check has found so far: the rows held against their history, how many rows or events disagree, and
    the first FINDINGS_KEPT of those in words (beyond them only counted, so memory stays constant)."""

    def __init__(self) -> None:
        self.rows = 0
        self.problems = 0
        self.findings: list[str] = []

    def add(self, problem: str) -> None:
        self.problems += 1
        if len(self.findings) < FINDINGS_KEPT:
            self.findings.append(problem)


_ENTITY_ID = itemgetter(2)


def _check_table(
    session: Session, history: HistoryRead, table: Table, parent: str | None, parent_gone: _ParentsGone,
    interviews: _InterviewRegistrations, found: _Found,
) -> None:  # fmt: skip
    """Hold each row of a table against its events (both read in the order of _key, and merged), adding to found
    what disagrees."""
    read = _rows_read(table)
    columns = [column.name for column in read.selected_columns]
    rows = driver_rows(session, read, ready=True)  # as the history writes them: compared as they are
    grouped = groupby(history.table_events(table.name), key=_ENTITY_ID)
    name = word("entity", table.name)
    held = 0
    next_row = next(rows, None)
    next_group = next(grouped, None)
    while next_row is not None or next_group is not None:
        # A row and its events come together (the common case, told without the order's keys).
        matched = next_row is not None and next_group is not None and str(next_row[0]) == next_group[0]
        if not matched:
            row_key = _key(next_row[0]) if next_row is not None else None
            group_key = _key(next_group[0]) if next_group is not None else None
            if group_key is None or (row_key is not None and row_key < group_key):
                held += 1
                found.add(f"{name} {next_row[0]} staat in de database, maar niet in de geschiedenis")
                next_row = next(rows, None)
                continue
            matched = row_key == group_key
        events = list(next_group[1])
        state, disorder = _replayed(events)
        entity_id = events[0][2]
        if disorder:
            found.add(f"{name} {entity_id}: {disorder}")
        row = dict(zip(columns, next_row, strict=True)) if matched else None
        if row is not None:
            held += 1
            if state is None and not disorder:
                found.add(f"{name} {entity_id} is volgens de geschiedenis verwijderd, maar staat nog in de database")
            elif state is not None and row != state and (differences := _differences(table.name, row, state)):
                found.add(f"{name} {entity_id} verschilt van de geschiedenis: {'; '.join(differences)}")
            next_row = next(rows, None)
        elif state is not None and not parent_gone(parent, state):
            found.add(
                f"{name} {entity_id} staat in de geschiedenis, maar is zonder gebeurtenis uit de database verdwenen"
                f"{_EARLIER_CAUSE.get(table.name, '')}"
            )
        for problem in _derived_problems(table.name, name, events, row, interviews):
            found.add(problem)
        next_group = next(grouped, None)
    found.rows += held


def check_consistency(session: Session, history: HistoryRead) -> Consistency:
    """Every row of the checked tables held against its history (its events read by history, a HistoryRead of
    CHECKED_TABLES)."""
    found = _Found()
    tables = m.Base.metadata.tables
    parent_gone, interviews = _ParentsGone(session), _InterviewRegistrations(session)
    for name, parent in CHECKED_TABLES.items():
        _check_table(session, history, tables[name], parent, parent_gone, interviews, found)
    return Consistency(found.rows, found.problems, tuple(found.findings))


def consistency_text(consistency: Consistency) -> str:
    """The disagreements in one Dutch paragraph: how many, then the first of them."""
    verb = "klopt" if consistency.problems == 1 else "kloppen"
    said = (
        f"{count_text(consistency.problems, 'rij of gebeurtenis', 'rijen of gebeurtenissen')} {verb} niet met "
        "de rest (buiten het programma om gewijzigd, toegevoegd of verwijderd): "
    )
    shown = "; ".join(consistency.findings[:5])
    more = consistency.problems - min(5, len(consistency.findings))
    return said + shown + (f"; en nog {more}" if more > 0 else "") + "."
