"""document-settings: a round's letter settings from and to a TOML file."""

from __future__ import annotations

import argparse
from pathlib import Path

from beoordelaar.cli.base import add_json, database, emit


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "document-settings",
        help="de instellingen van de brieven (afzender, ondertekening, termijnen, sjablonen) uit of naar een "
        "TOML-bestand",
    )
    command.add_argument("round", metavar="ROUND")
    where = command.add_mutually_exclusive_group()
    where.add_argument("--load", type=Path, metavar="BESTAND", help="leest de instellingen uit dit bestand in")
    where.add_argument("--save", type=Path, metavar="BESTAND", help="schrijft de instellingen naar dit bestand")
    add_json(command)
    command.set_defaults(handler=document_settings_command)


def document_settings_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.decisions.api import (
        get_document_settings,
        load_settings_file,
        settings_problems,
        write_settings_file,
    )
    from beoordelaar.core.rounds.api import resolve_round

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        if args.save is not None:
            write_settings_file(db.sessions, round_id, args.save)
        elif args.load is not None:
            load_settings_file(db.sessions, round_id, args.load, actor=args.actor)
        settings, procedure = get_document_settings(db.sessions, round_id)
        problems = settings_problems(settings, procedure)
    data = {"settings": settings.as_json(), "problems": problems}
    done = f"Instellingen geschreven naar {args.save}. " if args.save else ""
    done = f"Instellingen ingelezen uit {args.load}. " if args.load else done
    open_points = "\n".join(f"- {p}" for p in problems)
    emit(
        args,
        data,
        lambda: (
            done
            + ("De brieven kunnen worden gemaakt." if not problems else f"Nog nodig voor de brieven:\n{open_points}")
        ),
    )
