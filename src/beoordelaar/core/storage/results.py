"""Results an action may reuse while the record is unchanged, kept by the open database that computed them.

One cache per open Database (it travels in its sessionmaker's info), never one per process: two databases open in
one process never see each other's results. The key must hold everything the result depends on; keyed by the audit
head, a cached result is exactly the one a new computation would give until something changes. A lock keeps it whole
when the GUI's worker thread and the main thread use the same database."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from sqlalchemy.orm import Session

INFO_KEY = "results"


class ResultCache:
    """The newest `keep` results by key; the oldest used goes first."""

    def __init__(self, keep: int = 4) -> None:
        self._keep = keep
        self._entries: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> object | None:
        with self._lock:
            if key not in self._entries:
                return None
            self._entries.move_to_end(key)
            return self._entries[key]

    def put(self, key: Hashable, value: object) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self._keep:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


def results_of(session: Session) -> ResultCache | None:
    """The cache of the database this session belongs to; None for a session made outside open_database."""
    cache = session.info.get(INFO_KEY)
    return cache if isinstance(cache, ResultCache) else None
