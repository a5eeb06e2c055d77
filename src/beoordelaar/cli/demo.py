"""demo."""

from __future__ import annotations

import argparse

from beoordelaar.cli.base import add_json, database, emit


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen geheel getal") from None
    if value < 2:
        raise argparse.ArgumentTypeError("minstens 2")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    demo = subparsers.add_parser("demo", help="voegt een gevulde demoronde toe, om de hele werkwijze te zien")
    demo.add_argument("--providers", type=_positive, default=40, help="aantal aanbieders (standaard 40)")
    demo.add_argument("--assessors", type=_positive, default=3, help="aantal beoordelaars (standaard 3)")
    demo.add_argument("--seed", type=int, default=7, help="startwaarde van de toevalsgenerator")
    add_json(demo)
    demo.set_defaults(handler=demo_command)


def demo_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.demo.api import add_demo_entry_moment, build_demo

    with database(args) as db:
        summary = build_demo(
            db.sessions,
            providers=args.providers,
            assessors=args.assessors,
            seed=args.seed,
            actor=args.actor,
            documents=db.documents,
        )
        entry = add_demo_entry_moment(db.sessions, summary.id, actor=args.actor)
    emit(
        args,
        summary.as_json() | {"entry_moment": entry.as_json()},
        lambda: (
            f"Demoronde '{summary.name}' toegevoegd: {summary.registrations} inschrijvingen, "
            f"{summary.assessors} commissieleden, {summary.scores} scores, {summary.decisions} besluiten. "
            f"Het tweede toetredingsmoment van de procedure, '{entry.name}', staat open met "
            f"{entry.registrations} inschrijvingen. Start het programma met 'beoordelaar' om ze te bekijken."
        ),
    )
