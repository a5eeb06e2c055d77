"""The whole round as one spreadsheet, for the region's own analysis: registrations with their declared answers,
the consolidation (scores, consensus, spread, totals, requirements, agreement), decisions and interviews. Moments
are Excel dates and numbers numbers (core/files/safe_xlsx.py)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from beoordelaar.core.consolidation.consolidation_export import add_consolidation_sheets
from beoordelaar.core.files.safe_xlsx import add_sheet, new_workbook, save_workbook
from beoordelaar.core.registrations.answers import parse_decimal
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.framework import AnswerKind
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.procedure import Outcome
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from beoordelaar.core.text import word
from beoordelaar.core.verification.verification import list_interviews


def _declared(criterion: m.Criterion, value: str) -> Decimal | str:
    """A declared number as a number (sortable, filterable); anything else, or a number not written as one, as
    declared."""
    number = parse_decimal(value) if criterion.answer_kind == AnswerKind.NUMBER.value else None
    return value if number is None else number


def export_round(database: Database, round_id: int, path: Path) -> Path:
    with database.sessions() as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.RECORD)
        criteria = [c for c in rnd.framework.criteria if c.part != "plan"]
        registrations = (
            session.execute(
                select(m.Registration)
                .where(m.Registration.round_id == rnd.id)
                .options(selectinload(m.Registration.answers), selectinload(m.Registration.lots))
                .order_by(m.Registration.sequence)
            )
            .scalars()
            .all()
        )
        rows = []
        for r in registrations:
            answers = {a.criterion_id: a.value for a in r.answers}
            rows.append(
                (r.number, r.name, r.provider.kvk, r.vestigingsnummer or "", r.agb or "", r.address or "",
                 r.postcode or "", r.city or "", r.email or "", ", ".join(lot.code for lot in r.lots),
                 r.submitted_at,
                 *(_declared(c, answers.get(c.id, "")) for c in criteria))
            )  # fmt: skip
        decisions = []
        latest: dict[int, m.Decision] = {}
        for decision in session.execute(
            select(m.Decision)
            .join(m.Registration)
            .where(m.Registration.round_id == rnd.id)
            .order_by(m.Decision.revision)
        ).scalars():
            latest[decision.registration_id] = decision
        for r in registrations:
            d = latest.get(r.id)
            if d is not None:
                decisions.append(
                    (r.number, r.name, Outcome(d.outcome).label, Outcome(d.proposed_outcome).label,
                     word("decision_status", d.status).lower(), d.override_motivation or "",
                     "\n".join(x.get("text", "") for x in d.reasons or ()))
                )  # fmt: skip
        headers = ("Inschrijving", "Aanbieder", "KvK", "Vestigingsnummer", "AGB", "Adres", "Postcode", "Plaats",
                   "E-mail", "Percelen", "Ingediend", *(f"{c.code} {c.title}" for c in criteria))  # fmt: skip
    book = new_workbook()
    add_sheet(book, "Inschrijvingen", headers, rows, widths=(16, 32, 10, 15, 10, 24, 9, 14, 26, 10, 16))
    round_name = add_consolidation_sheets(book, database.sessions, round_id)
    add_sheet(
        book, "Besluiten",
        ("Inschrijving", "Aanbieder", "Besluit", "Voorstel", "Status", "Afwijking (motivering)", "Redenen"),
        decisions, widths=(16, 32, 12, 12, 12, 40, 90),
    )  # fmt: skip
    interviews = [
        (i.registration, i.label, i.status.label, i.held_at, p.code,
         p.reason, p.question, p.answer, {True: "ja", False: "nee", None: ""}[p.only_clarifies],
         p.outcome.label if p.outcome else "", p.motivation)
        for i in list_interviews(database.sessions, round_id)
        for p in i.points
    ]  # fmt: skip
    add_sheet(
        book, "Verificatie",
        ("Inschrijving", "Aanbieder", "Status", "Gehouden", "Punt", "Twijfel", "Vraag", "Antwoord",
         "Alleen verduidelijking", "Uitkomst", "Motivering"),
        interviews, widths=(16, 28, 12, 16, 6, 40, 40, 40, 10, 12, 50),
    )  # fmt: skip
    save_workbook(book, path, f"Het overzicht van ronde '{round_name}'")
    return path
