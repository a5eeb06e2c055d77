"""Bulk reads: rows as plain tuples straight from the database driver, or streamed in batches; and the key of a row
still to be inserted, for set-based writes (KeyOf).

For the few reads of 100,000 rows (a round's scores) SQLAlchemy's row objects cost more than the query itself.
Values come as the driver gives them (no type conversion): the caller converts what it needs. On a driver without
positional parameters this falls back to an ordinary execute.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import itemgetter
from typing import Any, final

from sqlalchemy import Dialect, Select, Table, insert
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


def streamed_rows(session: Session, statement: Select[Any], batch: int = 2000) -> Iterator[tuple[Any, ...]]:
    """The rows of a read of any size in constant memory: fetched batch by batch (a server-side cursor where the
    database has one), each converted to its Python types; plain rows, never ORM objects."""
    result = session.execute(statement.execution_options(yield_per=batch))
    try:
        for partition in result.partitions():
            yield from partition
    finally:
        result.close()


@dataclass(frozen=True)
class _InsertPlan:
    statement: str
    values: Callable[[dict[str, Any]], tuple[Any, ...]]  # a row's values in the statement's order
    converted: tuple[tuple[int, Callable[[Any], Any]], ...]  # where a value is converted, and how

    def parameters(self, rows: list[dict[str, Any]]) -> list[list[Any]]:
        """Each row's values in the statement's order, converted column by column; a value that is the very object
        the row before held (the one moment of a history append, a run of None) is converted once."""
        parameters = [list(self.values(row)) for row in rows]
        for place, convert in self.converted:
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
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    order = compiled.positiontup or ()
    if sorted(order) != sorted(columns) or not order:
        raise ValueError(f"{table.name}: the insert binds {order}, not {columns}")
    converters = (table.c[key].type.dialect_impl(dialect).bind_processor(dialect) for key in order)
    converted = tuple((place, convert) for place, convert in enumerate(converters) if convert is not None)
    getter = itemgetter(*order)
    values = getter if len(order) > 1 else lambda row: (getter(row),)
    return _InsertPlan(str(compiled), values, converted)


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
