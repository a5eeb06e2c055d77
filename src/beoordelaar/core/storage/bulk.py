"""Bulk reads: rows as plain tuples straight from the database driver, or streamed in batches; and the key of a row
still to be inserted, for set-based writes (KeyOf).

For the few reads of 100,000 rows (a round's scores) SQLAlchemy's row objects cost more than the query itself.
Values come as the driver gives them (no type conversion): the caller converts what it needs. On a driver without
positional parameters this falls back to an ordinary execute.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import itemgetter
from typing import Any, final

from sqlalchemy import Dialect, Select, Table, insert
from sqlalchemy.engine import Compiled, Connection
from sqlalchemy.orm import Session


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

    def all_parameters(self, rows: list[dict[str, Any]]) -> list[list[Any]]:
        """Every row's parameters; a value that is the very object of the row before (the one moment of a batch of
        events, an empty before) converted once."""
        found = []
        last = [(_NONE_YET, None) for _ in self.converted]
        for row in rows:
            values = list(self.values(row))
            for index, (place, convert) in enumerate(self.converted):
                value = values[place]
                seen, done = last[index]
                if value is not seen:
                    done = convert(value)
                    last[index] = (value, done)
                values[place] = done
            found.append(values)
        return found


_NONE_YET = object()


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
    try:
        cursor.executemany(plan.statement, plan.all_parameters(rows))
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


_GIVEN = object()  # a primary key column: left out unless given


@cache
def _column_defaults(model: type[Any]) -> tuple[tuple[str, Any, Callable[[Any], Any] | None], ...]:
    """Per column of the model: its key, what an insert of the object leaves there when no value is given (a scalar
    default, or _GIVEN for the primary key), or the callable default that makes it."""
    found = []
    for column in model.__table__.columns:
        default = column.default
        if column.primary_key:
            found.append((column.key, _GIVEN, None))
        elif default is not None and default.is_callable:
            found.append((column.key, None, default.arg))
        else:
            found.append((column.key, default.arg if default is not None and default.is_scalar else None, None))
    return tuple(found)


def full_row(model: type[Any], **values: Any) -> dict[str, Any]:
    """A row for insert_audited: the values given, every other column but the primary key as an insert of the object
    leaves it (its Python-side default, or None)."""
    row = {}
    for key, default, make in _column_defaults(model):
        if key in values:
            row[key] = values[key]
        elif make is not None:
            row[key] = make(None)
        elif default is not _GIVEN:
            row[key] = default
    if not values.keys() <= row.keys():
        unknown = values.keys() - row.keys()
        raise ValueError(f"{model.__tablename__}: no column {', '.join(sorted(unknown))}")
    return row
