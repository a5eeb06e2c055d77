"""Procurements (inkoopprocedures): one procedure over years, its framework version, and its entry moments.

A procurement holds its procedure type and framework version; each entry moment (toetredingsmoment) is a round of
it, with its own deadline, commission and decisions, made from the procurement in one action on the framework the
procurement holds then. That framework changes only by a recorded amendment, which later entry moments follow; the
rounds already made keep the version they were made with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.framework import Framework, parse_framework
from beoordelaar.core.rounds.framework_files import load_framework
from beoordelaar.core.rounds.laptop import refuse_on_laptop_database
from beoordelaar.core.rounds.open_house import open_house_refusal
from beoordelaar.core.rounds.procedure import Procedure
from beoordelaar.core.rounds.rounds import (
    RoundSummary,
    add_round,
    known_names,
    new_procurement,
    resolve_id_or_name,
    store_framework,
    summarise,
)
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.text import date_text


@dataclass(frozen=True)
class EntryMoment:
    round_id: int
    name: str
    deadline: date | None
    framework_version: str
    status: str

    def as_json(self) -> dict[str, object]:
        return {
            "round": self.round_id,
            "name": self.name,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "framework_version": self.framework_version,
            "status": self.status,
        }


@dataclass(frozen=True)
class MunicipalityRow:
    name: str
    lots: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        return {"name": self.name, "lots": list(self.lots)}


@dataclass(frozen=True)
class ProcurementSummary:
    id: int
    name: str
    procedure: Procedure
    framework: str
    framework_version: str
    lots: tuple[tuple[str, str], ...]  # (code, name) of the framework's lots
    entry_moments: tuple[EntryMoment, ...]
    municipalities: tuple[MunicipalityRow, ...]
    amendments: tuple[str, ...]  # each recorded amendment, as a line of text

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "procedure": self.procedure.value,
            "framework": self.framework,
            "framework_version": self.framework_version,
            "lots": [{"code": code, "name": name} for code, name in self.lots],
            "entry_moments": [e.as_json() for e in self.entry_moments],
            "municipalities": [mun.as_json() for mun in self.municipalities],
            "amendments": list(self.amendments),
        }


def current_framework(procurement: m.Procurement) -> m.Framework:
    """The framework the procurement's next entry moment takes: the latest recorded amendment's, else its own."""
    return procurement.amendments[-1].framework if procurement.amendments else procurement.framework


def procurement_framework(procurement: m.Procurement) -> Framework:
    stored = current_framework(procurement)
    return parse_framework(stored.source_text, stored.name)


def summarise_procurement(procurement: m.Procurement) -> ProcurementSummary:
    stored = current_framework(procurement)
    framework = parse_framework(stored.source_text, stored.name)
    return ProcurementSummary(
        id=procurement.id,
        name=procurement.name,
        procedure=Procedure(procurement.procedure),
        framework=stored.name,
        framework_version=stored.version,
        lots=tuple((lot.code, lot.name) for lot in framework.lots),
        entry_moments=tuple(
            EntryMoment(r.id, r.name, r.registration_deadline, r.framework.version, r.status)
            for r in procurement.rounds
        ),
        municipalities=tuple(MunicipalityRow(mun.name, tuple(mun.lots)) for mun in procurement.municipalities),
        amendments=tuple(
            f"{a.amended_at:%Y-%m-%d}: versie {a.framework.version} ({a.framework.name}), door {a.amended_by}: "
            f"{a.reason}"
            for a in procurement.amendments
        ),
    )


def create_procurement(
    sessions: sessionmaker[Session], *, name: str, framework: str, procedure: Procedure, actor: str
) -> ProcurementSummary:
    """A new procurement on a built-in framework (by name) or a framework file, without an entry moment yet."""
    parsed, text = load_framework(framework)
    refusal = open_house_refusal(parsed) if procedure is Procedure.OPEN_HOUSE else None
    if refusal:
        raise UserError(refusal)
    if parsed.selection is not None and not procedure.ranks:
        raise UserError(
            f"Het kader '{parsed.name}' heeft een selectie met een maximum, maar een {procedure.label} selecteert "
            "niet. Kies een aanbesteding of SAS-procedure."
        )
    with unit_of_work(sessions, actor) as session:
        refuse_on_laptop_database(session, ChairAction.NEW_ROUND)
        procurement = new_procurement(
            session, name=name, framework=store_framework(session, parsed, text), procedure=procedure
        )
        return summarise_procurement(procurement)


def find_procurement(session: Session, procurement_id: int) -> m.Procurement:
    procurement = session.get(m.Procurement, procurement_id)
    if procurement is None:
        known = known_names(session, m.Procurement)
        raise UserError(f"Inkoopprocedure {procurement_id} bestaat niet (procedures: {known}).")
    return procurement


def add_entry_moment(
    sessions: sessionmaker[Session],
    procurement_id: int,
    *,
    name: str,
    deadline: date | None = None,
    actor: str,
    anonymised: bool = False,
) -> RoundSummary:
    """A new entry moment of the procurement: a round on the framework version the procurement holds now, with
    the procurement's lots; its deadline must lie after the deadlines of the entry moments before it."""
    with unit_of_work(sessions, actor) as session:
        procurement = find_procurement(session, procurement_id)
        earlier = [r.registration_deadline for r in procurement.rounds if r.registration_deadline is not None]
        if deadline is not None and earlier and deadline <= max(earlier):
            raise UserError(
                f"De sluitingsdatum {date_text(deadline)} ligt niet na die van het vorige toetredingsmoment "
                f"({date_text(max(earlier))}). Kies een latere datum; er is niets veranderd."
            )
        stored = current_framework(procurement)
        rnd = add_round(
            session,
            name=name,
            framework=parse_framework(stored.source_text, stored.name),
            text=stored.source_text,
            procedure=Procedure(procurement.procedure),
            anonymised=anonymised,
            procurement=procurement,
        )
        rnd.registration_deadline = deadline
        session.flush()
        return summarise(session, rnd)


def amend_framework(
    sessions: sessionmaker[Session], procurement_id: int, *, framework: str, reason: str, actor: str
) -> ProcurementSummary:
    """Record an amendment that gives the procurement's next entry moments another framework version."""
    reason = " ".join(reason.split())
    if len(reason) < 10:
        raise UserError("Noem de reden van de wijziging van het kader (het besluit of de nota van inlichtingen).")
    parsed, text = load_framework(framework)
    with unit_of_work(sessions, actor) as session:
        procurement = find_procurement(session, procurement_id)
        refuse_on_laptop_database(session, ChairAction.NEW_ROUND)
        stored = store_framework(session, parsed, text)
        if stored is current_framework(procurement):
            raise UserError(f"De procedure gebruikt versie {parsed.version} van dit kader al; er is niets veranderd.")
        _refuse_other_lots(procurement_framework(procurement), parsed)
        procurement.amendments.append(m.FrameworkAmendment(framework=stored, reason=reason, amended_by=actor))
        session.flush()
        record_action(
            session, "framework-amended", "procurements", str(procurement.id),
            {"framework": parsed.name, "version": parsed.version, "reason": reason},
        )  # fmt: skip
        return summarise_procurement(procurement)


def _refuse_other_lots(before: Framework, after: Framework) -> None:
    gone = sorted({lot.code for lot in before.lots} - {lot.code for lot in after.lots})
    if gone:
        raise UserError(
            f"Het nieuwe kader kent perceel {', '.join(gone)} niet meer; aanbieders zijn daarvoor toegelaten. "
            "Een wijziging houdt de percelen van de procedure; er is niets veranderd."
        )


def list_procurements(sessions: sessionmaker[Session]) -> list[ProcurementSummary]:
    with sessions() as session:
        found = session.execute(select(m.Procurement).order_by(m.Procurement.id)).scalars()
        return [summarise_procurement(p) for p in found]


def procurement_of_round(sessions: sessionmaker[Session], round_id: int) -> ProcurementSummary | None:
    """The procurement a round is an entry moment of (None for a laptop's copy of a round)."""
    with sessions() as session:
        rnd = session.get(m.Round, round_id)
        if rnd is None or rnd.procurement_id is None:
            return None
        return summarise_procurement(find_procurement(session, rnd.procurement_id))


def resolve_procurement(sessions: sessionmaker[Session], text: str) -> int:
    """The id of the procurement a user typed (its id or exact name), for the command line."""
    with sessions() as session:
        return resolve_id_or_name(session, m.Procurement, text, "procedure", "procedures")
