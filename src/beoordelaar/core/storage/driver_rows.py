"""A streamed read of any size as plain tuples straight from the database driver, each value converted as
SQLAlchemy itself would convert it (the column type's own result processor), without its per-row result objects.

For the one read of a whole history (audit verify: 100,000 events) SQLAlchemy's result processing costs about as
much as hashing the events. On a driver without positional parameters (psycopg) the read is streamed_rows (a
server-side cursor), which converts the same way.

Asked for ready rows, each value of a column that is not of a plain type (text, whole numbers, booleans) is given as
json_ready would give the converted value (the form the history writes a row in), straight from what the driver gives
where that is faster: a moment's stored text written out as its isoformat, a JSON document as parsed (its own ready
form), any other converted value once per distinct short stored text. A plain column's value is the driver's (on
SQLite a value put in by hand may be of another type: a reader that compares values makes it ready itself).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Dialect,
    Integer,
    Select,
    SmallInteger,
    String,
    Text,
    Unicode,
    UnicodeText,
)
from sqlalchemy.engine import Compiled
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from beoordelaar.core.storage.audit import SCALAR_TYPES, ready_value
from beoordelaar.core.storage.bulk import streamed_rows

Converters = tuple[tuple[int, Callable[[Any], Any]], ...]


def driver_rows(
    session: Session, statement: Select[Any], parameters: Mapping[str, Any] | None = None, *, ready: bool = False
) -> Iterator[Sequence[Any]]:
    """The rows of statement in constant memory (the driver's cursor is read as it goes), converted as
    session.execute would convert them; with ready, the values of columns not of a plain type then as json_ready
    gives them (see the module's note). parameters: the values
    of the statement's named bindparams (a statement made once is compiled once per database)."""
    dialect = session.get_bind().dialect
    compiled, converters = _plan(statement, dialect, ready)
    if compiled.positiontup is None or dialect.name != "sqlite":
        streamed = streamed_rows(session, statement, parameters=parameters)
        if not ready:
            yield from streamed
            return
        for row in streamed:
            yield [value if type(value) in SCALAR_TYPES else ready_value(value) for value in row]
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


# Column types whose values the driver gives as json_ready leaves them (text, whole numbers, booleans, None).
_PLAIN_TYPES = (Integer, BigInteger, SmallInteger, String, Text, Unicode, UnicodeText, Boolean)


@lru_cache(maxsize=64)
def _plan(statement: Select[Any], dialect: Dialect, ready: bool) -> tuple[Compiled, Converters]:
    """The statement compiled once (an IN list written out) and where each column's value is converted, how."""
    compiled = statement.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    converters = []
    for place, column in enumerate(statement.selected_columns):
        kind = column.type.dialect_impl(dialect)
        convert = kind.result_processor(dialect, None)
        if ready and type(column.type) not in _PLAIN_TYPES:  # exactly those: a type of ours may convert
            converters.append((place, _ready(kind, convert or _as_is)))
        elif convert is not None:
            converters.append((place, _faster(kind, convert)))
    return compiled, tuple(converters)


def _as_is(value: Any) -> Any:
    return value


def _faster(kind: Any, convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    if isinstance(kind, DateTime):
        return _moment(convert) or convert
    if isinstance(kind, JSON):
        return _document(convert) or convert
    return convert


def _ready(kind: Any, convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """ready_value(convert(value)), faster: see the module's note."""
    if isinstance(kind, DateTime) and (moment := _moment(convert, ready_value)) is not None:
        return moment
    if isinstance(kind, JSON) and (document := _document(convert)) is not None:
        return document  # a parsed document holds only JSON's own types: json_ready gives it back equal
    return _remembered(lambda value: ready_value(convert(value)))


_REMEMBERED_LENGTH = 64


def _remembered(ready: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """ready, once per distinct stored text (only text: 7 == 7.0 == True as keys, but not as what is stored; only
    short text, as the column's own values are: what is kept stays small), the answers kept bounded."""
    known: dict[str, Any] = {}

    def remembered(value: Any) -> Any:
        if type(value) is not str or len(value) > _REMEMBERED_LENGTH:
            return ready(value)
        try:
            return known[value]
        except KeyError:
            answer = ready(value)
            if type(answer) in SCALAR_TYPES:  # never one object for the rows to share that one of them could change
                if len(known) >= 4096:
                    known.clear()
                known[value] = answer
            return answer

    return remembered


_NOTHING = object()
_MOMENT_PROBES = ("2027-03-01 09:30:15.000250", "0001-01-01 00:00:00.000000", "9999-12-31 23:59:59.999999")


def _moment(convert: Callable[[Any], Any], then: Callable[[Any], Any] = _as_is) -> Callable[[Any], Any] | None:
    """then(convert(value)) for a stored moment, faster for the text the column writes (which reads back as it was
    written, so as convert reads it: checked on probes, None where it does not): the last one kept, as the rows of
    one append share their moment. Any other value goes to convert itself."""
    if not all(convert(probe) == datetime.fromisoformat(probe) for probe in _MOMENT_PROBES):
        return None
    last: tuple[Any, Any] = (_NOTHING, None)  # the text and its value, as one: a plan may serve two threads

    def moment(value: Any) -> Any:
        nonlocal last
        text, read = last
        if value == text:
            return read
        if type(value) is str and len(value) == 26 and value[10] == " ":
            try:
                read = datetime.fromisoformat(value)
            except ValueError:
                read = None
            if read is not None and read.isoformat(" ", "microseconds") == value:
                answer = then(read)
                last = (value, answer)
                return answer
        return then(convert(value))

    return moment


_DOCUMENT_PROBES = (
    '{"naam":"Zorg & Co \\u00e9\\n","n":[1,2.5,null,true,{"b":"\\u2013","a":[]}]}',
    '["x", 3, {}]',
    "null",
    "7",
)


def _document(convert: Callable[[Any], Any]) -> Callable[[Any], Any] | None:
    """convert for a stored JSON document where it is json.loads (checked on probes, None where it is not): the
    standard library's scanner called at once, without json.loads' two Python frames, for a text that is one JSON
    value from its first to its last character (as written); any other value goes to convert itself."""
    scan = json.decoder.JSONDecoder().scan_once
    if not all(convert(probe) == json.loads(probe) for probe in _DOCUMENT_PROBES):
        return None

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
