"""rounds, round create, rename, remove, frameworks."""

from __future__ import annotations

import argparse

from beoordelaar.cli.base import PROCEDURES, add_json, database, emit
from beoordelaar.core.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    rounds = subparsers.add_parser("rounds", help="de rondes met hun aantallen")
    add_json(rounds)
    rounds.set_defaults(handler=show_rounds)

    round_cmd = subparsers.add_parser("round", help="een ronde beheren")
    round_sub = round_cmd.add_subparsers(dest="round_command", metavar="ACTIE", required=True)
    create = round_sub.add_parser("create", help="een nieuwe ronde")
    create.add_argument("--name", required=True, help="de naam van de ronde")
    create.add_argument("--framework", required=True, help="een ingebouwd kader (zie 'frameworks') of een TOML-bestand")
    create.add_argument(
        "--procedure",
        choices=PROCEDURES,
        default="open-house",  # Procedure.OPEN_HOUSE
        help="procedure",
    )
    create.add_argument("--anoniem", action="store_true", help="beoordelaars zien 'Inschrijving 017' i.p.v. de naam")
    add_json(create)
    create.set_defaults(handler=create_round_command)

    rename = round_sub.add_parser("rename", help="een ronde een andere naam geven")
    rename.add_argument("round", metavar="ROUND")
    rename.add_argument("name", metavar="NAAM", help="de nieuwe naam")
    add_json(rename)
    rename.set_defaults(handler=rename_round_command)
    remove = round_sub.add_parser("remove", help="een ronde met alles erin verwijderen (na een reservekopie)")
    remove.add_argument("round", metavar="ROUND")
    remove.add_argument("--ja", action="store_true", help="ja, verwijder de ronde (zonder --ja: wat er weg zou gaan)")
    add_json(remove)
    remove.set_defaults(handler=remove_round_command)

    frameworks = subparsers.add_parser("frameworks", help="de ingebouwde beoordelingskaders")
    add_json(frameworks)
    frameworks.set_defaults(handler=show_frameworks)


def show_rounds(args: argparse.Namespace) -> None:
    from beoordelaar.core.rounds.api import list_rounds

    with database(args) as db:
        rounds = list_rounds(db.sessions)

    def text() -> str:
        if not rounds:
            return "Nog geen rondes. Maak er een met 'beoordelaar round create' of probeer 'beoordelaar demo'."
        lines = [f"{'id':>3}  {'naam':<40} {'procedure':<24} {'inschr.':>7} {'beoord.':>7} {'scores':>7} {'besl.':>6}"]
        for r in rounds:
            lines.append(
                f"{r.id:>3}  {r.name[:40]:<40} {r.procedure.label:<24} {r.registrations:>7} {r.assessors:>7} "
                f"{r.scores:>7} {r.decisions:>6}"
            )
        return "\n".join(lines)

    emit(args, [r.as_json() for r in rounds], text)


def create_round_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.rounds.api import Procedure, create_round

    with database(args) as db:
        summary = create_round(
            db.sessions,
            name=args.name,
            framework=args.framework,
            procedure=Procedure(args.procedure),
            anonymised=args.anoniem,
            actor=args.actor,
        )
    emit(args, summary.as_json(), lambda: f"Ronde '{summary.name}' aangemaakt (id {summary.id}).")


def rename_round_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.rounds.api import rename_round, resolve_round

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        summary = rename_round(db.sessions, round_id, args.name, actor=args.actor)
    emit(args, summary.as_json(), lambda: f"Ronde {summary.id} heet nu '{summary.name}'.")


def remove_round_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.rounds.api import list_rounds, remove_round, resolve_round
    from beoordelaar.core.text import count_text

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        if not args.ja:
            [summary] = [r for r in list_rounds(db.sessions) if r.id == round_id]
            raise UserError(
                f"Ronde '{summary.name}' zou met alles erin worden verwijderd: "
                f"{count_text(summary.registrations, 'inschrijving', 'inschrijvingen')}, "
                f"{count_text(summary.assessors, 'commissielid', 'commissieleden')}, "
                f"{count_text(summary.scores, 'score', 'scores')} en "
                f"{count_text(summary.decisions, 'besluit', 'besluiten')}. "
                "Voeg --ja toe om dat te doen (er wordt eerst een reservekopie gemaakt); er is niets veranderd."
            )
        removed = remove_round(db.sessions, round_id, actor=args.actor)
    emit(
        args,
        removed.as_json(),
        lambda: f"Ronde '{removed.name}' is verwijderd. Reservekopie van de database ervoor: {removed.backup}",
    )


def show_frameworks(args: argparse.Namespace) -> None:
    from beoordelaar.core.rounds.api import builtin_frameworks

    frameworks = builtin_frameworks()
    data = [
        {
            "name": key,
            "title": f.name,
            "version": f.version,
            "scoring_model": f.scoring_model.value,
            "criteria": [
                {"code": c.code, "part": c.part.value, "title": c.title}
                | ({"scale": [float(v) if v % 1 else int(v) for v in c.scale.values]} if c.scale else {})
                for c in f.criteria
            ],
        }
        for key, f in frameworks.items()
    ]

    def text() -> str:
        lines = []
        for key, f in frameworks.items():
            lines.append(f"{key}: {f.name} (versie {f.version}, {len(f.criteria)} criteria)")
            for c in f.criteria:
                lines.append(f"  {c.code:<5} {c.part.label:<18} {c.title}")
        return "\n".join(lines)

    emit(args, data, text)
