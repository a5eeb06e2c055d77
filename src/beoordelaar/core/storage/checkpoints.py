"""Signed checkpoints of the history: anchors outside the database.

The hash chain (audit.py) shows an event altered, removed or inserted by hand; it does not show a chain rebuilt
whole, consistently, with the project's own functions. So at each milestone of a round (work handed in or a return
file merged, consolidation closed, letters made, the proces-verbaal approved) the unit of work that reaches it ends
with a checkpoint: the number of events and the head hash then, signed with the round's Ed25519 key, whose public
half every assessor's laptop pinned and the proces-verbaal prints. It is kept as a row (the proces-verbaal lists it)
and, after the commit, as a file in the folder beside the database (`<name>-ankers/`), which a rewrite of the
database file does not reach; for a server database in the folder BEOORDELAAR_ANKERS names (anchors_folder).
`check_checkpoints` holds the chain against both: a chain rebuilt, cut short or with rows removed no longer has the
head a checkpoint signed at its count.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from beoordelaar.core.paths import ANCHORS_SETTING
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.chain_head import chain_hash_at, chain_head, chain_length
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.storage.location import DatabaseLocation, location_of
from beoordelaar.core.storage.server_login import server_login

# The demo is built in one action that hands in, consolidates and decides at once: it is a milestone too.
MILESTONES = frozenset(
    {"return-file-imported", "work-handed-in", "round-consolidated", "letters-made", "report-approved", "demo-created"}
)
STATEMENT_KIND = "beoordelaar-controlepunt"
_PENDING = "milestones"
_FILES = "checkpoint_files"


def note_milestone(session: Session, action: str, entity: str, entity_id: str | None) -> None:
    """Remember a milestone action; the unit of work ends with its checkpoint (make_checkpoints)."""
    if action in MILESTONES:
        session.info.setdefault(_PENDING, []).append((action, entity, entity_id))


def anchors_dir(database_path: str | Path | None) -> Path | None:
    """The folder outside the database file where the checkpoints' copies are kept (None for a database in memory)."""
    if not database_path or Path(database_path).name == ":memory:":
        return None
    path = Path(database_path)
    return path.parent / f"{path.stem}-ankers"


def anchors_folder(location: DatabaseLocation) -> Path | None:
    """Where a database's checkpoint copies live: beside a database file; for a server database (whose checkpoints a
    table on that server would not put out of reach) in the folder ANCHORS_SETTING names, one subfolder per server
    database, and without that setting beside the name that stands for the server on this computer."""
    configured = os.environ.get(ANCHORS_SETTING, "").strip()
    if not location.is_sqlite and configured:
        return Path(configured).expanduser() / f"{location.local_path.stem}-ankers"
    return anchors_dir(location.local_path)


def _round_of(session: Session, entity: str, entity_id: str | None) -> int | None:
    if entity_id is None or not entity_id.isdigit():
        return None
    key = int(entity_id)
    if entity == "rounds":
        return key
    model = {"return_files": m.ReturnFile, "assessors": m.Assessor}.get(entity)
    row = session.get(model, key) if model is not None else None
    return row.round_id if row is not None else None


def _round_key(session: Session, round_id: int) -> m.ExchangeKey | None:
    """The round's keys in the chair's database, made here where the round has none yet (as the first export would);
    None on an assessor's laptop, which holds no key of the round's that signs."""
    exchange = session.execute(select(m.ExchangeKey).where(m.ExchangeKey.round_id == round_id)).scalar()
    if exchange is not None and exchange.on_laptop:
        return None
    if exchange is None:
        exchange = m.ExchangeKey(round_id=round_id, round_uid=secrets.token_hex(16))
        session.add(exchange)
    if exchange.chair_signing_private is None:
        from beoordelaar.core.files.keys import new_sealing_key, new_signing_key  # cryptography: not on every start

        signing, sealing = new_signing_key(), new_sealing_key()
        exchange.chair_signing_private, exchange.chair_signing_public = signing.private, signing.public
        exchange.chair_sealing_private, exchange.chair_sealing_public = sealing.private, sealing.public
        session.flush()
    return exchange


def statement_bytes(statement: dict[str, Any]) -> bytes:
    return json.dumps(statement, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _chain_state(session: Session) -> tuple[int, str | None]:
    connection = session.connection()
    return chain_length(connection), chain_head(connection)


def _may_sign(session: Session, round_id: int) -> bool:
    """Only the chair holds the round's key. On a team server an assessor's milestone (her hand-in) is signed at the
    chair's next milestone, whose checkpoint covers the whole chain; her login may not read the key (migration 0018)."""
    if server_login(session) is None:
        return True
    chaired = text("SELECT :r IN (SELECT beoordelaar_rounds(true))")
    return bool(session.execute(chaired, {"r": round_id}).scalar_one())


def make_checkpoints(session: Session) -> None:
    """At the end of a unit of work that reached milestones: one signed checkpoint per round, of the chain as the
    whole action left it. The copies outside the database are written after the commit (write_anchor_files)."""
    pending = session.info.pop(_PENDING, [])
    if not pending:
        return
    from beoordelaar.core.files.keys import sign  # cryptography loads at the first checkpoint, not at every start

    rounds: dict[int, str] = {}
    for action, entity, entity_id in pending:
        round_id = _round_of(session, entity, entity_id)
        if round_id is not None and _may_sign(session, round_id):
            rounds[round_id] = action  # the last milestone of the action names its checkpoint
    keys = {round_id: _round_key(session, round_id) for round_id in rounds}
    session.flush()
    events, head = _chain_state(session)
    if head is None:
        return
    made_at = utcnow()
    for round_id, milestone in sorted(rounds.items()):
        exchange = keys[round_id]
        if exchange is None or exchange.chair_signing_private is None:
            continue
        statement = {
            "kind": STATEMENT_KIND, "round_uid": exchange.round_uid, "round_id": round_id, "milestone": milestone,
            "events": events, "head": head, "made_at": made_at.isoformat() + "Z",
        }  # fmt: skip
        data = statement_bytes(statement)
        row = m.AuditCheckpoint(
            round_id=round_id, milestone=milestone, events=events, head=head, made_at=made_at,
            statement=data.decode("utf-8"), signature=sign(exchange.chair_signing_private, data),
            signing_key=exchange.chair_signing_public,
        )  # fmt: skip
        session.add(row)
        session.info.setdefault(_FILES, []).append(_anchor(row))
    session.flush()


def _anchor(row: m.AuditCheckpoint) -> tuple[str, bytes]:
    content = {"statement": row.statement, "signature": row.signature, "signing_key": row.signing_key}
    name = f"controlepunt-{row.events:09d}-{row.head[:16]}-{row.signature[:8]}.json"
    return name, json.dumps(content, ensure_ascii=False, indent=2).encode("utf-8")


def write_anchor_files(session: Session) -> None:
    """After the commit: the checkpoints' copies in the folder beside the database. A copy that cannot be written
    leaves its checkpoint only inside the database, which check_checkpoints then says."""
    files = session.info.pop(_FILES, [])
    folder = anchors_folder(location_of(session.get_bind().url)) if files else None
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files:
            target = folder / name
            if not target.exists():
                target.write_bytes(data)
    except OSError:
        return


@dataclass(frozen=True)
class Checkpoint:
    """One checkpoint as found (in the database, outside it, or both) and what holds of it."""

    round_id: int | None
    milestone: str
    events: int
    head: str
    made_at: datetime | None
    key_fingerprint: str
    inside: bool
    outside: bool
    problem: str = ""  # empty: the chain has, at this count, the head that was signed

    def as_json(self) -> dict[str, object]:
        return {
            "round_id": self.round_id, "milestone": self.milestone, "events": self.events, "head": self.head,
            "made_at": self.made_at.isoformat() + "Z" if self.made_at else None, "key": self.key_fingerprint,
            "in_database": self.inside, "outside_database": self.outside, "ok": not self.problem,
            "problem": self.problem or None,
        }  # fmt: skip


def _outside(folder: Path | None) -> list[dict[str, Any]]:
    if folder is None or not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("controlepunt-*.json")):
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            found.append({"file": path.name})
            continue
        found.append({**content, "file": path.name} if isinstance(content, dict) else {"file": path.name})
    return found


class _ChainHashes:
    """The hashes of the chain as a checkpoint check asks for them (how many, and the one at a checkpoint's
    position), read when asked: not the whole history in memory."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._count: int | None = None

    def __len__(self) -> int:
        if self._count is None:
            self._count = chain_length(self._session.connection())
        return self._count

    def __getitem__(self, index: int) -> str:
        return chain_hash_at(self._session.connection(), index)


def check_checkpoints(session: Session, folder: Path | None = None) -> list[Checkpoint]:
    """Every checkpoint in the database and in the folder outside it, each held against the chain as it is now."""
    if folder is None:
        folder = anchors_folder(location_of(session.get_bind().url))
    hashes = _ChainHashes(session)
    round_keys = {
        uid: (round_id, public)
        for uid, round_id, public in session.execute(
            select(m.ExchangeKey.round_uid, m.ExchangeKey.round_id, m.ExchangeKey.chair_signing_public)
        )
    }
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for row in session.execute(select(m.AuditCheckpoint).order_by(m.AuditCheckpoint.id)).scalars():
        entry = {"statement": row.statement, "signature": row.signature, "signing_key": row.signing_key}
        found[(row.statement, row.signature)] = {**entry, "inside": True}
    unreadable = []
    for entry in _outside(folder):
        if not all(isinstance(entry.get(k), str) for k in ("statement", "signature", "signing_key")):
            unreadable.append(entry["file"])
            continue
        key = (entry["statement"], entry["signature"])
        found[key] = {**found.get(key, entry), "outside": True}
    removed = set(
        session.execute(
            select(m.AuditEvent.entity_id).where(
                m.AuditEvent.action == "round-removed", m.AuditEvent.entity == "rounds"
            )
        ).scalars()
    )
    checks = [_check(entry, hashes, round_keys, removed) for entry in found.values()]
    checks += [
        Checkpoint(None, "", 0, "", None, "", False, True, f"het bestand {name} buiten de database is onleesbaar")
        for name in unreadable
    ]
    return sorted(checks, key=lambda c: (c.events, c.made_at or datetime.min))


def _check(
    entry: dict[str, Any], hashes: _ChainHashes, round_keys: dict[str, tuple[int, str | None]], removed: set[str | None]
) -> Checkpoint:
    """What holds of one checkpoint; removed: the ids of the rounds the history says were removed (their
    checkpoints are gone from the database with them, and only their copies outside remain)."""
    from beoordelaar.core.files import keys

    inside, outside = bool(entry.get("inside")), bool(entry.get("outside"))
    removed_round = False
    try:
        statement = json.loads(entry["statement"])
        events, head = int(statement["events"]), str(statement["head"])
        made_at = datetime.fromisoformat(str(statement["made_at"]).removesuffix("Z"))
        uid, milestone = str(statement["round_uid"]), str(statement["milestone"])
        removed_round = str(statement.get("round_id")) in removed
    except (ValueError, KeyError, TypeError):
        events = 0
    if events < 1:
        return Checkpoint(None, "", 0, "", None, "", inside, outside, "het controlepunt is onleesbaar")
    round_id, public = round_keys.get(uid, (None, None))

    def found(problem: str = "") -> Checkpoint:
        key = keys.fingerprint(entry["signing_key"]) if len(entry["signing_key"]) == 64 else entry["signing_key"]
        return Checkpoint(round_id, milestone, events, head, made_at, key, inside, outside, problem)

    if statement.get("kind") != STATEMENT_KIND or not keys.signature_valid(
        entry["signing_key"], entry["statement"].encode("utf-8"), entry["signature"]
    ):
        return found("de handtekening klopt niet")
    if public is not None and public != entry["signing_key"]:
        return found("ondertekend met een andere sleutel dan die van de ronde")
    if events > len(hashes):
        return found(
            f"de geschiedenis heeft nu {len(hashes)} gebeurtenissen, minder dan de {events} van dit controlepunt "
            "(ingekort of verwijderd)"
        )
    if hashes[events - 1] != head:
        return found(f"de geschiedenis tot en met gebeurtenis {events} is niet meer die van dit controlepunt")
    if not inside and not (public is None and removed_round):
        return found("staat wel buiten de database, maar niet meer erin (verwijderd)")
    return found()
