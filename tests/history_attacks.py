"""Attacks on the history by someone holding the database file (and the folder of checkpoints beside it), or the
server's password, as the history tests and bench/bench_campaign.py make them: each takes the database (open, its
file or its URL) and tampers with it by SQL behind the app's back (engines.raw_sql)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

from beoordelaar.core.storage.audit import event_hash
from beoordelaar.core.storage.checkpoints import anchors_dir, anchors_folder
from beoordelaar.core.storage.database import Database
from engines import Where, raw_sql


def sql(where: Where, *statements: str) -> None:
    with raw_sql(where) as connection:
        for statement in statements:
            connection.execute(statement)


def without_checkpoints(where: Where) -> None:
    """The attacker also removes the signed checkpoints, inside the database and out."""
    sql(where, "DELETE FROM audit_checkpoints")
    if isinstance(where, Database):
        folder = anchors_folder(where.location) if where.location is not None else anchors_dir(where.path)
    else:
        folder = anchors_dir(where)
    for anchor in folder.glob("*.json") if folder is not None and folder.is_dir() else ():
        anchor.unlink()


def append_event(where: Where, action: str, entity: str, entity_id: str | None, before: dict | None,
                 after: dict | None) -> int:  # fmt: skip
    """An event appended as the app would write it: its hash correct, chained to the head; returns its id."""
    with raw_sql(where) as connection:
        last_id, at, prev = connection.execute("SELECT id, at, hash FROM audit_events ORDER BY id DESC LIMIT 1").one()
        # A server gives the time as a datetime, a file as the text it stores.
        shown = at.isoformat() if isinstance(at, datetime) else at.replace(" ", "T")
        fields = {
            "at": shown, "actor": "voorzitter", "source": "app", "action": action, "entity": entity,
            "entity_id": entity_id, "before": before, "after": after,
        }  # fmt: skip
        connection.execute(
            "INSERT INTO audit_events (id, at, actor, source, action, entity, entity_id, before, after, prev_hash, "
            "hash) VALUES (?, ?, 'voorzitter', 'app', ?, ?, ?, ?, ?, ?, ?)",
            (
                last_id + 1, at, action, entity, entity_id, json.dumps(before) if before is not None else None,
                json.dumps(after) if after is not None else None, prev, event_hash(prev, fields),
            ),
        )  # fmt: skip
    return last_id + 1


def first_decision(where: Where) -> tuple[int, str]:
    with raw_sql(where) as connection:
        decision_id, outcome = connection.execute("SELECT id, outcome FROM decisions ORDER BY id LIMIT 1").one()
        return decision_id, outcome


def _other_outcome(where: Where) -> str:
    return "rejected" if first_decision(where)[1] != "rejected" else "admitted"


def _decision_changed(where: Where) -> None:
    decision_id, _ = first_decision(where)
    sql(where, f"UPDATE decisions SET outcome = '{_other_outcome(where)}' WHERE id = {decision_id}")


def _event_never_made(where: Where) -> None:
    decision_id, outcome = first_decision(where)
    append_event(
        where, "update", "decisions", str(decision_id), {"outcome": outcome}, {"outcome": _other_outcome(where)}
    )


def _cascading(where: Where, statement: str) -> None:
    """statement with the foreign keys' ON DELETE CASCADE: a server's always, a file's once switched on."""
    with raw_sql(where) as connection:
        if not connection.on_server:
            connection.execute("PRAGMA foreign_keys = ON")
        connection.execute(statement)


def _first(table: str) -> str:
    return f"(SELECT min(id) FROM {table})"


# name -> the tampering; every one must leave verify_history not intact.
ATTACKS: dict[str, Callable[[Where], None]] = {
    "event altered": lambda p: sql(p, "UPDATE audit_events SET actor = 'iemand anders' WHERE id = 50"),
    "event removed": lambda p: sql(p, "DELETE FROM audit_events WHERE id = 60"),
    "history emptied": lambda p: sql(p, "DELETE FROM audit_events"),
    "history emptied, checkpoints too": lambda p: (without_checkpoints(p), sql(p, "DELETE FROM audit_events")),
    "history cut off, checkpoints too": lambda p: (
        without_checkpoints(p),
        sql(p, "DELETE FROM audit_events WHERE id > (SELECT max(id) - 40 FROM audit_events)"),
    ),
    "decision outcome by SQL": _decision_changed,
    "score by SQL": lambda p: sql(p, f"UPDATE score_revisions SET value = '1' WHERE id = {_first('score_revisions')}"),
    "check by SQL": lambda p: sql(
        p, f"UPDATE check_revisions SET verdict = 'fail' WHERE id = {_first('check_revisions')}"
    ),
    "consensus by SQL": lambda p: sql(
        p, f"UPDATE consensus_scores SET motivation = 'anders' WHERE id = {_first('consensus_scores')}"
    ),
    "settlement by SQL": lambda p: sql(
        p, f"UPDATE requirement_verdicts SET verdict = 'not-met' WHERE id = {_first('requirement_verdicts')}"
    ),
    "score row deleted": lambda p: sql(
        p, "DELETE FROM score_revisions WHERE id = (SELECT max(id) FROM score_revisions)"
    ),
    "registration row deleted with its rows": lambda p: _cascading(
        p, "DELETE FROM registrations WHERE id = (SELECT max(id) FROM registrations)"
    ),
    "decision row added": lambda p: sql(
        p,
        "INSERT INTO decisions (registration_id, lot_id, revision, proposed_outcome, outcome, reasons, status, "
        "decided_at, lot_outcomes) SELECT registration_id, lot_id, revision + 1, outcome, outcome, reasons, status, "
        f"decided_at, lot_outcomes FROM decisions WHERE id = {_first('decisions')}",
    ),
    "event appended for a change never made": _event_never_made,
    "event appended for a row that is not there": lambda p: append_event(
        p, "insert", "decisions", "99999", None, {"id": 99999, "registration_id": 1, "outcome": "admitted"}
    ),
    "event appended of an unknown action": lambda p: append_event(p, "decision-erased", "decisions", "1", None, {}),
}
