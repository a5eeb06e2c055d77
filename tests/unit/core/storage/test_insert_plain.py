"""insert_plain stores every value as SQLAlchemy's own insert of the same rows stores it: the same text of a decimal,
a moment and a JSON value (None too), in the columns it was given, whatever their order."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, insert, text

from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.bulk import insert_plain
from beoordelaar.core.storage.database import Database

AT = datetime(2027, 3, 1, 9, 30, 15, 250)


def _events() -> list[dict[str, Any]]:
    return [
        {"hash": f"{i:064x}", "prev_hash": f"{i + 100:064x}", "at": AT, "actor": "Anna", "source": "app",
         "action": "insert", "entity": "providers", "entity_id": str(i), "before": None if i else {"naam": "é"},
         "after": {"kvk": "90000001", "naam": "Zorg & Co", "n": [1, 2.5]} if i else None,
         "registration_id": i or None, "motivation_key": None}
        for i in range(3)
    ]  # fmt: skip


def _stored(db: Database, table: Table, rows: list[dict[str, Any]], plain: bool) -> list[tuple[Any, ...]]:
    with db.sessions.begin() as session:
        connection = session.connection()
        if plain:
            insert_plain(connection, table, list(rows[0]), rows)
        else:
            connection.execute(insert(table), rows)
        stored = connection.execute(text(f"SELECT * FROM {table.name} ORDER BY id")).all()
        connection.execute(text(f"DELETE FROM {table.name}"))
    return [tuple(row)[1:] for row in stored]  # the ids aside: a server's sequence goes on after the DELETE


def test_plain_inserts_store_what_sqlalchemy_stores(db: Database) -> None:
    events = m.AuditEvent.__table__
    assert _stored(db, events, _events(), plain=True) == _stored(db, events, _events(), plain=False)


def test_plain_inserts_convert_decimals_and_moments_as_their_types_do(db: Database) -> None:
    table = Table(
        "plain_values", MetaData(), Column("id", Integer, primary_key=True), Column("label", String(10)),
        Column("at", DateTime), Column("value", m.Exact),
    )  # fmt: skip
    with db.sessions.begin() as session:
        table.create(session.connection())
    values = [{"value": Decimal("3.50"), "at": AT, "label": None}, {"value": Decimal(4), "at": AT, "label": "x"}]
    assert _stored(db, table, values, plain=True) == _stored(db, table, values, plain=False)
