"""report, dossier, export, history."""

from __future__ import annotations

import argparse
from pathlib import Path

from beoordelaar.cli.base import add_json, database, emit
from beoordelaar.core.record.api import (
    HistoryNames,
    build_dossier,
    event_lines,
    export_round,
    registration_history,
    write_report,
)
from beoordelaar.core.registrations.api import resolve_registration
from beoordelaar.core.rounds.api import resolve_round


def register(subparsers: argparse._SubParsersAction) -> None:
    report = subparsers.add_parser("report", help="het proces-verbaal van de beoordeling als PDF")
    report.add_argument("round", metavar="ROUND")
    report.add_argument("--out", type=Path, required=True, metavar="FILE")
    report.set_defaults(handler=report_command)

    dossier = subparsers.add_parser("dossier", help="alles over één inschrijving in één zip")
    dossier.add_argument("round", metavar="ROUND")
    dossier.add_argument("registration", metavar="REG")
    dossier.add_argument("--out", type=Path, required=True, metavar="FILE")
    dossier.set_defaults(handler=dossier_command)

    export = subparsers.add_parser("export", help="de hele ronde als spreadsheet (xlsx)")
    export.add_argument("round", metavar="ROUND")
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    export.set_defaults(handler=export_command)

    history = subparsers.add_parser("history", help="elke wijziging aan een inschrijving, met wie, wanneer en waarom")
    history.add_argument("round", metavar="ROUND")
    history.add_argument("registration", metavar="REG")
    history.add_argument("--criterium", default=None, help="alleen de geschiedenis van één criterium")
    add_json(history)
    history.set_defaults(handler=history_command)


def report_command(args: argparse.Namespace) -> None:
    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        write_report(db, round_id, args.out, actor=args.actor)
    print(f"Proces-verbaal geschreven naar {args.out}.")


def dossier_command(args: argparse.Namespace) -> None:
    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        number = resolve_registration(db.sessions, round_id, args.registration)
        build_dossier(db, round_id, number, args.out)
    print(f"Dossier geschreven naar {args.out}.")


def export_command(args: argparse.Namespace) -> None:
    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        export_round(db, round_id, args.out)
    print(f"Overzicht van de ronde geschreven naar {args.out}.")


def history_command(args: argparse.Namespace) -> None:
    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        number = resolve_registration(db.sessions, round_id, args.registration)
        events = registration_history(db.sessions, round_id, number, criterion=args.criterium)

    def text() -> str:
        lines = [line for event in events for line in event_lines(event, HistoryNames())]
        return "\n".join(lines) or "Geen wijzigingen gevonden."

    emit(args, [e.as_json() for e in events], text)
