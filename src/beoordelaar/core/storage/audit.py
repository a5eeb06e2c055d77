"""The audit trail: every insert, update and delete becomes an AuditEvent in the same transaction.

A listener on the session writes the events after each flush, so no service can forget one. Events form a hash
chain: each carries the SHA-256 of its canonical content and of the event before it, so an event altered, removed or
inserted by hand breaks the chain (audit verify finds the first such event: core/record/history_reads.py).

The chain stays one chain under concurrent writers because writes are serialised in the database itself: a unit of
work starts with the write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-level advisory lock), so what it
reads (the chain's head, the current revision of a score) is what no one else can change before it commits; a unique
previous hash (migration 0017) refuses a fork from any writer that did not take it.
"""

from __future__ import annotations

import hashlib
import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from itertools import compress, groupby, islice, repeat
from operator import contains, itemgetter, le, lt, setitem
from typing import Any

from sqlalchemy import Integer, event, insert, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import InstanceState, Mapper, Session, object_session, sessionmaker

from beoordelaar.core.errors import ConflictError, UserError
from beoordelaar.core.storage.audit_motivation import fill_motivation_keys
from beoordelaar.core.storage.audit_registration import fill_registration_ids
from beoordelaar.core.storage.bulk import KeyOf, insert_plain, json_text
from beoordelaar.core.storage.chain_head import chain_head
from beoordelaar.core.storage.checkpoints import make_checkpoints, note_milestone, write_anchor_files
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.storage.models import AUDITED_TABLES, AuditEvent, Base
from beoordelaar.core.storage.notices import announce
from beoordelaar.core.storage.server_login import server_login
from beoordelaar.core.storage.sqlite_errors import is_unique_violation, storage_problem

GENESIS = "0" * 64
SYSTEM_ACTOR = "systeem"


_SCALARS = (str, int, float, bool, type(None))


# The actions the listener records for a row; every other action is named (record_action).
ROW_ACTIONS = ("insert", "update", "delete")


def json_ready(value: Any) -> Any:
    """The JSON-ready form of a column value (called for every audited value, so the common case comes first)."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(v) for v in value]
    return str(value)


# The types json_ready gives back as they are (a value of one needs no conversion to be stored or compared).
SCALAR_TYPES = frozenset(_SCALARS)


def _plain_values(values: dict[str, Any] | None) -> dict[str, Any] | None:
    if values is None or SCALAR_TYPES.issuperset(map(type, values.values())):
        return values  # JSON-ready as it is (the common case, checked without a Python loop)
    return {k: v if type(v) in SCALAR_TYPES else json_ready(v) for k, v in values.items()}


# json.dumps with these options makes an encoder at every call; the hashed bytes are the same.
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


# _CANONICAL.encode's text, made faster for the appends of thousands of events.
_canonical_text = json_text(_CANONICAL)


def canonical(fields: dict[str, Any]) -> bytes:
    """The hashed form of an event: its fields as compact, sorted JSON (fields already JSON-ready)."""
    return _canonical_text(fields).encode("utf-8")


def event_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + canonical(fields)).hexdigest()


def _event_frame(at: str, actor: str, source: str, action: str, entity: str) -> tuple[str, str, str, str]:
    """canonical()'s text of an event with these fields around its after, before and entity id: the text between
    them, in the sorted order of the keys (action, actor, after, at, before, entity, entity_id, source)."""
    quoted = _canonical_text
    return (
        f'{{"action":{quoted(action)},"actor":{quoted(actor)},"after":', f',"at":{quoted(at)},"before":',
        f',"entity":{quoted(entity)},"entity_id":', f',"source":{quoted(source)}}}',
    )  # fmt: skip


def _framed_text(frame: tuple[str, str, str, str], after: Any, before: Any, entity_id: str | None) -> str:
    """canonical()'s text of one event (as text), its frame written once for the events of one append that share
    it: only the values that differ per event are encoded per event."""
    quoted = _canonical_text
    # An insert's before (None) and an entity id (text) written without the encoder: the same text, for less.
    before_text = "null" if before is None else quoted(before)
    id_text = "null" if entity_id is None else _quoted_text(entity_id) if type(entity_id) is str else quoted(entity_id)
    return "".join((frame[0], quoted(after), frame[1], before_text, frame[2], id_text, frame[3]))


_quoted_text = json.encoder.encode_basestring  # what _CANONICAL (ensure_ascii=False) writes a text as


def _hashed_fields(
    at: str, actor: str, source: str, action: str, entity: str, entity_id: str | None,
    before: dict | None, after: dict | None,
) -> dict[str, Any]:  # fmt: skip
    """An event's hashed fields; at as datetime.isoformat() writes it."""
    return {
        "at": at, "actor": actor, "source": source, "action": action, "entity": entity,
        "entity_id": entity_id, "before": before, "after": after,
    }  # fmt: skip


# pg_advisory_xact_lock's key for "writing to Beoordelaar's database" (the migrations have a key of their own).
WRITE_LOCK = 0x6265_6F6F_7264_0020
# How long a writer waits for another's action to commit before it is told the database is busy (lock_not_available).
WRITE_LOCK_WAIT = "60s"


def lock_for_writing(connection: Connection) -> None:
    """Take the database's write lock for the rest of this transaction. SQLite has one writer by design: BEGIN
    IMMEDIATE (as the first statement: pysqlite then opens no transaction of its own)."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT set_config('lock_timeout', :wait, true)"), {"wait": WRITE_LOCK_WAIT})
        _advisory_lock(connection)
    elif not connection.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _advisory_lock(connection: Connection) -> None:
    """PostgreSQL's write lock, until the transaction ends; taking it again in the same transaction is free."""
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})


def _previous_hash(connection: Connection) -> str:
    """The hash the next event links to: the whole chain's head (on a server read through 0018's function)."""
    return chain_head(connection) or GENESIS


def _append(connection: Connection, rows: list[dict[str, Any]], *, plain: bool = False) -> None:
    """Hash rows onto the chain and insert them; plain: their before and after are JSON-ready already (as
    EventStamp, inserted_event and updated_event make them), else they are made so."""
    if not rows:
        return
    if connection.dialect.name == "postgresql":
        _advisory_lock(connection)  # a writer outside unit_of_work must not fork the chain either
    prev = _previous_hash(connection)
    at, at_text = None, ""  # the events of one append share their moment: written out once
    frames: dict[tuple[str, str, str, str, str], tuple[str, str, str, str]] = {}
    sha256 = hashlib.sha256
    for row in rows:
        if plain:
            before, after = row["before"], row["after"]
        else:
            row["before"] = before = _plain_values(row["before"])
            row["after"] = after = _plain_values(row["after"])
        row["prev_hash"] = prev
        if row["at"] is not at:
            at, at_text = row["at"], row["at"].isoformat()
        shared = (at_text, row["actor"], row["source"], row["action"], row["entity"])
        frame = frames.get(shared)
        if frame is None:
            frame = frames[shared] = _event_frame(*shared)
        text = _framed_text(frame, after, before, row["entity_id"])
        row["hash"] = prev = sha256(prev.encode("ascii") + text.encode("utf-8")).hexdigest()
    fill_registration_ids(connection, rows)
    fill_motivation_keys(rows)
    # One executemany keeps the ids, and so the chain, in list order.
    insert_plain(connection, AuditEvent.__table__, _EVENT_COLUMNS, rows)
    announce(connection, (row["entity"] for row in rows))


_EVENT_COLUMNS = (
    "at", "actor", "source", "action", "entity", "entity_id", "before", "after", "prev_hash", "hash",
    "registration_id", "motivation_key",
)  # fmt: skip


REDACTED = "[verborgen]"


def _redact(obj: Any, values: dict[str, Any]) -> dict[str, Any]:
    for key in getattr(obj, "__audit_redacted__", ()):
        if values.get(key) is not None:
            values[key] = REDACTED
    return values


@cache
def _keys(mapper: Mapper[Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A mapper's primary-key attribute names and all its column attribute names (asked for every audited row)."""
    primary = tuple(mapper.get_property_by_column(column).key for column in mapper.primary_key)
    return primary, tuple(attr.key for attr in mapper.column_attrs)


@cache
def _model_keys(model: type[Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return _keys(inspect(model))


def _columns(obj: Any, state: InstanceState) -> dict[str, Any]:
    loaded = state.dict
    values = {key: loaded[key] if key in loaded else getattr(obj, key) for key in _keys(state.mapper)[1]}
    return _redact(obj, values)


def _changes(obj: Any, state: InstanceState) -> tuple[dict[str, Any], dict[str, Any]]:
    before, after = {}, {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if history.has_changes():
            before[attr.key] = history.deleted[0] if history.deleted else None
            after[attr.key] = history.added[0] if history.added else None
    return _redact(obj, before), _redact(obj, after)


def _identity(identity: tuple[Any, ...]) -> str:
    return str(identity[0]) if len(identity) == 1 else ",".join(map(str, identity))


# session.info's key for the objects the flush under way deleted: the orphans of a delete-orphan cascade among them,
# which session.deleted (what session.delete() was given) does not hold.
_DELETED = "audit_deleted"


def _start_flush(session: Session, _flush_context: Any, _instances: Any) -> None:
    session.info.pop(_DELETED, None)  # what a failed flush before this one noted


def _note_deleted(_mapper: Mapper[Any], _connection: Connection, target: Any) -> None:
    session = object_session(target)
    if session is not None:
        session.info.setdefault(_DELETED, []).append(target)


def _after_flush(session: Session, _flush_context: Any) -> None:
    actor = session.info.get("actor", SYSTEM_ACTOR)
    source = session.info.get("source", "app")
    at = utcnow()
    rows: list[dict[str, Any]] = []

    def row(action: str, entity: str, identity: tuple, before: dict | None, after: dict | None) -> dict[str, Any]:
        return {
            "at": at, "actor": actor, "source": source, "action": action,
            "entity": entity, "entity_id": _identity(identity), "before": before, "after": after,
        }  # fmt: skip

    def audited(objects: Iterable[Any]) -> list[tuple[str, tuple, Any, InstanceState]]:
        chosen = []
        for obj in objects:
            entity = getattr(obj, "__tablename__", None)
            if entity in AUDITED_TABLES:
                state = inspect(obj)
                # New rows have no identity key yet in after_flush, but their primary key is filled in.
                loaded = state.dict
                identity = tuple(loaded.get(key) for key in _keys(state.mapper)[0])
                chosen.append((entity, identity, obj, state))
        chosen.sort(key=lambda item: (item[0], item[1]))
        return chosen

    for entity, identity, obj, state in audited(session.new):
        rows.append(row("insert", entity, identity, None, _columns(obj, state)))
    for entity, identity, obj, state in audited(session.dirty):
        before, after = _changes(obj, state)
        if after or before:
            rows.append(row("update", entity, identity, before, after))
    for entity, identity, obj, state in audited(set(session.deleted).union(session.info.pop(_DELETED, ()))):
        rows.append(row("delete", entity, identity, _columns(obj, state), None))
    _append(session.connection(), rows)


_HIGHEST_ROWID = 2**63 - 1


def _inserted_keys(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Insert rows and return their primary keys, in row order, through the table's own Core insert (the rows are
    plain values already, and the ORM's bulk path costs more per row than the database does).

    Keys the rows give (a lot link's) are theirs: a plain executemany. On SQLite an executemany too: a new row gets
    the highest id plus one (below the highest possible id), so the rows get the ids after the highest before, in
    row order; checked after. Elsewhere a multi-row INSERT ... RETURNING, which gives back no promised order: each
    returned row is checked against the row it should be, with keys ascending as one-at-a-time inserts give them;
    otherwise the insert is undone to a savepoint (which pysqlite cannot do, hence not on SQLite) and done again a
    row at a time, in order."""
    primary, columns = _keys(inspect(model))
    table = model.__table__
    given = [key for key in columns if key not in primary]
    returned = [table.c[key] for key in (*primary, *given)]
    width = len(primary)
    connection = session.connection()
    if all(key in row for row in rows for key in primary):
        insert_plain(connection, table, (*primary, *given), rows)
        return [tuple(row[key] for key in primary) for row in rows]
    if connection.dialect.name == "sqlite":
        key = table.c[primary[0]]
        # Plain SQL: the two reads cost less than compiling them (a statement is compiled once per engine).
        quote = connection.dialect.identifier_preparer
        named, keyed = quote.format_table(table), quote.format_column(key)
        highest = connection.exec_driver_sql(f"SELECT max({keyed}) FROM {named}").scalar() or 0
        if width == 1 and isinstance(key.type, Integer) and highest + len(rows) < _HIGHEST_ROWID:
            insert_plain(connection, table, given, rows)
            count, top = connection.exec_driver_sql(
                f"SELECT count(*), max({keyed}) FROM {named} WHERE {keyed} > ?", (highest,)
            ).one()
            if count != len(rows) or top != highest + len(rows):  # the unit of work is rolled back whole
                raise RuntimeError(f"{table.name}: SQLite gave {count} new rows other ids than the next ones")
            return [(highest + index,) for index in range(1, len(rows) + 1)]
    else:
        with session.begin_nested() as savepoint:
            back = connection.execute(insert(table).returning(*returned), rows).all()
            keys = [tuple(b[:width]) for b in back]
            if keys == sorted(keys) and all(
                tuple(b[width:]) == tuple(row[k] for k in given) for b, row in zip(back, rows, strict=True)
            ):
                return keys
            savepoint.rollback()
    ordered = insert(table).returning(*returned[:width], sort_by_parameter_order=True)
    return [tuple(key) for key in connection.execute(ordered, rows).all()]


def insert_audited(session: Session, rows: list[tuple[type[Any], dict[str, Any]]], *, one_flush: bool = False) -> None:
    """Insert rows of audited tables, each (model, row), with one statement per table, and append their insert events
    in one go, in the order given: the very events, with the very hashes, that adding the rows to the session one at
    a time (a flush after each) would give; with one_flush, in the order that adding them all and one flush gives
    (by table name, then primary key). Every row names every column but the primary key (the history records what
    is stored); each gets its primary key filled in. The tables are inserted in the order they first appear, so a
    value KeyOf(row) takes the id of a row of a table listed earlier."""
    if not rows:
        return
    session.flush()  # what is pending was changed first, so it goes first in the chain
    insert_rows(session, rows)
    if one_flush:
        rows = _in_flush_order(rows)
    stamp = event_stamp(session)
    events: list[dict[str, Any]] = []
    for model, run in groupby(rows, key=itemgetter(0)):  # each run of one table's rows made at once
        events += inserted_events(stamp, model, list(map(itemgetter(1), run)))
    append_events(session, events)


def _in_flush_order(rows: list[tuple[type[Any], dict[str, Any]]]) -> list[tuple[type[Any], dict[str, Any]]]:
    """The rows by table name, then primary key (as sorted(rows, key=_flush_order)): a table's rows are mostly in
    key order already (ids given in row order), so each table's rows are only checked, and sorted where not."""
    tables: dict[type[Any], list[tuple[type[Any], dict[str, Any]]]] = {}
    for item in rows:
        tables.setdefault(item[0], []).append(item)
    ordered: list[tuple[type[Any], dict[str, Any]]] = []
    for model in sorted(tables, key=lambda model: model.__tablename__):
        items = tables[model]
        keys = list(map(_getter(_model_keys(model)[0]), map(itemgetter(1), items)))
        if not all(map(lt, keys, islice(keys, 1, None))):
            items = sorted(items, key=_flush_order)
        ordered += items
    return ordered


def _flush_order(item: tuple[type[Any], dict[str, Any]]) -> tuple[str, tuple[Any, ...]]:
    model, row = item
    return model.__tablename__, _getter(_model_keys(model)[0])(row)


def insert_rows(session: Session, rows: list[tuple[type[Any], dict[str, Any]]]) -> None:
    """insert_audited's writing half: the rows inserted, one statement per table, each given its primary key; no
    history (the caller appends the rows' inserted_event)."""
    tables: dict[type[Any], list[dict[str, Any]]] = {}
    for model, row in rows:
        tables.setdefault(model, []).append(row)
    for model, table_rows in tables.items():
        primary, columns = _model_keys(model)
        if any(model.__table__.c[key].key != key for key in columns):
            raise ValueError(f"{model.__tablename__}: an attribute named otherwise than its column")
        required = frozenset(columns) - frozenset(primary)
        # Each row checked, and the rows that hold a KeyOf found, by C loops (a demo inserts 20,000 rows at once).
        if not all(map(le, repeat(required), map(dict.keys, table_rows))):
            missing = next(required - row.keys() for row in table_rows if not required <= row.keys())
            raise ValueError(f"{model.__tablename__}: a row without {', '.join(sorted(missing))}")
        keyed = map(contains, map(map, repeat(type), map(dict.values, table_rows)), repeat(KeyOf))
        for row in compress(table_rows, keyed):
            for key, value in row.items():
                if type(value) is KeyOf:  # final: no subclass to look for
                    row[key] = value.id
        keys = _inserted_keys(session, model, table_rows)
        if len(keys) != len(table_rows):
            raise RuntimeError(f"{model.__tablename__}: {len(keys)} keys for {len(table_rows)} rows")
        if len(primary) == 1:
            (name,) = primary
            deque(map(setitem, table_rows, repeat(name), map(itemgetter(0), keys)), maxlen=0)
        else:
            for row, key in zip(table_rows, keys, strict=True):
                row.update(zip(primary, key, strict=True))


@dataclass(frozen=True)
class EventStamp:
    """When, by whom and from where the events of one append are: as the session's flush would stamp them."""

    at: datetime
    actor: str
    source: str

    def event(
        self, action: str, entity: str, entity_id: str | None, before: dict | None, after: dict | None
    ) -> dict[str, Any]:
        """An event for append_events, its before and after made JSON-ready here (append_events takes them so)."""
        return {
            "at": self.at, "actor": self.actor, "source": self.source, "action": action, "entity": entity,
            "entity_id": entity_id, "before": _plain_values(before), "after": _plain_values(after),
        }  # fmt: skip


def event_stamp(session: Session) -> EventStamp:
    return EventStamp(utcnow(), session.info.get("actor", SYSTEM_ACTOR), session.info.get("source", "app"))


def inserted_event(stamp: EventStamp, model: type[Any], row: dict[str, Any]) -> dict[str, Any]:
    """The insert event of a row insert_rows inserted, as the session's flush of the same object writes it."""
    return inserted_events(stamp, model, [row])[0]


def inserted_events(stamp: EventStamp, model: type[Any], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """inserted_event of each of many rows of one model, made column by column: a column whose values are all
    JSON-ready as they are is taken as it is, one of a single other type (a revision's moments or decimals) is
    converted by one C call per value."""
    columns, values_of, identity_of, redacted, entity = _inserted_plan(model)
    by_column: list[Any] = list(zip(*map(values_of, rows), strict=True))
    for place, values in enumerate(by_column):
        kinds = set(map(type, values))
        if not SCALAR_TYPES.issuperset(kinds):
            ready = _READY_BY_TYPE.get(kinds.pop()) if len(kinds) == 1 else None
            by_column[place] = map(ready_value if ready is None else ready, values)
    afters = list(map(dict, map(zip, repeat(columns), zip(*by_column, strict=True))))
    if redacted:
        for after in afters:
            _redact(model, after)
    at, actor, source = stamp.at, stamp.actor, stamp.source
    return [
        {"at": at, "actor": actor, "source": source, "action": "insert", "entity": entity, "entity_id": entity_id,
         "before": None, "after": after}
        for entity_id, after in zip(map(identity_of, rows), afters, strict=True)
    ]  # fmt: skip


def ready_value(value: Any) -> Any:
    """json_ready(value), without its checks for the types _READY_BY_TYPE converts."""
    kind = type(value)
    if kind in SCALAR_TYPES:
        return value
    ready = _READY_BY_TYPE.get(kind)
    return json_ready(value) if ready is None else ready(value)


_READY_BY_TYPE: dict[type, Callable[[Any], Any]] = {Decimal: str, datetime: datetime.isoformat, date: date.isoformat}


@cache
def _inserted_plan(
    model: type[Any],
) -> tuple[tuple[str, ...], Callable[[dict[str, Any]], tuple[Any, ...]], Callable[[dict[str, Any]], str], bool, str]:
    """What inserted_event asks of a model, once: its columns and their getter, the entity id of a row, whether it
    redacts a column, its table."""
    primary, columns = _model_keys(model)
    if len(primary) == 1:
        (key,) = primary
        identity_of: Callable[[dict[str, Any]], str] = lambda row: str(row[key])  # noqa: E731
    else:
        keys = _getter(primary)
        identity_of = lambda row: _identity(keys(row))  # noqa: E731
    return columns, _getter(columns), identity_of, bool(getattr(model, "__audit_redacted__", ())), model.__tablename__


@cache
def _getter(keys: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """The values of these keys of a row, as a tuple (one C call per row)."""
    getter = itemgetter(*keys)
    return getter if len(keys) > 1 else lambda row: (getter(row),)


def updated_event(stamp: EventStamp, obj: Any, before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The update event of a loaded object's changed columns (in the mapper's order), as its flush writes it."""
    state = inspect(obj)
    identity = _identity(tuple(state.dict.get(key) for key in _keys(state.mapper)[0]))
    return stamp.event("update", obj.__tablename__, identity, _redact(obj, before), _redact(obj, after))


def append_events(session: Session, events: list[dict[str, Any]]) -> None:
    """Append events made by EventStamp.event, inserted_event or updated_event to the chain, in order, in one go
    (hashed and inserted at once)."""
    _append(session.connection(), events, plain=True)


def install(factory: sessionmaker[Session]) -> None:
    """Make every session of this factory write its audit events."""
    event.listen(factory, "before_flush", _start_flush)
    event.listen(factory, "after_flush", _after_flush)
    if not event.contains(Base, "after_delete", _note_deleted):
        event.listen(Base, "after_delete", _note_deleted, propagate=True)


def record_action(
    session: Session, action: str, entity: str, entity_id: str | None = None, details: dict | None = None
) -> None:
    """Record a named user action (an import, a merged return file) in the chain, beside its row changes."""
    session.flush()
    _append(
        session.connection(),
        [
            {
                "at": utcnow(), "actor": session.info.get("actor", SYSTEM_ACTOR),
                "source": session.info.get("source", "app"), "action": action, "entity": entity,
                "entity_id": entity_id, "before": None, "after": details,
            }
        ],
    )  # fmt: skip
    note_milestone(session, action, entity, entity_id)


@contextmanager
def unit_of_work(factory: sessionmaker[Session], actor: str, source: str = "app") -> Iterator[Session]:
    """One user action: one transaction, committed whole or rolled back whole, audited under actor and source.

    A full disk or a database locked by another program is the user's world, not our bug: it becomes a UserError
    with a Dutch message, after the rollback (nothing changed). An action that reached a milestone of a round ends
    with a signed checkpoint of the chain, copied outside the database once committed (checkpoints.py).

    It holds the database's write lock from its start (lock_for_writing), so what it reads is what it changes: a
    second writer waits for it to commit. A unique constraint that still refuses a row (a writer that took no lock,
    or the same new row saved twice) is a ConflictError: someone else saved first."""
    try:
        with factory.begin() as session:
            # On a team server the login is who acts, not a name the app was given (server_login.py).
            session.info["actor"] = server_login(session) or actor
            session.info["source"] = source
            lock_for_writing(session.connection())
            yield session
            make_checkpoints(session)
    except IntegrityError as exc:
        if not is_unique_violation(exc):
            raise
        raise ConflictError() from exc
    except DBAPIError as exc:
        problem = storage_problem(exc)
        if problem is None:
            raise
        raise UserError(problem.message) from exc
    write_anchor_files(session)


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    problem: str


def head_hash(session: Session) -> str:
    return _previous_hash(session.connection())
