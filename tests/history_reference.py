"""The straightforward audit verify as it was before the one shared read (history_reads.py), kept as the reference the
new check is compared with: the chain walked in id order (audit.verify_chain of then), and each checked table's
events read on their own and merged with its rows (history_consistency.check_consistency of then). The helpers that
did not change (replaying, comparing, naming) are the module's own; the derived columns' check is as it was."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from beoordelaar.core.record.history_consistency import (
    _EARLIER_CAUSE,
    CHECKED_TABLES,
    FINDINGS_KEPT,
    Consistency,
    _differences,
    _InterviewRegistrations,
    _key,
    _key_problem,
    _named_registration,
    _ParentsGone,
    _registration_text,
    _replayed,
)
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import GENESIS, ROW_ACTIONS, ChainBreak, _hashed_fields, event_hash
from beoordelaar.core.storage.audit_motivation import event_motivation_key
from beoordelaar.core.storage.bulk import streamed_rows
from beoordelaar.core.text import WORDS, word


def _derived_problems(
    table: str, name: str, history: list[tuple[Any, ...]], row: dict[str, Any] | None,
    interviews: _InterviewRegistrations,
) -> Iterator[str]:  # fmt: skip
    """What is wrong with the derived, unhashed columns of a row's events."""
    registration = _named_registration(table, history, row, interviews)
    for event_id, action, entity_id, _before, after, stored_registration, stored_key in history:
        if stored_registration != registration:
            stored, meant = _registration_text(stored_registration), _registration_text(registration)
            yield f"{name} {entity_id}: gebeurtenis {event_id} is opgeslagen bij {stored}, maar hoort bij {meant}"
        if stored_key != (meant_key := event_motivation_key(table, action, after)):
            yield _key_problem(name, entity_id, event_id, meant_key)


def reference_chain(session: Session) -> tuple[int, ChainBreak | None]:
    known = WORDS["action"]
    prev = GENESIS
    count = 0
    e = m.AuditEvent
    columns = (e.id, e.at, e.actor, e.source, e.action, e.entity, e.entity_id, e.before, e.after, e.prev_hash, e.hash)
    for event_id, at, actor, source, action, entity, entity_id, before, after, prev_hash, hash_ in streamed_rows(
        session, select(*columns).order_by(e.id)
    ):
        count += 1
        if prev_hash != prev:
            return count, ChainBreak(event_id, "verwijst niet naar de gebeurtenis ervoor (verwijderd of ingevoegd)")
        fields = _hashed_fields(at.isoformat(), actor, source, action, entity, entity_id, before, after)
        if event_hash(prev, fields) != hash_:
            return count, ChainBreak(event_id, "inhoud klopt niet met de hash (gewijzigd)")
        if action not in known:
            return count, ChainBreak(event_id, f"is een handeling die het programma niet kent ('{action}'; toegevoegd)")
        prev = hash_
    return count, None


def _table_problems(
    session: Session, table: Table, parent: str | None, parent_gone: _ParentsGone, interviews: _InterviewRegistrations
) -> Iterator[tuple[str, bool]]:
    e = m.AuditEvent
    events = streamed_rows(
        session,
        select(e.id, e.action, e.entity_id, e.before, e.after, e.registration_id, e.motivation_key)
        .where(e.entity == table.name, e.action.in_(ROW_ACTIONS))
        .order_by(func.length(e.entity_id), e.entity_id, e.id),
    )
    columns = [c.name for c in table.columns]
    rows = streamed_rows(session, select(table.c.id, *(table.c[c] for c in columns if c != "id")).order_by(table.c.id))
    columns = ["id", *(c for c in columns if c != "id")]
    grouped = groupby(events, key=lambda event: _key(event[2]))
    name = word("entity", table.name)
    next_row = next(rows, None)
    next_group = next(grouped, None)
    while next_row is not None or next_group is not None:
        row_key = _key(next_row[0]) if next_row is not None else None
        group_key = next_group[0] if next_group is not None else None
        if group_key is None or (row_key is not None and row_key < group_key):
            yield f"{name} {next_row[0]} staat in de database, maar niet in de geschiedenis", True
            next_row = next(rows, None)
            continue
        history = list(next_group[1])
        state, disorder = _replayed(history)
        entity_id = history[0][2]
        if disorder:
            yield f"{name} {entity_id}: {disorder}", False
        row = dict(zip(columns, next_row, strict=True)) if row_key == group_key else None
        if row is not None:
            if state is None and not disorder:
                yield f"{name} {entity_id} is volgens de geschiedenis verwijderd, maar staat nog in de database", True
            elif state is not None and (differences := _differences(table.name, row, state)):
                yield f"{name} {entity_id} verschilt van de geschiedenis: {'; '.join(differences)}", True
            else:
                yield "", True
            next_row = next(rows, None)
        elif state is not None and not parent_gone(parent, state):
            yield (
                f"{name} {entity_id} staat in de geschiedenis, maar is zonder gebeurtenis uit de database verdwenen"
                f"{_EARLIER_CAUSE.get(table.name, '')}",
                False,
            )
        for problem in _derived_problems(table.name, name, history, row, interviews):
            yield problem, False
        next_group = next(grouped, None)


def reference_consistency(session: Session) -> Consistency:
    rows = problems = 0
    findings: list[str] = []
    tables = m.Base.metadata.tables
    parent_gone, interviews = _ParentsGone(session), _InterviewRegistrations(session)
    for name, parent in CHECKED_TABLES.items():
        for problem, is_row in _table_problems(session, tables[name], parent, parent_gone, interviews):
            rows += is_row
            if problem:
                problems += 1
                if len(findings) < FINDINGS_KEPT:
                    findings.append(problem)
    return Consistency(rows, problems, tuple(findings))
