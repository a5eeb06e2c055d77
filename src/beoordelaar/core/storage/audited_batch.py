"""A set-based write of inserts, updates of loaded rows and named actions, with the history of making them one by one.

insert_audited takes new rows only; a bulk settlement also changes rows the session holds (a registration whose
discussion it opens) and records actions between them. An AuditedBatch gathers those changes in order and writes
them with one statement per table (and per set of changed columns), then appends their events in one go, in the
order they were added: the events, with the hashes, that making each change on its own gives (a flush after each
insert or update, record_action for an action).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, inspect, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from beoordelaar.core.storage.audit import (
    EventStamp,
    append_events,
    event_stamp,
    insert_rows,
    inserted_event,
    updated_event,
)
from beoordelaar.core.storage.checkpoints import note_milestone


@dataclass
class AuditedBatch:
    _steps: list[tuple[str, Any, Any]] = field(default_factory=list)
    # A loaded object's values as this batch leaves them, before they are written (by id of the object).
    _pending: dict[int, tuple[Any, dict[str, Any]]] = field(default_factory=dict)

    def insert(self, model: type[Any], row: dict[str, Any]) -> None:
        """A new row, as for insert_audited: every column but the primary key."""
        self._steps.append(("insert", model, row))

    def update(self, obj: Any, **values: Any) -> bool:
        """New values for columns of a loaded object; whether any differs from what the object holds."""
        state = inspect(obj)
        _obj, pending = self._pending.get(id(obj), (obj, {}))
        held = {**state.dict, **pending}
        order = [attr.key for attr in state.mapper.column_attrs if attr.key in values]
        # A column not loaded is a change with no value before, as the session's flush records it.
        changed = [key for key in order if key not in held or held[key] != values[key]]
        now = {key: held.get(key) for key in changed}
        if not changed:
            return False
        before, after = now, {key: values[key] for key in changed}
        self._pending[id(obj)] = (obj, {**pending, **after})
        self._steps.append(("update", obj, (before, after)))
        return True

    def action(self, action: str, entity: str, entity_id: str | None = None, details: dict | None = None) -> None:
        """A named action, as record_action records it, in its place among the changes."""
        self._steps.append(("action", (action, entity, entity_id), details))

    def write(self, session: Session) -> None:
        if not self._steps:
            return
        session.flush()  # what is pending was changed first, so it goes first in the chain
        insert_rows(session, [(model, row) for kind, model, row in self._steps if kind == "insert"])
        self._write_updates(session)
        stamp = event_stamp(session)
        append_events(session, [_event(stamp, kind, what, values) for kind, what, values in self._steps])
        for kind, what, _details in self._steps:
            if kind == "action":
                note_milestone(session, *what)
        self._steps, self._pending = [], {}

    def _write_updates(self, session: Session) -> None:
        """Each object's final values, one executemany per table and set of columns; the loaded objects then hold
        them as stored (not as changes of their own for the session to flush again)."""
        groups: dict[tuple[Any, tuple[str, ...]], list[tuple[Any, dict[str, Any]]]] = {}
        for obj, values in self._pending.values():
            groups.setdefault((type(obj), tuple(values)), []).append((obj, values))
        connection = session.connection()
        for (model, columns), objects in groups.items():
            mapper = inspect(model)
            primary = [mapper.get_property_by_column(column).key for column in mapper.primary_key]
            table = model.__table__
            statement = update(table).values({key: bindparam(f"new_{key}") for key in columns})
            for key in primary:
                statement = statement.where(table.c[key] == bindparam(f"key_{key}"))
            connection.execute(
                statement,
                [
                    {**{f"key_{key}": getattr(obj, key) for key in primary},
                     **{f"new_{key}": value for key, value in values.items()}}
                    for obj, values in objects
                ],
            )  # fmt: skip
            for obj, values in objects:
                for key, value in values.items():
                    set_committed_value(obj, key, value)


def _event(stamp: EventStamp, kind: str, what: Any, values: Any) -> dict[str, Any]:
    if kind == "insert":
        return inserted_event(stamp, what, values)
    if kind == "update":
        return updated_event(stamp, what, *values)
    action, entity, entity_id = what
    return stamp.event(action, entity, entity_id, None, values)
