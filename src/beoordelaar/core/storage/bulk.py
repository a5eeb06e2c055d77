"""Bulk reads: rows as plain tuples straight from the database driver, or streamed in batches; and the key of a row
still to be inserted, for set-based writes (KeyOf).

For the few reads of 100,000 rows (a round's scores) SQLAlchemy's row objects cost more than the query itself.
Values come as the driver gives them (no type conversion): the caller converts what it needs. On a driver without
positional parameters this falls back to an ordinary execute.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache
from operator import itemgetter
from typing import Any, final

from sqlalchemy import JSON, DateTime, Dialect, Select, Table, insert
from sqlalchemy.engine import Compiled, Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session


@contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off during a bulk write. Its rows, events and objects all live until
    the write ends, so a collection frees nothing, while each full one walks every object of the process (0.1-0.2 s
    in a process that has loaded the app). Collection goes on as before afterwards; nested use is harmless."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def plain_rows(
    session: Session, statement: Select[Any], parameters: Mapping[str, Any] | None = None
) -> list[tuple[Any, ...]]:
    """parameters: the values of the statement's named bindparams; such a statement, made once (at import), is
    compiled once per dialect, not at every read (a read of a small round costs less than compiling it)."""
    dialect = session.get_bind().dialect
    compiled = _prepared(statement, dialect) if parameters is not None else statement.compile(dialect=dialect)
    if not compiled.positiontup:
        return [tuple(row) for row in session.execute(statement, parameters).all()]
    values = compiled.params if parameters is None else {**compiled.params, **parameters}
    params = [values[name] for name in compiled.positiontup]
    cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(compiled.string, params)
        return cursor.fetchall()
    finally:
        cursor.close()


@lru_cache(maxsize=64)
def _prepared(statement: Select[Any], dialect: Dialect) -> Compiled:
    return statement.compile(dialect=dialect)


def streamed_rows(
    session: Session, statement: Select[Any], batch: int = 2000, parameters: Mapping[str, Any] | None = None
) -> Iterator[tuple[Any, ...]]:
    """The rows of a read of any size in constant memory: fetched batch by batch (a server-side cursor where the
    database has one), each converted to its Python types; plain rows, never ORM objects."""
    result = session.execute(statement.execution_options(yield_per=batch), parameters)
    try:
        for partition in result.partitions():
            yield from partition
    finally:
        result.close()


@dataclass(frozen=True)
class _InsertPlan:
    statement: str
    values: Callable[[dict[str, Any]], tuple[Any, ...]]  # a row's values in the statement's order
    # Where a value is converted, how, and whether by a conversion of SQLAlchemy's own (a type of ours: a score's
    # decimal) rather than one of _faster's.
    converted: tuple[tuple[int, Callable[[Any], Any], bool], ...]

    def parameters(self, rows: list[dict[str, Any]]) -> list[list[Any]]:
        """Each row's values in the statement's order, converted column by column; a value that is the very object
        the row before held (the one moment of a history append, a run of None) is converted once, and so, in a
        column of SQLAlchemy's own conversion, is each object however often it comes (the few decimals of a sheet's
        scores). The rows hold every object until the end, so an object's id is its own meanwhile."""
        parameters = [list(self.values(row)) for row in rows]
        for place, convert, own in self.converted:
            if own:
                memo: dict[int, Any] = {}
                for values in parameters:
                    value = values[place]
                    converted = memo.get(id(value), _NOTHING)
                    if converted is _NOTHING:
                        converted = memo[id(value)] = convert(value)
                    values[place] = converted
                continue
            last, converted = _NOTHING, None
            for values in parameters:
                value = values[place]
                if value is not last:
                    last, converted = value, convert(value)
                values[place] = converted
        return parameters


_NOTHING = object()


@cache
def _insert_plan(table: Table, columns: tuple[str, ...], dialect: Dialect) -> _InsertPlan:
    """The driver's INSERT of these columns and each column's conversion to what the driver takes (the one the
    column's type gives SQLAlchemy itself), made once per table and column list."""
    if dialect.paramstyle == "qmark" and columns:
        # Written out as SQLAlchemy compiles it for these columns (each named and quoted by the dialect's own
        # rules): compiling costs more than a set-based write of a few hundred rows, once per engine and table.
        quote = dialect.identifier_preparer
        named = ", ".join(quote.format_column(table.c[key]) for key in columns)
        statement = f"INSERT INTO {quote.format_table(table)} ({named}) VALUES ({', '.join('?' * len(columns))})"
        order = columns
    else:
        compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
        statement, order = str(compiled), compiled.positiontup or ()
    if sorted(order) != sorted(columns) or not order or any(table.c[key].key != key for key in order):
        raise ValueError(f"{table.name}: the insert binds {order}, not {columns}")
    converted = []
    for place, key in enumerate(order):
        kind = table.c[key].type.dialect_impl(dialect)
        convert = kind.bind_processor(dialect)
        if convert is not None:
            faster = _faster(kind, convert)
            converted.append((place, faster, faster is convert))
    getter = itemgetter(*order)
    values = getter if len(order) > 1 else lambda row: (getter(row),)
    return _InsertPlan(statement, values, tuple(converted))


def json_text(encoder: json.JSONEncoder) -> Callable[[Any], str]:
    """encoder.encode without what it redoes at every call (a C encoder made anew, two Python frames): the same
    text, from a C encoder made once (encoder.encode itself where Python has none). No check for a cycle: the
    values written are trees, and a cycle would still fail (RecursionError)."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None or encoder.indent is not None:
        return encoder.encode
    strings = json.encoder.encode_basestring_ascii if encoder.ensure_ascii else json.encoder.encode_basestring
    chunks = make(
        None, encoder.default, strings, None, encoder.key_separator, encoder.item_separator, encoder.sort_keys,
        encoder.skipkeys, encoder.allow_nan,
    )  # fmt: skip
    join = "".join
    return lambda value: join(chunks(value, 0))


_JSON_DUMPS = json_text(json.JSONEncoder())  # json.dumps(value) with its defaults, as SQLAlchemy's JSON calls it
_MOMENT_PROBES = (datetime(2027, 3, 1, 9, 30, 15, 250), datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59, 999999))
_JSON_PROBES = ({"naam": "Zorg & Co é\n", "n": [1, 2.5, None, True, {"b": "\u2013", "a": []}]}, ["x", 3, {}])


def _faster(kind: Any, convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A conversion that gives what convert gives, faster, for the two a history append makes thousands of: a naive
    moment (its text, as SQLite's DATETIME writes it) and a JSON object or array (json.dumps' text). Taken only
    where it gives convert's very result for probes of each (a storage format or serializer of one's own keeps
    convert); every other value goes to convert."""
    if isinstance(kind, DateTime):

        def moment(value: Any) -> Any:
            if type(value) is datetime and value.tzinfo is None:
                return value.isoformat(" ", "microseconds")
            return convert(value)

        faster, probes = moment, _MOMENT_PROBES
    elif isinstance(kind, JSON):

        def document(value: Any) -> Any:
            kind_of = type(value)
            return _JSON_DUMPS(value) if kind_of is dict or kind_of is list else convert(value)

        faster, probes = document, _JSON_PROBES
    else:
        return convert
    return faster if all(faster(probe) == convert(probe) for probe in probes) else convert


def insert_plain(connection: Connection, table: Table, columns: Sequence[str], rows: list[dict[str, Any]]) -> None:
    """INSERT rows that each name these columns, in row order, with one executemany. On SQLite straight to the
    driver, each value converted as the column's type converts it (SQLAlchemy's own executemany costs more per row
    than the database does); elsewhere SQLAlchemy's executemany."""
    if connection.dialect.name != "sqlite":
        # Inline: no RETURNING of a new id, which on a team server would need the row to be one its writer may read.
        connection.execute(insert(table).inline(), rows)
        return
    plan = _insert_plan(table, tuple(columns), connection.dialect)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    driver_error = connection.dialect.loaded_dbapi.Error
    try:
        cursor.executemany(plan.statement, plan.parameters(rows))
    except driver_error as exc:
        # Raised as SQLAlchemy's own execute raises it, so that a unit of work tells a full disk or a conflict.
        raise DBAPIError.instance(plan.statement, None, exc, driver_error, ismulti=True) from exc
    finally:
        cursor.close()


@final
@dataclass(frozen=True, eq=False)
class KeyOf:
    """In a row for insert_audited: the id of another row of the same call, of a table inserted before this one (a
    new registration's provider, a new answer's registration), filled in once that row is inserted."""

    row: dict[str, Any]

    @property
    def id(self) -> Any:
        return self.row["id"]


@dataclass(frozen=True)
class _Defaults:
    """What an insert of a model's object leaves in each column but the primary key when no value is given: a scalar
    (its Python-side default, or None), in column order, or what a callable default makes."""

    scalars: dict[str, Any]
    made: tuple[tuple[str, Callable[[Any], Any]], ...]
    columns: frozenset[str]  # every column, the primary key's included


@cache
def _column_defaults(model: type[Any]) -> _Defaults:
    scalars: dict[str, Any] = {}
    made = []
    for column in model.__table__.columns:
        default = column.default
        if column.primary_key:
            continue
        if default is not None and default.is_callable:
            scalars[column.key] = None  # keeps the column's place; made below
            made.append((column.key, default.arg))
        else:
            scalars[column.key] = default.arg if default is not None and default.is_scalar else None
    return _Defaults(scalars, tuple(made), frozenset(column.key for column in model.__table__.columns))


def full_rows(model: type[Any], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """full_row(model, **row) for each of many rows (a demo's 20,000): the defaults looked up once."""
    defaults = _column_defaults(model)
    if not all(map(defaults.columns.issuperset, rows)):
        for row in rows:
            full_row(model, **row)  # raises, naming the unknown column
    scalars, made = defaults.scalars, defaults.made
    full = [{**scalars, **row} for row in rows]
    if made:
        for row, values in zip(full, rows, strict=True):
            for key, make in made:
                if key not in values:
                    row[key] = make(None)
    return full


def full_row(model: type[Any], **values: Any) -> dict[str, Any]:
    """A row for insert_audited: the values given, every other column but the primary key as an insert of the object
    leaves it (its Python-side default, or None)."""
    defaults = _column_defaults(model)
    if not defaults.columns.issuperset(values):
        unknown = values.keys() - defaults.columns
        raise ValueError(f"{model.__tablename__}: no column {', '.join(sorted(unknown))}")
    row = {**defaults.scalars, **values}
    for key, make in defaults.made:
        if key not in values:
            row[key] = make(None)
    return row
