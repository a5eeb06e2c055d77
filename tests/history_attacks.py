"""Attacks on the history by someone holding the database file (and the folder of checkpoints beside it), as the
history tests and bench/bench_campaign.py make them: each takes the database's path and tampers with it by SQL."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from beoordelaar.core.storage.audit import event_hash
from beoordelaar.core.storage.checkpoints import anchors_dir


def sql(path: Path, *statements: str) -> None:
    with sqlite3.connect(path) as connection:
        for statement in statements:
            connection.execute(statement)


def without_checkpoints(path: Path) -> None:
    """The attacker also removes the signed checkpoints, inside the database and out."""
    sql(path, "DELETE FROM audit_checkpoints")
    folder = anchors_dir(path)
    for anchor in folder.glob("*.json") if folder is not None and folder.is_dir() else ():
        anchor.unlink()


def append_event(path: Path, action: str, entity: str, entity_id: str | None, before: dict | None,
                 after: dict | None) -> int:  # fmt: skip
    """An event appended as the app would write it: its hash correct, chained to the head; returns its id."""
    with sqlite3.connect(path) as connection:
        last_id, at, prev = connection.execute(
            "SELECT id, at, hash FROM audit_events ORDER BY id DESC LIMIT 1"
        ).fetchone()
        fields = {
            "at": at.replace(" ", "T"), "actor": "voorzitter", "source": "app", "action": action, "entity": entity,
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


def first_decision(path: Path) -> tuple[int, str]:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT id, outcome FROM decisions ORDER BY id LIMIT 1").fetchone()


def _other_outcome(path: Path) -> str:
    return "rejected" if first_decision(path)[1] != "rejected" else "admitted"


def _decision_changed(path: Path) -> None:
    decision_id, _ = first_decision(path)
    sql(path, f"UPDATE decisions SET outcome = '{_other_outcome(path)}' WHERE id = {decision_id}")


def _event_never_made(path: Path) -> None:
    decision_id, outcome = first_decision(path)
    append_event(path, "update", "decisions", str(decision_id), {"outcome": outcome}, {"outcome": _other_outcome(path)})


def _first(table: str) -> str:
    return f"(SELECT min(id) FROM {table})"


# name -> the tampering; every one must leave verify_history not intact.
ATTACKS: dict[str, Callable[[Path], None]] = {
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
    "registration row deleted with its rows": lambda p: sql(
        p, "PRAGMA foreign_keys = ON", "DELETE FROM registrations WHERE id = (SELECT max(id) FROM registrations)"
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
