"""Checking the audit trail: is the hash chain of the history unbroken, does it still have, at each signed checkpoint,
the head that was signed then (checkpoints.py), and if not, what is the first to fail. Read-only: the check changes
nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.errors import UserError
from beoordelaar.core.record.history_consistency import CHECKED_TABLES, Consistency, check_consistency
from beoordelaar.core.record.history_reads import HistoryRead
from beoordelaar.core.record.history_text import HistoryEvent
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import ChainBreak, head_hash
from beoordelaar.core.storage.checkpoints import Checkpoint, check_checkpoints
from beoordelaar.core.storage.server_login import server_login
from beoordelaar.core.storage.sqlite_errors import storage_problem
from beoordelaar.core.text import and_list, count_text, word, zoned_moment_text

PARTIAL_HISTORY = (
    "Op de teamserver ziet u alleen de geschiedenis van uw eigen inkoopprocedures, dus niet de hele keten: die kan "
    "alleen de beheerder van de server controleren (beoordelaar audit verify, met de inlognaam die de database "
    "bezit). Er is niets gecontroleerd of veranderd."
)


@dataclass(frozen=True)
class HistoryCheck:
    """The outcome of a check: how many events were walked, the first break (None when whole), the head hash, for a
    break the event as it is stored now (None when it is gone), every checkpoint with what holds of it, and whether
    the data rows still say what their history says."""

    count: int
    broken: ChainBreak | None
    head: str
    broken_event: HistoryEvent | None = None
    checkpoints: tuple[Checkpoint, ...] = field(default=())
    consistency: Consistency = field(default=Consistency(0, 0, ()))

    @property
    def failed_checkpoints(self) -> tuple[Checkpoint, ...]:
        return tuple(c for c in self.checkpoints if c.problem)

    @property
    def intact(self) -> bool:
        return self.broken is None and not self.failed_checkpoints and not self.consistency.problems


def verify_history(sessions: sessionmaker[Session]) -> HistoryCheck:
    """The whole check, read-only. A full or failing disk (sorting the history takes room for a while) is refused in
    Dutch."""
    try:
        return _verified(sessions)
    except DBAPIError as exc:
        if storage_problem(exc) is None:
            raise
        raise UserError(
            "De geschiedenis kan nu niet worden gecontroleerd: de schijf is vol of gaf een fout (de controle heeft "
            "even ruimte nodig). Maak ruimte vrij en probeer het opnieuw; er is niets veranderd."
        ) from exc


def _verified(sessions: sessionmaker[Session]) -> HistoryCheck:
    with sessions() as session:
        if server_login(session) is not None:
            raise UserError(PARTIAL_HISTORY)
        history = HistoryRead(session, CHECKED_TABLES)
        consistency = check_consistency(session, history)
        count, broken = history.chain()
        head = head_hash(session)
        event = None
        if broken is not None:
            row = session.get(m.AuditEvent, broken.event_id)
            if row is not None:
                event = HistoryEvent(
                    row.id, row.at, row.actor, row.source, row.action, row.entity, row.entity_id, row.before, row.after
                )
        checkpoints = tuple(check_checkpoints(session))
        return HistoryCheck(count, broken, head, event, checkpoints, consistency)


def _kept(checkpoint: Checkpoint) -> str:
    return and_list(
        [w for w, there in (("in de database", checkpoint.inside), ("erbuiten", checkpoint.outside)) if there]
    )


def checkpoint_text(checkpoint: Checkpoint) -> str:
    """One checkpoint in words: its milestone, when, the events and head it signed, where it is kept, what holds."""
    if not checkpoint.events:
        return f"Controlepunt: {checkpoint.problem}."
    kept = _kept(checkpoint)
    said = (
        f"Controlepunt {word('action', checkpoint.milestone).lower()} ({zoned_moment_text(checkpoint.made_at)}): "
        f"{count_text(checkpoint.events, 'gebeurtenis', 'gebeurtenissen')}, hash {checkpoint.head}, ondertekend met "
        f"sleutel {checkpoint.key_fingerprint}, bewaard {kept}"
    )
    return f"{said}: {checkpoint.problem}." if checkpoint.problem else f"{said}: klopt."


def checkpoint_row(checkpoint: Checkpoint) -> tuple[str, str, str, str, str]:
    """A checkpoint as the proces-verbaal lists it: milestone, when, events and head, key and where kept, what holds."""
    return (
        word("action", checkpoint.milestone) if checkpoint.milestone else "—",
        zoned_moment_text(checkpoint.made_at),
        f"{checkpoint.events}: {checkpoint.head}",
        f"{checkpoint.key_fingerprint}; {_kept(checkpoint)}",
        checkpoint.problem or "klopt",
    )
