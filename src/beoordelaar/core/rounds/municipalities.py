"""The municipalities of a procurement, the lots (product groups) each takes part in, and the product groups a
municipality closes for one entry moment because it has providers enough there (dichtzetten van productgroepen)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.laptop import refuse_on_laptop, refuse_on_laptop_database
from beoordelaar.core.rounds.procurement import (
    MunicipalityRow,
    find_procurement,
    procurement_framework,
)
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.text import and_list


@dataclass(frozen=True)
class Closure:
    municipality: str
    lot: str
    reason: str

    def as_json(self) -> dict[str, str]:
        return {"municipality": self.municipality, "lot": self.lot, "reason": self.reason}


def set_municipality(
    sessions: sessionmaker[Session], procurement_id: int, name: str, lots: list[str], *, actor: str
) -> MunicipalityRow:
    """Add a municipality to the procurement, or change the lots it takes part in (codes of the procurement)."""
    name = " ".join(name.split())
    if not name:
        raise UserError("Een gemeente heeft een naam nodig.")
    with unit_of_work(sessions, actor) as session:
        refuse_on_laptop_database(session, ChairAction.NEW_ROUND)
        procurement = find_procurement(session, procurement_id)
        known = [lot.code for lot in procurement_framework(procurement).lots]
        unknown = [code for code in lots if code not in known]
        if unknown:
            raise UserError(
                f"De procedure '{procurement.name}' kent perceel {and_list(unknown)} niet (percelen: "
                f"{', '.join(known) or 'geen'}); er is niets veranderd."
            )
        if not lots:
            raise UserError(f"Noem de percelen waaraan gemeente {name} deelneemt.")
        chosen = [code for code in known if code in lots]
        municipality = next((mun for mun in procurement.municipalities if mun.name == name), None)
        if municipality is None:
            municipality = m.Municipality(name=name, lots=chosen)
            procurement.municipalities.append(municipality)
        else:
            municipality.lots = chosen
        session.flush()
        record_action(
            session, "municipality-set", "municipalities", str(municipality.id),
            {"procurement": procurement.name, "name": name, "lots": chosen},
        )  # fmt: skip
        return MunicipalityRow(name, tuple(chosen))


def close_product_group(
    sessions: sessionmaker[Session], round_id: int, municipality: str, lot: str, reason: str, *, actor: str
) -> Closure:
    """A municipality closes a lot (product group) for this entry moment, with the reason the letters give;
    before any decision of the entry moment is confirmed."""
    reason = " ".join(reason.split())
    if len(reason) < 10:
        raise UserError("Geef de reden waarom de gemeente deze productgroep sluit; de brieven noemen die.")
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.DECIDE)
        if rnd.procurement is None:
            raise UserError(f"Ronde '{rnd.name}' hoort niet bij een inkoopprocedure.")
        found = next((mun for mun in rnd.procurement.municipalities if mun.name == municipality.strip()), None)
        if found is None:
            names = ", ".join(mun.name for mun in rnd.procurement.municipalities) or "nog geen"
            raise UserError(f"Gemeente '{municipality}' neemt niet deel aan deze procedure (gemeenten: {names}).")
        if lot not in found.lots:
            raise UserError(f"Gemeente {found.name} neemt niet deel aan perceel {lot}; er valt niets te sluiten.")
        confirmed = session.execute(
            select(m.Decision.id)
            .join(m.Registration)
            .where(m.Registration.round_id == rnd.id, m.Decision.status == "confirmed")
        ).first()
        if confirmed:
            raise UserError(
                f"In ronde '{rnd.name}' zijn al besluiten bevestigd; een productgroep sluit u vóór de besluiten. "
                "Er is niets veranderd."
            )
        existing = session.execute(
            select(m.ProductGroupClosure).where(
                m.ProductGroupClosure.round_id == rnd.id,
                m.ProductGroupClosure.municipality_id == found.id,
                m.ProductGroupClosure.lot_code == lot,
            )
        ).scalar_one_or_none()
        if existing is not None:
            raise UserError(f"Gemeente {found.name} heeft perceel {lot} voor dit toetredingsmoment al gesloten.")
        closure = m.ProductGroupClosure(
            round_id=rnd.id, municipality_id=found.id, lot_code=lot, reason=reason, closed_by=actor
        )
        session.add(closure)
        session.flush()
        record_action(
            session, "product-group-closed", "product_group_closures", str(closure.id),
            {"round": rnd.name, "municipality": found.name, "lot": lot, "reason": reason},
        )  # fmt: skip
        return Closure(found.name, lot, reason)


def round_closures(session: Session, round_id: int) -> list[Closure]:
    found = session.execute(
        select(m.ProductGroupClosure)
        .where(m.ProductGroupClosure.round_id == round_id)
        .order_by(m.ProductGroupClosure.lot_code, m.ProductGroupClosure.id)
    ).scalars()
    return [Closure(c.municipality.name, c.lot_code, c.reason) for c in found]


def list_closures(sessions: sessionmaker[Session], round_id: int) -> list[Closure]:
    with sessions() as session:
        find_round(session, round_id)
        return round_closures(session, round_id)
