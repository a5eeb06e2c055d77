"""Telling other screens what colleagues committed. On a PostgreSQL server each append to the history NOTIFYs one
channel with the tables it changed; NOTIFY is transactional, so the notice goes out at the commit and a rollback
tells nothing. A window LISTENs on a connection of its own (ChangeFeed) and then reads what changed from the history
itself (core/changes.py). On SQLite there is no one to tell: the file lock keeps every other program off the file."""

from __future__ import annotations

import json
from collections.abc import Iterable
from uuid import uuid4

from sqlalchemy import text
from sqlalchemy.engine import Connection

from beoordelaar.core.errors import UserError
from beoordelaar.core.storage.location import DatabaseLocation

CHANNEL = "beoordelaar_wijzigingen"
# This program's commits: a window need not be told about them, its own runner already refreshed the pages.
ORIGIN = uuid4().hex
LOST = "De verbinding die wijzigingen van collega's doorgeeft, is verbroken."


def announce(connection: Connection, entities: Iterable[str]) -> None:
    """Tell the server's other windows, at this transaction's commit, which tables changed (nothing on SQLite)."""
    if connection.dialect.name != "postgresql":
        return
    payload = json.dumps({"origin": ORIGIN, "entities": sorted(set(entities))})
    connection.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload})


class ChangeFeed:
    """A LISTEN connection of its own on the server: socket() is what to watch, news() what colleagues committed
    since it was last asked (the tables each commit changed), read without waiting."""

    def __init__(self, location: DatabaseLocation) -> None:
        import psycopg

        url = location.url.set(drivername="postgresql").render_as_string(hide_password=False)
        try:
            self._connection = psycopg.connect(url, autocommit=True, application_name="beoordelaar-wijzigingen")
            self._connection.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as exc:
            raise UserError(f"{LOST} ({exc.__class__.__name__})") from exc

    def socket(self) -> int:
        return self._connection.pgconn.socket

    def news(self) -> list[list[str]]:
        """The tables changed by each commit of another program since the last call; UserError once the connection
        is lost (the window then polls instead)."""
        import psycopg

        pgconn = self._connection.pgconn
        found = []
        try:
            pgconn.consume_input()
            while (notice := pgconn.notifies()) is not None:
                payload = json.loads(notice.extra.decode())
                if payload.get("origin") != ORIGIN:
                    found.append(list(payload.get("entities", [])))
        except psycopg.Error as exc:
            raise UserError(LOST) from exc
        return found

    def close(self) -> None:
        self._connection.close()
