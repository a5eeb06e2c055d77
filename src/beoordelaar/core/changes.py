"""What a user action changed, read from the audit trail: screens refresh only the parts of a round that changed.

Every write is audited in the same transaction (core/storage/audit.py), so the events after a mark taken before an
action name exactly the tables it changed. Drafts (WorkDraft) are not audited: the scoring screen that saves them
knows by itself. A named action (record_action) changes no table of its own; its row changes are recorded beside it,
so only the record (the history) follows it. What colleagues commit on a server reaches a window the same way: a
notice (colleague_feed) says that the history grew, and changes_since reads what it stands for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.storage.audit import ROW_ACTIONS
from beoordelaar.core.storage.location import DatabaseLocation
from beoordelaar.core.storage.models import AuditEvent
from beoordelaar.core.storage.notices import ChangeFeed

Part = Literal[
    "rounds", "registrations", "commission", "scoring", "consolidation", "verification", "decisions", "record"
]

# Which part of a round each audited table belongs to; a table not named here counts for the record only.
PART_OF_TABLE: dict[str, Part] = {
    "frameworks": "rounds",
    "criteria": "rounds",
    "rounds": "rounds",
    "lots": "rounds",
    "providers": "registrations",
    "registrations": "registrations",
    "registration_lots": "registrations",
    "declared_answers": "registrations",
    "documents": "registrations",
    "import_mappings": "registrations",
    "assessors": "commission",
    "conflicts": "commission",
    "assignments": "commission",
    "work_packages": "commission",
    "return_files": "commission",
    "exchange_keys": "commission",
    "score_revisions": "scoring",
    "check_revisions": "scoring",
    "consensus_scores": "consolidation",
    "requirement_verdicts": "consolidation",
    "interviews": "verification",
    "interview_attendees": "verification",
    "interview_points": "verification",
    "verification_marks": "verification",
    "decisions": "decisions",
    "letters": "decisions",
    "lot_draws": "decisions",
    "invitations": "rounds",
    "relative_advantages": "decisions",
    "procurements": "rounds",
    "framework_amendments": "rounds",
    "municipalities": "rounds",
    "product_group_closures": "rounds",
    "dialogue_tables": "decisions",
    "dialogue_choices": "decisions",
    "procedure_facts": "record",
    "consensus_discussions": "record",
    "report_approvals": "record",
}


# Columns that belong to another part than their table: opening a registration's consensus discussion is
# consolidation, not a change of the registrations themselves.
PART_OF_COLUMN: dict[tuple[str, str], Part] = {("registrations", "consensus_opened_at"): "consolidation"}
SPLIT_TABLES = frozenset(table for table, _column in PART_OF_COLUMN)


@dataclass(frozen=True)
class Changes:
    """Which parts of the round changed; record means the history grew (every audited change does that)."""

    rounds: bool = False
    registrations: bool = False
    commission: bool = False
    scoring: bool = False
    consolidation: bool = False
    verification: bool = False
    decisions: bool = False
    record: bool = False

    @classmethod
    def of(cls, *parts: Part) -> Changes:
        return cls(**dict.fromkeys(parts, True))

    @classmethod
    def everything(cls) -> Changes:
        return cls(**{f.name: True for f in fields(cls)})

    @property
    def any(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def touches(self, *parts: Part) -> bool:
        return any(getattr(self, part) for part in parts)

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})


NOTHING = Changes()


def audit_mark(sessions: sessionmaker[Session]) -> int:
    """The id of the newest audit event: take it before an action, then ask changes_since(mark)."""
    with sessions() as session:
        return session.execute(select(func.max(AuditEvent.id))).scalar() or 0


def _part(action: str, entity: str, columns: Iterable[str]) -> set[Part]:
    if action not in ROW_ACTIONS or entity not in PART_OF_TABLE:
        return set()
    if action == "update" and entity in SPLIT_TABLES:
        return {PART_OF_COLUMN.get((entity, column), PART_OF_TABLE[entity]) for column in columns}
    return {PART_OF_TABLE[entity]}


def changes_from(events: Iterable[tuple[str, str, Iterable[str]]]) -> Changes:
    """The Changes that audit events stand for, given as (action, entity, names of the columns an update changed)."""
    parts: set[Part] = set()
    seen = False
    for action, entity, columns in events:
        seen = True
        parts |= _part(action, entity, columns)
    return Changes.of(*parts, "record") if seen else NOTHING


def changes_since(sessions: sessionmaker[Session], mark: int) -> Changes:
    """What changed since audit_mark returned mark: one grouped read, plus the changed columns of the few tables
    whose columns belong to different parts."""
    newer = AuditEvent.id > mark
    with sessions() as session:
        rows = session.execute(select(AuditEvent.action, AuditEvent.entity).where(newer).distinct()).all()
        split = session.execute(
            select(AuditEvent.entity, AuditEvent.after).where(
                newer, AuditEvent.action == "update", AuditEvent.entity.in_(SPLIT_TABLES)
            )
        ).all()
    events: list[tuple[str, str, Iterable[str]]] = [
        (action, entity, ()) for action, entity in rows if not (action == "update" and entity in SPLIT_TABLES)
    ]
    events += [("update", entity, list(after or {})) for entity, after in split]
    return changes_from(events)


def colleague_feed(location: DatabaseLocation | None) -> ChangeFeed | None:
    """What a window listens to for colleagues' commits: on a server a feed of its own; None for a file, which no
    other program can write while this one has it open (the file lock)."""
    if location is None or location.is_sqlite:
        return None
    return ChangeFeed(location)
