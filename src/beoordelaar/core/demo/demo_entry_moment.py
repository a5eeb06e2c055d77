"""The demo's second entry moment: the demo round's procurement gets its municipalities and a later entry moment
(open for registrations), in which a municipality closed a product group, a provider rejected before applies again
and an admitted provider applies for an extra lot."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from beoordelaar.core.decisions.entry_facts import ADMITTING, confirmed_lot_outcomes
from beoordelaar.core.rounds.municipalities import close_product_group, set_municipality
from beoordelaar.core.rounds.procurement import add_entry_moment
from beoordelaar.core.rounds.rounds import RoundSummary, find_round, summarise
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work

# Which lots (product groups) each demo municipality takes part in.
MUNICIPALITIES = {"Zwolle": ["1", "2", "3", "4"], "Deventer": ["1", "2", "4"], "Kampen": ["1", "3"]}
CLOSED = (
    ("Kampen", "3", "Kampen heeft met de aanbieders uit het eerste toetredingsmoment voldoende dagbehandeling."),
    ("Zwolle", "4", "Het aanbod jeugd-ggz in Zwolle is toereikend; de gemeente sluit de productgroep voor 2027."),
    ("Deventer", "4", "Deventer sluit jeugd-ggz voor dit toetredingsmoment: er zijn aanbieders genoeg."),
)
DEADLINE = date(2027, 5, 1)


def add_demo_entry_moment(sessions: sessionmaker[Session], round_id: int, *, actor: str) -> RoundSummary:
    """The second entry moment of the demo round's procurement, with three registrations that show the rules
    across entry moments (separate units of work, each an action of its own)."""
    with sessions() as session:
        rnd = find_round(session, round_id)
        assert rnd.procurement is not None
        procurement_id, name = rnd.procurement.id, f"{rnd.name} – toetreding juli 2027"
    for municipality, lots in MUNICIPALITIES.items():
        set_municipality(sessions, procurement_id, municipality, lots, actor=actor)
    second = add_entry_moment(sessions, procurement_id, name=name, deadline=DEADLINE, actor=actor)
    for municipality, lot, reason in CLOSED:
        close_product_group(sessions, second.id, municipality, lot, reason, actor=actor)
    with unit_of_work(sessions, actor, source="demo") as session:
        entry, first = find_round(session, second.id), find_round(session, round_id)
        entry.document_settings = {k: v for k, v in first.document_settings.items() if k != "entry_moment"}
        _reapply(session, first, entry)
        session.flush()
        return summarise(session, entry)


def _reapply(session: Session, first: m.Round, second: m.Round) -> None:
    """A provider rejected in the first entry moment registers again for the same lots; an admitted one adds
    a lot it was not admitted to; a third applies for jeugd-ggz, which every municipality closed."""
    admitted: dict[int, set[str]] = {}
    rejected: list[m.Registration] = []
    for registration, _decision, outcome in confirmed_lot_outcomes(session, first.id):
        if outcome.outcome in ADMITTING:
            admitted.setdefault(registration.id, set()).add(outcome.lot)
        elif registration not in rejected:
            rejected.append(registration)
    earlier = {
        r.id: r
        for r in session.execute(
            select(m.Registration)
            .where(m.Registration.round_id == first.id)
            .options(selectinload(m.Registration.lots), selectinload(m.Registration.answers))
            .order_by(m.Registration.sequence)
        ).scalars()
    }
    lots = {lot.code: lot for lot in second.lots}
    extra = next((earlier[i] for i, codes in admitted.items() if "2" not in codes and i in earlier), None)
    ggz = next((earlier[i] for i, codes in admitted.items() if "4" not in codes and earlier[i] is not extra), None)
    # A small demo round may have no rejected provider, or none to move: then the entry moment shows fewer cases.
    chosen = [
        *([(rejected[0], [lot.code for lot in rejected[0].lots])] if rejected else []),
        *([(extra, sorted({lot.code for lot in extra.lots} | {"2"}))] if extra is not None else []),
        *([(ggz, ["4"])] if ggz is not None else []),
    ]
    for sequence, (registration, codes) in enumerate(chosen, start=1):
        again = m.Registration(
            round=second, provider_id=registration.provider_id, number=f"DEMO-2027-{sequence:04d}",
            sequence=sequence, name=registration.name, vestigingsnummer=registration.vestigingsnummer,
            agb=registration.agb, address=registration.address, postcode=registration.postcode,
            city=registration.city, contact_name=registration.contact_name, email=registration.email,
            phone=registration.phone, submitted_at=datetime(2027, 4, 20 + sequence, 10, 0),
            product_categories=sorted({c for code in codes for c in lots[code].product_categories}),
            source="demo",
        )  # fmt: skip
        again.lots = [lots[code] for code in codes]
        again.answers = [m.DeclaredAnswer(criterion_id=a.criterion_id, value=a.value) for a in registration.answers]
        session.add(again)
