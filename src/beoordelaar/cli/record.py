"""report, dossier, export, history."""

from __future__ import annotations

import argparse
from pathlib import Path

from beoordelaar.cli.base import add_json, database, emit
from beoordelaar.core.record.assessment_report import write_report
from beoordelaar.core.record.dossier import build_dossier
from beoordelaar.core.record.history import registration_history
from beoordelaar.core.record.history_text import HistoryNames, event_lines
from beoordelaar.core.record.round_export import export_round


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
        write_report(db, args.round, args.out, actor=args.actor)
    print(f"Proces-verbaal geschreven naar {args.out}.")


def dossier_command(args: argparse.Namespace) -> None:
    with database(args) as db:
        build_dossier(db, args.round, args.registration, args.out)
    print(f"Dossier geschreven naar {args.out}.")


def export_command(args: argparse.Namespace) -> None:
    with database(args) as db:
        export_round(db, args.round, args.out)
    print(f"Overzicht van de ronde geschreven naar {args.out}.")


def history_command(args: argparse.Namespace) -> None:
    with database(args) as db:
        events = registration_history(db.sessions, args.round, args.registration, criterion=args.criterium)

    def text() -> str:
        lines = [line for event in events for line in event_lines(event, HistoryNames())]
        return "\n".join(lines) or "Geen wijzigingen gevonden."

    emit(args, [e.as_json() for e in events], text)
