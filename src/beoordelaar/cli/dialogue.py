"""dialogue create / choose / invitations, dialogues: dialogue tables of a procedure."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from beoordelaar.cli.base import add_json, database, emit

if TYPE_CHECKING:
    from beoordelaar.core.procurement.api import DialogueTableRow


def register(subparsers: argparse._SubParsersAction) -> None:
    dialogue = subparsers.add_parser("dialogue", help="een dialoogtafel met een beperkte groep toegelaten aanbieders")
    sub = dialogue.add_subparsers(dest="dialogue_command", metavar="ACTIE", required=True)
    create = sub.add_parser("create", help="een nieuwe dialoogtafel met haar aangekondigde criteria en maximum")
    create.add_argument("procedure", metavar="PROCEDURE")
    create.add_argument("--titel", required=True)
    create.add_argument("--criteria", required=True, help="de aangekondigde objectieve selectiecriteria")
    create.add_argument("--maximum", type=int, required=True, help="het maximum aantal deelnemers")
    create.add_argument("--perceel", default="", help="alleen aanbieders toegelaten tot dit perceel")
    create.add_argument("--wanneer", default="", help="datum, tijd en plaats, zoals de uitnodiging ze noemt")
    add_json(create)
    create.set_defaults(handler=create_command)

    choose = sub.add_parser("choose", help="vastleggen of een toegelaten aanbieder is gekozen, en waarom")
    choose.add_argument("table", metavar="TAFEL", type=int, help="het id van de dialoogtafel")
    choose.add_argument("kvk", metavar="KVK")
    verdict = choose.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--ja", action="store_true", help="gekozen")
    verdict.add_argument("--nee", action="store_true", help="niet gekozen")
    choose.add_argument("--reden", required=True, help="waarom, met de aangekondigde criteria")
    add_json(choose)
    choose.set_defaults(handler=choose_command)

    invite = sub.add_parser("invitations", help="de uitnodigingen als PDF, één per gekozen aanbieder")
    invite.add_argument("table", metavar="TAFEL", type=int)
    invite.add_argument("--out", type=Path, required=True, metavar="DIR")
    add_json(invite)
    invite.set_defaults(handler=invitations_command)

    listing = subparsers.add_parser("dialogues", help="de dialoogtafels van een procedure met wie is gekozen en waarom")
    listing.add_argument("procedure", metavar="PROCEDURE")
    add_json(listing)
    listing.set_defaults(handler=list_command)


def _text(table: DialogueTableRow) -> str:
    lines = [
        f"Dialoogtafel {table.id}: {table.title} (perceel {table.lot or 'alle'}; {len(table.selected)} van "
        f"maximaal {table.maximum} gekozen)",
        f"  criteria: {table.criteria}",
    ]
    for c in table.candidates:
        state = "open" if c.selected is None else ("gekozen" if c.selected else "niet gekozen")
        lines.append(f"  {c.kvk} {c.name}: {state}{' – ' + c.reason if c.reason else ''}")
    return "\n".join(lines)


def create_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.procurement.api import create_dialogue_table
    from beoordelaar.core.rounds.api import resolve_procurement

    with database(args) as db:
        procurement_id = resolve_procurement(db.sessions, args.procedure)
        table = create_dialogue_table(
            db.sessions, procurement_id, title=args.titel, criteria=args.criteria, maximum=args.maximum,
            lot=args.perceel, meeting=args.wanneer, actor=args.actor,
        )  # fmt: skip
    emit(args, table.as_json(), lambda: _text(table))


def choose_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.procurement.api import record_dialogue_choice

    with database(args) as db:
        table = record_dialogue_choice(
            db.sessions, args.table, args.kvk, selected=args.ja, reason=args.reden, actor=args.actor
        )
    emit(args, table.as_json(), lambda: _text(table))


def invitations_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.procurement.api import make_dialogue_invitations

    with database(args) as db:
        files = make_dialogue_invitations(db.sessions, args.table, args.out, actor=args.actor)
    emit(args, {"files": [str(f) for f in files]}, lambda: "\n".join(f"Uitnodiging: {f}" for f in files))


def list_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.procurement.api import dialogue_tables
    from beoordelaar.core.rounds.api import resolve_procurement

    with database(args) as db:
        tables = dialogue_tables(db.sessions, resolve_procurement(db.sessions, args.procedure))
    emit(args, [t.as_json() for t in tables], lambda: "\n".join(_text(t) for t in tables) or "Nog geen dialoogtafels.")
