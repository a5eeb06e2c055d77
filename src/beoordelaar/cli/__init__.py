"""The command line: every action of the app from a terminal, on the same services the windows use.

Conventions (README.md, "The command line"): messages in Dutch; exit 0 on success, 1 when the input is refused
(nothing changed), 2 for wrong usage; --json prints one JSON document on stdout and nothing else there.
Each command group lives in its own module with a register(subparsers) function, listed in COMMAND_MODULES.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from beoordelaar import __version__
from beoordelaar.cli.base import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, DutchArgumentParser, fail
from beoordelaar.core.actor import default_actor
from beoordelaar.core.errors import UserError
from beoordelaar.core.paths import DATABASE_SETTING, default_database

COMMAND_MODULES = (
    "beoordelaar.cli.rounds",
    "beoordelaar.cli.commission",
    "beoordelaar.cli.demo",
    "beoordelaar.cli.audit",
    "beoordelaar.cli.exchange",
    "beoordelaar.cli.consolidation",
    "beoordelaar.cli.consensus_bulk",
    "beoordelaar.cli.importing",
    "beoordelaar.cli.verification",
    "beoordelaar.cli.record",
    "beoordelaar.cli.decisions",
    "beoordelaar.cli.selection",
    "beoordelaar.cli.document_settings",
    "beoordelaar.cli.procurement",
    "beoordelaar.cli.dialogue",
    "beoordelaar.cli.server",
)


def build_parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(
        prog="beoordelaar",
        description="Beoordelaar: inschrijvingen beoordelen in de regionale inkoop jeugdhulp. "
        "Zonder opdracht start het programma.",
    )
    parser.add_argument("--version", action="version", version=f"Beoordelaar {__version__}", help="toont de versie")
    parser.add_argument(
        "--db",
        default=None,
        metavar="DATABASE",
        help=f"de database: een bestand of sqlite:///pad, of een server postgresql+psycopg://gebruiker@host/naam "
        f"(standaard {default_database()})",
    )
    parser.add_argument(
        "--open", type=Path, default=None, metavar="WERKPAKKET", help="start het programma en opent dit werkpakket"
    )
    parser.add_argument(
        "--als",
        dest="actor",
        default=None,
        help="wie handelt, voor de audittrail (standaard: de gebruiker; het venster vraagt het bij de eerste start)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=DutchArgumentParser)
    for module in COMMAND_MODULES:
        importlib.import_module(module).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on wrong usage, 0 on --help/--version
        return int(exc.code or 0)
    args.db = args.db or os.environ.get(DATABASE_SETTING) or default_database()
    if args.command is None:  # the window asks who works, once per computer, unless --als says it
        # A start makes objects that live as long as the window and hardly any garbage: no collections until the
        # window is built (run_gui then freezes what exists and turns the collector on), a tenth of the start's CPU.
        gc.disable()
        try:
            from beoordelaar.ui.app import run_gui  # Qt only when a window is wanted

            where = args.db if isinstance(args.db, Path) or "://" in args.db else Path(args.db)
            return run_gui(where, actor=args.actor, open_file=args.open)
        finally:
            gc.enable()
    args.actor = args.actor or default_actor()
    try:
        return int(args.handler(args) or EXIT_OK)
    except UserError as exc:
        return fail(str(exc), getattr(args, "json", False))
    except SystemExit as exc:  # a handler's own usage error
        return int(exc.code or 0)
    except KeyboardInterrupt:
        print("Afgebroken; er is niets half opgeslagen.", file=sys.stderr)
        return EXIT_REFUSED


__all__ = ["EXIT_OK", "EXIT_REFUSED", "EXIT_USAGE", "build_parser", "main"]
