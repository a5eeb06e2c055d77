"""The one read of the whole history that audit verify makes, serving both of its checks: the hash chain
(the first break a walk in id order would stop at) and the data rows held against their events
(history_consistency.py), so each event is read, converted and parsed once.

The consistency check takes the events of a checked table in its own order (by entity id, then id), the rest are
read in id order. That works because no check needs the chain's order in Python: each event's hash is checked
from its own stored prev_hash, and the links (each prev_hash is the hash of the event before it by id) are
compared by the database (one indexed join when the ids have no gap, else a window over the ids), which gives back
only the first that fails. The first break is then the lowest id where a link, a hash or the action fails, in that
order of precedence at one event: what the walk in id order would have stopped at.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from math import inf
from operator import itemgetter
from typing import Any

from sqlalchemy import String, and_, bindparam, func, literal, select
from sqlalchemy.orm import Session

from beoordelaar.core.storage.audit import GENESIS, ROW_ACTIONS, ChainBreak, event_hash
from beoordelaar.core.storage.driver_rows import driver_rows
from beoordelaar.core.storage.models import AuditEvent as e
from beoordelaar.core.text import WORDS

UNLINKED = "verwijst niet naar de gebeurtenis ervoor (verwijderd of ingevoegd)"
ALTERED = "inhoud klopt niet met de hash (gewijzigd)"


def unknown_action(action: str) -> str:
    return f"is een handeling die het programma niet kent ('{action}'; toegevoegd)"


_COLUMNS = (
    e.id, e.at, e.actor, e.source, e.action, e.entity, e.entity_id, e.before, e.after, e.prev_hash, e.hash,
    e.registration_id, e.motivation_key,
)  # fmt: skip

# An event as the consistency check takes it: id, action, entity id, before, after, registration, motivation key.
TableEvent = tuple[int, str, str | None, Any, Any, int | None, str | None]


# By migration 0023's index, without a sort.
TABLE_READ = (
    select(*_COLUMNS)
    .where(e.entity == bindparam("table", None), e.action.in_(ROW_ACTIONS))
    .order_by(func.length(e.entity_id), e.entity_id, e.id)
)
_AS_TABLE_EVENT = itemgetter(0, 4, 6, 7, 8, 11, 12)


@cache
def _rest_read(tables: tuple[str, ...]) -> Any:
    """Every event that no table's read gives (entity and action are never null)."""
    return select(*_COLUMNS).where(~and_(e.entity.in_(tables), e.action.in_(ROW_ACTIONS))).order_by(e.id)


def _linked() -> Any:
    """How many events there are, how many link to the event of the id before theirs, and the first one's prev_hash:
    when all but the first link so and the first to the start, the ids have no gap and every link holds (the quick
    read, through the index of the hashes)."""
    events = e.__table__  # Core, not the ORM's entity: a quarter of the compiling
    before = events.alias()
    linked = (
        select(func.count())
        .select_from(events)
        .join(before, and_(before.c.id == events.c.id - 1, before.c.hash == events.c.prev_hash))
    )
    first = select(events.c.prev_hash).order_by(events.c.id).limit(1)
    return select(
        select(func.count()).select_from(events).scalar_subquery(), linked.scalar_subquery(), first.scalar_subquery()
    )


def _unlinked() -> Any:
    """The lowest id whose prev_hash is not the hash of the event before it by id (the ids may have gaps)."""
    expected = func.lag(e.hash, 1, literal(GENESIS, String)).over(order_by=e.id)
    ordered = select(e.id, e.prev_hash, expected.label("expected")).subquery()
    return select(func.min(ordered.c.id)).where(ordered.c.prev_hash.is_distinct_from(ordered.c.expected))


_LINKED, _UNLINKED = _linked(), _unlinked()


class HistoryRead:
    """Read a table's events with table_events (each hashed as it passes), then chain() for the chain's outcome."""

    def __init__(self, session: Session, tables: Iterable[str]) -> None:
        self._session = session
        self._tables = tuple(tables)
        self._read: set[str] = set()
        self._known = WORDS["action"]
        self._first: ChainBreak | None = None  # the lowest event whose own hash or action fails

    def table_events(self, table: str) -> Iterator[TableEvent]:
        """The row events (insert, update, delete) of one of the tables, by length of entity id, entity id, id."""
        if table not in self._tables:
            raise ValueError(f"{table}: not one of the tables read by entity")
        yield from map(_AS_TABLE_EVENT, self._hashed(driver_rows(self._session, TABLE_READ, {"table": table})))
        self._read.add(table)

    def chain(self) -> tuple[int, ChainBreak | None]:
        """The number of events a walk in id order takes up to the first break (all when none), and that break."""
        rest = driver_rows(self._session, _rest_read(self._tables))
        deque(self._hashed(rest), maxlen=0)
        for table in self._tables:
            if table not in self._read:  # not (wholly) taken by the caller
                deque(self.table_events(table), maxlen=0)
        total, linked, first_prev = self._session.execute(_LINKED).one()
        unlinked = None
        if total and (linked != total - 1 or first_prev != GENESIS):
            unlinked = self._session.execute(_UNLINKED).scalar()
        first = self._first
        if unlinked is not None and (first is None or unlinked <= first.event_id):
            first = ChainBreak(unlinked, UNLINKED)
        if first is None:
            return total, None
        walked = self._session.execute(select(func.count()).where(e.id <= first.event_id)).scalar_one()
        return walked, first

    def _hashed(self, rows: Iterator[Sequence[Any]]) -> Iterator[Sequence[Any]]:
        known, hashed = self._known, event_hash
        before_break = self._first.event_id if self._first is not None else inf  # only an earlier event matters
        moment, moment_text = None, ""  # the events of one append share their moment: written out once
        for row in rows:
            event_id, at, actor, source, action, entity, entity_id, before, after, prev_hash, hash_ = row[:11]
            if event_id < before_break:
                if at is not moment:
                    moment, moment_text = at, at.isoformat()
                fields = {
                    "at": moment_text, "actor": actor, "source": source, "action": action, "entity": entity,
                    "entity_id": entity_id, "before": before, "after": after,
                }  # fmt: skip
                # A prev_hash no hash could be breaks the link instead (which goes first at the same event).
                if not (type(prev_hash) is str and prev_hash.isascii() and hashed(prev_hash, fields) == hash_):
                    before_break = self._failed(ChainBreak(event_id, ALTERED))
                elif action not in known:
                    before_break = self._failed(ChainBreak(event_id, unknown_action(action)))
            yield row

    def _failed(self, found: ChainBreak) -> int:
        """Keep the lower of the breaks found; the id below which one still matters."""
        if self._first is None or found.event_id < self._first.event_id:
            self._first = found
        return self._first.event_id


def chain_check(session: Session) -> tuple[int, ChainBreak | None]:
    """The hash chain alone: the events walked and the first break (audit verify also holds the rows against them)."""
    return HistoryRead(session, ()).chain()
