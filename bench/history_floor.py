"""The history at its floor, for the benches of writes: the very events a job wrote, already as Python values, each
hashed as the chain hashes it (SHA-256 of the hash before and the event's canonical JSON) and its values stored as
JSON, with one executemany into a table with the history's unique and registration indexes. The floors of the jobs
themselves write no history; this gives what the history alone costs at its least, to print beside them."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from pathlib import Path

_EVENT_COLUMNS = "at, actor, source, action, entity, entity_id, before, after, prev_hash, hash, registration_id"


def written_events(database: Path, after_id: int = 0) -> list[tuple]:
    """The events of database's history after the event numbered after_id, with their JSON read back as values."""
    source = sqlite3.connect(database)
    events = [
        (at, actor, src, action, entity, entity_id, json.loads(before) if before else None,
         json.loads(after) if after else None, registration_id)
        for at, actor, src, action, entity, entity_id, before, after, registration_id in source.execute(
            "SELECT at, actor, source, action, entity, entity_id, before, after, registration_id FROM audit_events "
            "WHERE id > ? ORDER BY id",
            (after_id,),
        )
    ]  # fmt: skip
    source.close()
    return events


def last_event_id(database: Path) -> int:
    connection = sqlite3.connect(database)
    (top,) = connection.execute("SELECT coalesce(max(id), 0) FROM audit_events").fetchone()
    connection.close()
    return top


def history_floor(events: list[tuple], folder: Path) -> float:
    """CPU seconds to hash, chain and store events (written_events) in a new database in folder."""
    folder.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(folder / "history.sqlite")
    connection.executescript(
        "CREATE TABLE audit_events (id INTEGER PRIMARY KEY, at TEXT, actor TEXT, source TEXT, action TEXT, "
        "entity TEXT, entity_id TEXT, before TEXT, after TEXT, prev_hash TEXT UNIQUE, hash TEXT UNIQUE, "
        "registration_id INTEGER);"
        "CREATE INDEX ix_registration ON audit_events (registration_id);"
    )
    encoder = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    started = time.process_time()
    prev, rows = "0" * 64, []
    for at, actor, src, action, entity, entity_id, before, after, registration_id in events:
        fields = {"at": at, "actor": actor, "source": src, "action": action, "entity": entity,
                  "entity_id": entity_id, "before": before, "after": after}  # fmt: skip
        digest = hashlib.sha256(prev.encode("ascii") + encoder.encode(fields).encode("utf-8")).hexdigest()
        rows.append((at, actor, src, action, entity, entity_id, json.dumps(before), json.dumps(after), prev, digest,
                     registration_id))  # fmt: skip
        prev = digest
    with connection:
        connection.executemany(f"INSERT INTO audit_events ({_EVENT_COLUMNS}) VALUES ({', '.join('?' * 11)})", rows)
    elapsed = time.process_time() - started
    connection.close()
    return elapsed
