"""Renaming and removing a round. Removal takes a backup of the database file first; the history keeps the round's
own row and one named event with the counts (its other rows go in bulk, not row by row: the backup is their record)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import ColumnElement, Select, delete, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.rounds import RoundSummary, find_round, summarise
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.storage.backup import backup_before_change
from beoordelaar.core.storage.document_references import referenced_documents
from beoordelaar.core.storage.location import location_of
from beoordelaar.core.storage.server_documents import release_documents
from beoordelaar.core.storage.server_login import server_login


@dataclass(frozen=True)
class RemovedRound:
    id: int
    name: str
    backup: Path | None  # None only on a server (without pg_dump here, or for a restricted login): its own backups
    removed: dict[str, int]  # rows removed per table

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "backup": str(self.backup) if self.backup else None,
            "removed": self.removed,
        }


def rename_round(sessions: sessionmaker[Session], round_id: int, name: str, *, actor: str) -> RoundSummary:
    """Give a round another name (unique among the rounds); the history keeps the old one."""
    name = name.strip()
    if not name:
        raise UserError("Een ronde heeft een naam nodig.")
    if len(name) > 200:
        raise UserError("De naam is te lang: hooguit 200 tekens.")
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.MANAGE_ROUND)
        if name == rnd.name:
            raise UserError(f"De ronde heet al '{name}'; er is niets veranderd.")
        other = session.execute(select(m.Round.id).where(m.Round.name == name, m.Round.id != rnd.id)).first()
        if other:
            raise UserError(f"Er is al een ronde met de naam '{name}'. Kies een andere naam.")
        old = rnd.name
        rnd.name = name
        session.flush()
        record_action(session, "round-renamed", "rounds", str(rnd.id), {"from": old, "to": name})
        return summarise(session, rnd)


def remove_round(sessions: sessionmaker[Session], round_id: int, *, actor: str) -> RemovedRound:
    """Remove a round with everything in it, after a backup of the database file (beside it, in backups/). On a
    server the documents only this round named go too; a document another round also names stays."""
    with sessions() as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.MANAGE_ROUND)
        _refuse_if_selection(session, rnd)
        database = location_of(session.get_bind().url)
        # i20-roles: a user the server's roles restrict cannot dump the whole database (row-level security), and a
        # dump of the part they see is no backup: the server's own backups hold it.
        restricted = server_login(session) is not None
    backup = None if restricted else backup_before_change(database, f"voor-verwijderen-ronde-{round_id}")
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        _refuse_if_selection(session, rnd)
        name, procurement_id = rnd.name, rnd.procurement_id
        held = referenced_documents(session)
        removed = _delete_round_rows(session, rnd.id)
        session.expunge_all()  # what was loaded of the round's rows is gone
        session.delete(
            find_round(session, round_id)
        )  # the round itself as an audited row: its columns stay in the history
        session.flush()
        _remove_if_empty(session, procurement_id)
        documents = release_documents(session, held)  # a server's content that only this round named
        if documents:
            removed["stored_documents"] = documents
        record_action(
            session,
            "round-removed",
            "rounds",
            str(round_id),
            {"name": name, "backup": backup.name if backup else None, "removed": removed},
        )
    return RemovedRound(round_id, name, backup, removed)


def _remove_if_empty(session: Session, procurement_id: int | None) -> None:
    """A procurement left without entry moments, municipalities or dialogue tables goes with its last round."""
    procurement = session.get(m.Procurement, procurement_id) if procurement_id is not None else None
    if procurement is None or procurement.rounds or procurement.municipalities:
        return
    if session.execute(select(m.DialogueTable.id).where(m.DialogueTable.procurement_id == procurement.id)).first():
        return
    session.delete(procurement)
    session.flush()


def _refuse_if_selection(session: Session, rnd: m.Round) -> None:
    award = session.execute(select(m.Round.name).where(m.Round.selection_round_id == rnd.id)).scalar()
    if award is not None:
        raise UserError(
            f"Ronde '{rnd.name}' is de selectie van ronde '{award}': verwijder eerst die ronde. Er is niets veranderd."
        )


def _delete_round_rows(session: Session, round_id: int) -> dict[str, int]:
    """Every row that belongs to the round (not the round itself), found along the foreign keys from the round
    down; children first (each table's rows are selected through its parents', which are still there when it goes)."""
    tables = m.Base.metadata.sorted_tables
    owned: dict[str, Select] = {"rounds": select(m.Round.id).where(m.Round.id == round_id)}
    conditions: dict[str, ColumnElement[bool]] = {}
    for table in tables:
        parents = [
            fk.parent.in_(owned[fk.column.table.name])
            for fk in table.foreign_keys
            if fk.column.table.name in owned and fk.column.table is not table
        ]
        if table.name == "rounds" or not parents:
            continue
        conditions[table.name] = or_(*parents)
        if "id" in table.c:
            owned[table.name] = select(table.c.id).where(conditions[table.name])
    # An interview superseded by another one of the same round would block the delete (RESTRICT).
    session.execute(update(m.Interview).where(m.Interview.round_id == round_id).values(supersedes_id=None))
    removed: dict[str, int] = {}
    for table in reversed(tables):
        if table.name in conditions:
            count = session.execute(delete(table).where(conditions[table.name])).rowcount
            if count:
                removed[table.name] = count
    return removed
