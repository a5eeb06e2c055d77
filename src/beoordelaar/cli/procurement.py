"""procedure create / entry / municipality / close / amend, procedures, register, provider-history."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from beoordelaar.cli.base import PROCEDURES, add_json, database, day_argument, emit

if TYPE_CHECKING:
    from beoordelaar.core.rounds.api import ProcurementSummary


def register(subparsers: argparse._SubParsersAction) -> None:
    procedure = subparsers.add_parser("procedure", help="een inkoopprocedure met haar toetredingsmomenten")
    sub = procedure.add_subparsers(dest="procedure_command", metavar="ACTIE", required=True)
    create = sub.add_parser("create", help="een nieuwe inkoopprocedure")
    create.add_argument("--name", required=True, help="de naam van de procedure")
    create.add_argument("--framework", required=True, help="een ingebouwd kader (zie 'frameworks') of een TOML-bestand")
    create.add_argument("--type", required=True, choices=PROCEDURES, help="soort procedure")
    add_json(create)
    create.set_defaults(handler=create_command)

    entry = sub.add_parser("entry", help="een nieuw toetredingsmoment (een ronde) van de procedure")
    entry.add_argument("procedure", metavar="PROCEDURE")
    entry.add_argument("--name", required=True, help="de naam van het toetredingsmoment (de ronde)")
    entry.add_argument("--deadline", type=day_argument, help="de sluitingsdatum van de aanmelding (jjjj-mm-dd)")
    entry.add_argument("--anoniem", action="store_true", help="beoordelaars zien 'Inschrijving 017' i.p.v. de naam")
    add_json(entry)
    entry.set_defaults(handler=entry_command)

    municipality = sub.add_parser("municipality", help="een gemeente en de percelen waaraan zij deelneemt")
    municipality.add_argument("procedure", metavar="PROCEDURE")
    municipality.add_argument("name", metavar="GEMEENTE")
    municipality.add_argument("--percelen", nargs="+", required=True, metavar="PERCEEL")
    add_json(municipality)
    municipality.set_defaults(handler=municipality_command)

    close = sub.add_parser("close", help="een gemeente sluit een productgroep (perceel) voor een toetredingsmoment")
    close.add_argument("round", metavar="ROUND")
    close.add_argument("municipality", metavar="GEMEENTE")
    close.add_argument("lot", metavar="PERCEEL")
    close.add_argument("--reden", required=True, help="waarom; de brieven noemen deze reden")
    add_json(close)
    close.set_defaults(handler=close_command)

    amend = sub.add_parser("amend", help="een vastgelegde wijziging: latere toetredingsmomenten op een ander kader")
    amend.add_argument("procedure", metavar="PROCEDURE")
    amend.add_argument("--framework", required=True)
    amend.add_argument("--reden", required=True, help="het besluit of de nota van inlichtingen")
    add_json(amend)
    amend.set_defaults(handler=amend_command)

    procedures = subparsers.add_parser("procedures", help="de inkoopprocedures met hun toetredingsmomenten")
    add_json(procedures)
    procedures.set_defaults(handler=procedures_command)

    listing = subparsers.add_parser("register", help="het register van toegelaten aanbieders per perceel en gemeente")
    listing.add_argument("procedure", metavar="PROCEDURE")
    listing.add_argument("--xlsx", type=Path, metavar="FILE", help="ook als spreadsheet")
    add_json(listing)
    listing.set_defaults(handler=register_command)

    history = subparsers.add_parser(
        "provider-history", help="voor de voorzitter: eerdere inschrijvingen, besluiten en brieven van de aanbieder"
    )
    history.add_argument("round", metavar="ROUND")
    history.add_argument("registration", metavar="REG")
    add_json(history)
    history.set_defaults(handler=history_command)


def _summary_text(p: ProcurementSummary) -> str:
    from beoordelaar.core.text import count_text, date_text

    lines = [
        f"{p.id:>3}  {p.name} ({p.procedure.label}; kader {p.framework}, versie {p.framework_version}; "
        f"{count_text(len(p.entry_moments), 'toetredingsmoment', 'toetredingsmomenten')})"
    ]
    for e in p.entry_moments:
        deadline = f", aanmelden tot en met {date_text(e.deadline)}" if e.deadline else ""
        lines.append(f"     - ronde {e.round_id}: {e.name} (versie {e.framework_version}{deadline})")
    for mun in p.municipalities:
        lines.append(f"     gemeente {mun.name}: perceel {', '.join(mun.lots)}")
    lines += [f"     wijziging {a}" for a in p.amendments]
    return "\n".join(lines)


def create_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.rounds.api import Procedure, create_procurement

    with database(args) as db:
        summary = create_procurement(
            db.sessions, name=args.name, framework=args.framework, procedure=Procedure(args.type), actor=args.actor
        )
    emit(args, summary.as_json(), lambda: f"Inkoopprocedure '{summary.name}' aangemaakt (id {summary.id}).")


def entry_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.rounds.api import add_entry_moment, resolve_procurement

    with database(args) as db:
        procurement_id = resolve_procurement(db.sessions, args.procedure)
        summary = add_entry_moment(
            db.sessions, procurement_id, name=args.name, deadline=args.deadline, anonymised=args.anoniem,
            actor=args.actor,
        )  # fmt: skip
    emit(
        args,
        summary.as_json(),
        lambda: f"Toetredingsmoment '{summary.name}' aangemaakt (ronde {summary.id}) in '{summary.procurement_name}'.",
    )


def municipality_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.rounds.api import resolve_procurement, set_municipality

    with database(args) as db:
        procurement_id = resolve_procurement(db.sessions, args.procedure)
        row = set_municipality(db.sessions, procurement_id, args.name, args.percelen, actor=args.actor)
    emit(args, row.as_json(), lambda: f"Gemeente {row.name} neemt deel aan perceel {', '.join(row.lots)}.")


def close_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.rounds.api import close_product_group, resolve_round

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        closure = close_product_group(db.sessions, round_id, args.municipality, args.lot, args.reden, actor=args.actor)
    emit(
        args,
        closure.as_json(),
        lambda: f"Gemeente {closure.municipality} heeft perceel {closure.lot} voor dit toetredingsmoment gesloten.",
    )


def amend_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.rounds.api import amend_framework, resolve_procurement

    with database(args) as db:
        procurement_id = resolve_procurement(db.sessions, args.procedure)
        summary = amend_framework(
            db.sessions, procurement_id, framework=args.framework, reason=args.reden, actor=args.actor
        )
    emit(
        args,
        summary.as_json(),
        lambda: f"Wijziging vastgelegd: volgende toetredingsmomenten op versie {summary.framework_version}.",
    )


def procedures_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.rounds.api import list_procurements

    with database(args) as db:
        found = list_procurements(db.sessions)
    emit(
        args,
        [p.as_json() for p in found],
        lambda: (
            "\n".join(_summary_text(p) for p in found)
            or "Nog geen inkoopprocedures. Maak er een met 'beoordelaar procedure create'."
        ),
    )


def register_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.procurement.api import admitted_register, export_register
    from beoordelaar.core.rounds.api import resolve_procurement

    with database(args) as db:
        procurement_id = resolve_procurement(db.sessions, args.procedure)
        if args.xlsx:
            rows = export_register(db.sessions, procurement_id, args.xlsx)
        else:
            rows = admitted_register(db.sessions, procurement_id)

    def text() -> str:
        if not rows:
            return "Nog niemand toegelaten in deze procedure (alleen bevestigde besluiten tellen)."
        lines = [f"{'perceel':<8} {'gemeente':<18} {'kvk':<9} {'aanbieder':<36} toetredingsmoment"]
        lines += [
            f"{r.lot:<8} {r.municipality[:18]:<18} {r.kvk:<9} {r.provider[:36]:<36} {r.entry_moment}" for r in rows
        ]
        if args.xlsx:
            lines.append(f"Register opgeslagen in {args.xlsx}.")
        return "\n".join(lines)

    emit(args, [r.as_json() for r in rows], text)


def history_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.procurement.api import provider_history
    from beoordelaar.core.registrations.api import resolve_registration
    from beoordelaar.core.rounds.api import resolve_round

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        number = resolve_registration(db.sessions, round_id, args.registration)
        found = provider_history(db.sessions, round_id, number)

    def text() -> str:
        if not found:
            return "Geen eerdere inschrijvingen van deze aanbieder."
        lines = []
        for e in found:
            lines.append(f"{e.round_name} ({e.procedure or 'geen procedure'}): {e.registration}, {e.outcome}")
            lines += [f"  {o}" for o in e.lot_outcomes]
            lines += [f"  brief {x.kenmerk} (versie {x.version}){', verzonden ' + x.sent if x.sent else ''}"
                      for x in e.letters]  # fmt: skip
        return "\n".join(lines)

    emit(args, [e.as_json() for e in found], text)
