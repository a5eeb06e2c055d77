"""consensus-import, consensus-unanimous: consensus scores for many cells at once.

A top-level `consensus-import` rather than `consensus import`: `consensus ROUND REG CODE SCORE` takes the round as
its first word, so "import" there would be read as a round's name.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from beoordelaar.cli.base import add_json, database, emit, progress_lines


def register(subparsers: argparse._SubParsersAction) -> None:
    sheet = subparsers.add_parser(
        "consensus-import",
        help="consensusscores uit een spreadsheet (kolommen inschrijving, criterium, score, motivering)",
    )
    sheet.add_argument("round", metavar="ROUND")
    sheet.add_argument("file", type=Path, metavar="FILE")
    add_json(sheet)
    sheet.set_defaults(handler=consensus_import_command)

    unanimous = subparsers.add_parser(
        "consensus-unanimous",
        help="de cellen waarin alle beoordelaars dezelfde score gaven, met de samengestelde motivering",
    )
    unanimous.add_argument("round", metavar="ROUND")
    unanimous.add_argument(
        "--bevestigen",
        action="store_true",
        help="bevestig in één keer elke eensgezinde cel waarvan de samengestelde motivering lang genoeg is",
    )
    add_json(unanimous)
    unanimous.set_defaults(handler=consensus_unanimous_command)


def consensus_import_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.consolidation.api import import_consensus_sheet
    from beoordelaar.core.rounds.api import resolve_round
    from beoordelaar.core.text import count_text

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        progress = progress_lines("Consensusscores ingelezen")
        result = import_consensus_sheet(db.sessions, round_id, args.file, actor=args.actor, progress=progress)
    emit(
        args,
        result.as_json(),
        lambda: (
            f"{count_text(result.rows, 'consensusscore', 'consensusscores')} gelezen: {result.created} nieuw of "
            f"gewijzigd, {result.unchanged} ongewijzigd."
        ),
    )


def consensus_unanimous_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.consolidation.api import Confirmation, confirm_unanimous, unanimous_cells
    from beoordelaar.core.rounds.api import resolve_round
    from beoordelaar.core.text import count_text

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        found = unanimous_cells(db.sessions, round_id)
        ready = [c for c in found.cells if not c.shortfall]
        result = None
        if args.bevestigen and ready:
            chosen = [Confirmation(c.number, c.code, c.motivation) for c in ready]
            progress = progress_lines("Eensgezinde cellen bevestigd")
            result = confirm_unanimous(db.sessions, round_id, chosen, actor=args.actor, progress=progress)
    short = [c for c in found.cells if c.shortfall]
    data = {
        "cells": [
            {"registration": c.number, "criterion": c.code, "value": float(c.value), "assessors": c.assessors,
             "motivation": c.motivation, "too_short": bool(c.shortfall)}
            for c in found.cells
        ],
        "left_out": found.left_out,
        "confirmed": result.confirmed if result else 0,
    }  # fmt: skip

    def text() -> str:
        lines = [
            f"{count_text(len(found.cells), 'eensgezinde cel', 'eensgezinde cellen')}, waarvan {len(short)} met een "
            f"samengestelde motivering korter dan {found.min_length} tekens; "
            f"{count_text(found.left_out, 'inschrijving', 'inschrijvingen')} niet meegenomen (de beoordeling is niet "
            "compleet of ingeleverd, of een lid meldde een belangenverstrengeling)."
        ]
        if result is not None:
            lines.append(f"{count_text(result.confirmed, 'cel', 'cellen')} bevestigd als consensusscore.")
        elif ready:
            lines.append("Bevestig ze met --bevestigen; de te korte zet u in de consensusbespreking of met consensus.")
        lines += [f"  te kort: {c.number} {c.code}" for c in short]
        return "\n".join(lines)

    emit(args, data, text)
