"""The register of admitted providers of a procurement: per lot and municipality, over every entry moment, with the
entry moment and the decision that admitted each; on screen, as JSON and as a spreadsheet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.decisions.entry_facts import ADMITTING, confirmed_lot_outcomes, load_entry_facts
from beoordelaar.core.decisions.entry_lots import open_municipalities
from beoordelaar.core.files.safe_xlsx import add_sheet, new_workbook, save_workbook
from beoordelaar.core.rounds.procedure import Outcome
from beoordelaar.core.rounds.procurement import find_procurement
from beoordelaar.core.storage import models as m
from beoordelaar.core.text import local_moment_text

WHOLE_REGION = "alle gemeenten"


@dataclass(frozen=True)
class RegisterRow:
    lot: str
    lot_name: str
    municipality: str  # WHOLE_REGION where the procurement names no municipalities for the lot
    kvk: str
    provider: str
    entry_moment: str
    round_id: int
    registration: str
    outcome: Outcome
    decided_at: datetime
    decided_by: str

    def as_json(self) -> dict[str, object]:
        return {
            "lot": self.lot,
            "lot_name": self.lot_name,
            "municipality": self.municipality,
            "kvk": self.kvk,
            "provider": self.provider,
            "entry_moment": self.entry_moment,
            "round": self.round_id,
            "registration": self.registration,
            "outcome": self.outcome.value,
            "decided_at": self.decided_at.isoformat(timespec="seconds"),
            "decided_by": self.decided_by,
        }

    def cells(self) -> tuple[object, ...]:
        return (
            self.lot, self.lot_name, self.municipality, self.kvk, self.provider, self.entry_moment,
            self.registration, self.outcome.label, local_moment_text(self.decided_at), self.decided_by,
        )  # fmt: skip


HEADERS = (
    "Perceel", "Naam perceel", "Gemeente", "KvK", "Aanbieder", "Toetredingsmoment", "Inschrijving", "Besluit",
    "Besloten op", "Besloten door",
)  # fmt: skip
WIDTHS = (9, 28, 20, 10, 36, 34, 18, 12, 18, 20)


def register_rows(session: Session, procurement: m.Procurement) -> list[RegisterRow]:
    rows = []
    for rnd in procurement.rounds:
        facts = load_entry_facts(session, rnd)
        names = {lot.code: lot.name for lot in rnd.lots}
        for registration, decision, outcome in confirmed_lot_outcomes(session, rnd.id):
            if outcome.outcome not in ADMITTING:
                continue
            where = open_municipalities(outcome.lot, facts) if facts is not None else ()
            if facts is not None and not where and facts.participants.get(outcome.lot):
                continue  # every municipality of the lot closed it: admitted nowhere
            for municipality in where or (WHOLE_REGION,):
                row = RegisterRow(
                    outcome.lot, names.get(outcome.lot, ""), municipality, registration.provider.kvk,
                    registration.name, rnd.name, rnd.id, registration.number, outcome.outcome,
                    decision.decided_at, decision.decided_by or "",
                )  # fmt: skip
                rows.append(row)
    rows.sort(key=lambda r: (r.lot, r.municipality, r.provider.casefold(), r.round_id))
    return rows


def admitted_register(sessions: sessionmaker[Session], procurement_id: int) -> list[RegisterRow]:
    """Every provider admitted (or awarded) in the procurement, per lot and municipality."""
    with sessions() as session:
        return register_rows(session, find_procurement(session, procurement_id))


def export_register(sessions: sessionmaker[Session], procurement_id: int, path: Path) -> list[RegisterRow]:
    """The register as a spreadsheet (every text stays text)."""
    with sessions() as session:
        procurement = find_procurement(session, procurement_id)
        rows = register_rows(session, procurement)
        name = procurement.name
    book = new_workbook()
    add_sheet(book, "Register", HEADERS, [r.cells() for r in rows], WIDTHS)
    book.properties.title = f"Register toegelaten aanbieders – {name}"
    save_workbook(book, path, "Het register")
    return rows
