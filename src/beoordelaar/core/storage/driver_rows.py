"""A streamed read of any size as plain tuples straight from the database driver, each value converted as
SQLAlchemy itself would convert it (the column type's own result processor), without its per-row result objects.

For the one read of a whole history (audit verify: 100,000 events) SQLAlchemy's result processing costs about as
much as hashing the events. On a driver without positional parameters (psycopg) the read is streamed_rows (a
server-side cursor), which converts the same way.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import JSON, DateTime, Dialect, Select
from sqlalchemy.engine import Compiled
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from beoordelaar.core.storage.bulk import streamed_rows

Converters = tuple[tuple[int, Callable[[Any], Any]], ...]


def driver_rows(
    session: Session, statement: Select[Any], parameters: Mapping[str, Any] | None = None
) -> Iterator[Sequence[Any]]:
    """The rows of statement in constant memory (the driver's cursor is read as it goes), converted as
    session.execute would convert them. parameters: the values of the statement's named bindparams (a statement
    made once is compiled once per database)."""
    dialect = session.get_bind().dialect
    compiled, converters = _plan(statement, dialect)
    if compiled.positiontup is None or dialect.name != "sqlite":
        yield from streamed_rows(session, statement, parameters=parameters)
        return
    values = compiled.params if parameters is None else {**compiled.params, **parameters}
    params = [values[name] for name in compiled.positiontup]
    cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    driver_error = dialect.loaded_dbapi.Error
    try:
        cursor.execute(compiled.string, params)
        if not converters:
            yield from cursor
            return
        if len(converters) == 3:  # a history's moment, before and after: the loop written out
            (first, one), (second, two), (third, three) = converters
            for row in cursor:
                converted = list(row)
                converted[first], converted[second], converted[third] = (
                    one(converted[first]),
                    two(converted[second]),
                    three(converted[third]),
                )
                yield converted
            return
        for row in cursor:
            converted = list(row)
            for place, convert in converters:
                converted[place] = convert(converted[place])
            yield converted
    except driver_error as exc:
        # Raised as SQLAlchemy's own execute raises it, so that a full disk (a sort takes room) is told in Dutch.
        raise DBAPIError.instance(compiled.string, params, exc, driver_error) from exc
    finally:
        cursor.close()


@lru_cache(maxsize=64)
def _plan(statement: Select[Any], dialect: Dialect) -> tuple[Compiled, Converters]:
    """The statement compiled once (an IN list written out) and where each column's value is converted, how."""
    compiled = statement.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    converters = []
    for place, column in enumerate(statement.selected_columns):
        kind = column.type.dialect_impl(dialect)
        convert = kind.result_processor(dialect, None)
        if convert is not None:
            converters.append((place, _faster(kind, convert)))
    return compiled, tuple(converters)


def _faster(kind: Any, convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    if isinstance(kind, DateTime):
        return _moment(convert)
    if isinstance(kind, JSON):
        return _document(convert)
    return convert


_NOTHING = object()
_MOMENT_PROBES = ("2027-03-01 09:30:15.000250", "0001-01-01 00:00:00.000000", "9999-12-31 23:59:59.999999")


def _moment(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """convert for a stored moment, faster for the text the column writes (which reads back as it was written, so
    as convert reads it; checked on probes): the last one kept, as the events of one append share their moment.
    Any other value goes to convert itself."""
    if not all(convert(probe) == datetime.fromisoformat(probe) for probe in _MOMENT_PROBES):
        return convert
    last_text, last = _NOTHING, None

    def moment(value: Any) -> Any:
        nonlocal last_text, last
        if value == last_text:
            return last
        if type(value) is str and len(value) == 26 and value[10] == " ":
            try:
                read = datetime.fromisoformat(value)
            except ValueError:
                return convert(value)
            if read.isoformat(" ", "microseconds") == value:
                last_text, last = value, read
                return read
        return convert(value)

    return moment


_DOCUMENT_PROBES = (
    '{"naam":"Zorg & Co \\u00e9\\n","n":[1,2.5,null,true,{"b":"\\u2013","a":[]}]}',
    '["x", 3, {}]',
    "null",
    "7",
)


def _document(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """convert for a stored JSON document where it is json.loads (checked on probes): the standard library's scanner
    called at once, without json.loads' two Python frames, for a text that is one JSON value from its first to its
    last character (as written); any other value goes to convert itself."""
    scan = json.decoder.JSONDecoder().scan_once
    if not all(convert(probe) == json.loads(probe) for probe in _DOCUMENT_PROBES):
        return convert

    def document(value: Any) -> Any:
        if type(value) is str:
            try:
                read, end = scan(value, 0)
            except StopIteration:
                return convert(value)
            if end == len(value):
                return read
        return convert(value)

    return document
