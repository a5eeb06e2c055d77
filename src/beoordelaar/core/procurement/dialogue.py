"""Dialogue tables (dialoogtafels): a limited group of admitted providers, selected by the announced objective
criteria up to a maximum, with the record of why each candidate was or was not selected; the invitations as PDF.

The candidates are the providers the register admits (to the table's lot, or to any lot); a choice needs its
reason by the announced criteria, and the invitations are made only once every candidate has its recorded choice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.errors import UserError, os_reason
from beoordelaar.core.procurement.dialogue_pdf import DialogueInvitation, invitation_pdf
from beoordelaar.core.procurement.register import register_rows
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.laptop import refuse_on_laptop_database
from beoordelaar.core.rounds.procurement import find_procurement
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.text import count_text, long_date
from beoordelaar.core.verification.interview_pdf import Sender

MINIMUM_REASON = 10


@dataclass(frozen=True)
class Candidate:
    kvk: str
    name: str
    lots: tuple[str, ...]  # the lots the register admits it to
    selected: bool | None  # None: no choice recorded yet
    reason: str

    def as_json(self) -> dict[str, object]:
        return {"kvk": self.kvk, "name": self.name, "lots": list(self.lots), "selected": self.selected,
                "reason": self.reason}  # fmt: skip


@dataclass(frozen=True)
class DialogueTableRow:
    id: int
    procurement: str
    title: str
    lot: str
    criteria: str
    maximum: int
    meeting: str
    candidates: tuple[Candidate, ...]

    @property
    def selected(self) -> tuple[Candidate, ...]:
        return tuple(c for c in self.candidates if c.selected)

    @property
    def undecided(self) -> tuple[Candidate, ...]:
        return tuple(c for c in self.candidates if c.selected is None)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id, "procurement": self.procurement, "title": self.title, "lot": self.lot,
            "criteria": self.criteria, "maximum": self.maximum, "meeting": self.meeting,
            "candidates": [c.as_json() for c in self.candidates],
        }  # fmt: skip


def _table(session: Session, table_id: int) -> m.DialogueTable:
    table = session.get(m.DialogueTable, table_id)
    if table is None:
        raise UserError(f"Dialoogtafel {table_id} bestaat niet.")
    return table


def _candidates(session: Session, table: m.DialogueTable) -> dict[str, tuple[str, list[str]]]:
    """Per KvK number of an admitted provider (to the table's lot, if it has one): its name and lots."""
    found: dict[str, tuple[str, list[str]]] = {}
    for row in register_rows(session, find_procurement(session, table.procurement_id)):
        if table.lot_code and row.lot != table.lot_code:
            continue
        _name, lots = found.setdefault(row.kvk, (row.provider, []))
        if row.lot not in lots:
            lots.append(row.lot)
    return found


def _row(session: Session, table: m.DialogueTable) -> DialogueTableRow:
    choices = {c.provider.kvk: c for c in table.choices}
    candidates = tuple(
        Candidate(kvk, name, tuple(lots), choices[kvk].selected if kvk in choices else None,
                  choices[kvk].reason if kvk in choices else "")
        for kvk, (name, lots) in sorted(_candidates(session, table).items(), key=lambda item: item[1][0].casefold())
    )  # fmt: skip
    procurement = find_procurement(session, table.procurement_id)
    return DialogueTableRow(
        table.id, procurement.name, table.title, table.lot_code, table.criteria, table.maximum, table.meeting,
        candidates,
    )  # fmt: skip


def create_dialogue_table(
    sessions: sessionmaker[Session],
    procurement_id: int,
    *,
    title: str,
    criteria: str,
    maximum: int,
    lot: str = "",
    meeting: str = "",
    actor: str,
) -> DialogueTableRow:
    """A new dialogue table with its announced objective selection criteria and the maximum number of seats."""
    title, criteria = " ".join(title.split()), criteria.strip()
    if not title:
        raise UserError("Een dialoogtafel heeft een titel nodig.")
    if len(criteria) < MINIMUM_REASON:
        raise UserError("Noem de aangekondigde objectieve criteria waarop de deelnemers worden gekozen.")
    if maximum < 1:
        raise UserError("Het maximum aantal deelnemers is ten minste 1.")
    with unit_of_work(sessions, actor) as session:
        refuse_on_laptop_database(session, ChairAction.PROCUREMENT)
        procurement = find_procurement(session, procurement_id)
        lots = {lot.code for rnd in procurement.rounds for lot in rnd.lots}
        if lot and lot not in lots:
            raise UserError(f"De procedure '{procurement.name}' kent perceel {lot} niet.")
        table = m.DialogueTable(
            procurement_id=procurement.id, title=title, lot_code=lot, criteria=criteria, maximum=maximum,
            meeting=meeting.strip(), created_by=actor,
        )  # fmt: skip
        session.add(table)
        session.flush()
        record_action(session, "dialogue-table-created", "dialogue_tables", str(table.id),
                      {"title": title, "lot": lot, "maximum": maximum, "criteria": criteria})  # fmt: skip
        return _row(session, table)


def record_dialogue_choice(
    sessions: sessionmaker[Session], table_id: int, kvk: str, *, selected: bool, reason: str, actor: str
) -> DialogueTableRow:
    """Record whether an admitted provider takes a seat and why, by the announced criteria (a later choice for the
    same provider replaces it; the history keeps both)."""
    reason = " ".join(reason.split())
    if len(reason) < MINIMUM_REASON:
        raise UserError("Leg vast waarom deze aanbieder wel of niet is gekozen, met de aangekondigde criteria.")
    with unit_of_work(sessions, actor) as session:
        refuse_on_laptop_database(session, ChairAction.PROCUREMENT)
        table = _table(session, table_id)
        candidates = _candidates(session, table)
        kvk = kvk.strip()
        if kvk not in candidates:
            raise UserError(
                f"KvK {kvk} is geen toegelaten aanbieder{' voor perceel ' + table.lot_code if table.lot_code else ''} "
                "in deze procedure; alleen toegelaten aanbieders kunnen aan de dialoogtafel worden gekozen."
            )
        provider = session.execute(select(m.Provider).where(m.Provider.kvk == kvk)).scalar_one()
        existing = next((c for c in table.choices if c.provider_id == provider.id), None)
        seats = sum(1 for c in table.choices if c.selected and c is not existing)
        if selected and seats >= table.maximum:
            raise UserError(
                f"De dialoogtafel heeft al {count_text(seats, 'deelnemer', 'deelnemers')}: het maximum is "
                f"{table.maximum}. Zet eerst een ander op niet gekozen; er is niets veranderd."
            )
        if existing is None:
            table.choices.append(
                m.DialogueChoice(provider_id=provider.id, selected=selected, reason=reason, decided_by=actor)
            )
        else:
            existing.selected, existing.reason, existing.decided_by = selected, reason, actor
        session.flush()
        session.refresh(table)
        return _row(session, table)


def dialogue_tables(sessions: sessionmaker[Session], procurement_id: int) -> list[DialogueTableRow]:
    with sessions() as session:
        find_procurement(session, procurement_id)
        tables = session.execute(
            select(m.DialogueTable).where(m.DialogueTable.procurement_id == procurement_id).order_by(m.DialogueTable.id)
        ).scalars()
        return [_row(session, t) for t in tables]


def _sender(procurement: m.Procurement) -> Sender:
    """The sender of the procedure's newest entry moment that has one set for its letters."""
    with_sender = [r.document_settings for r in procurement.rounds if r.document_settings.get("sender")]
    settings = with_sender[-1] if with_sender else {}
    return Sender(
        organisation=str(settings.get("sender", "")), address=str(settings.get("address", "")),
        signatory=str(settings.get("signatory", "")), function=str(settings.get("signatory_function", "")),
    )  # fmt: skip


def make_dialogue_invitations(
    sessions: sessionmaker[Session], table_id: int, out_dir: Path, *, actor: str, today: date | None = None
) -> list[Path]:
    """One invitation PDF per selected provider; refused while a candidate has no recorded choice."""
    day = today or date.today()
    with sessions() as session:
        refuse_on_laptop_database(session, ChairAction.PROCUREMENT)
        table = _table(session, table_id)
        row = _row(session, table)
        sender = _sender(find_procurement(session, table.procurement_id))
    if row.undecided:
        names = ", ".join(c.name for c in row.undecided)
        raise UserError(f"Leg eerst voor elke toegelaten aanbieder vast of die is gekozen en waarom: nog open {names}.")
    if not row.selected:
        raise UserError("Er is nog niemand gekozen voor deze dialoogtafel.")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"De map {out_dir} kan niet worden gemaakt: {os_reason(exc)}.") from exc
    files = []
    for candidate in row.selected:
        invitation = DialogueInvitation(
            procurement=row.procurement, title=row.title, provider=candidate.name, kvk=candidate.kvk,
            date=long_date(day), criteria=row.criteria, reason=candidate.reason, meeting=row.meeting,
            seats=row.maximum,
        )  # fmt: skip
        path = out_dir / f"Uitnodiging_dialoogtafel_{table_id}_{candidate.kvk}.pdf"
        try:
            path.write_bytes(invitation_pdf(invitation, sender))
        except OSError as exc:
            raise UserError(f"{path} kan niet worden opgeslagen: {os_reason(exc)}.") from exc
        files.append(path)
    with unit_of_work(sessions, actor) as session:
        record_action(session, "dialogue-invitations-made", "dialogue_tables", str(table_id),
                      {"invited": [c.kvk for c in row.selected], "folder": str(out_dir)})  # fmt: skip
    return files
