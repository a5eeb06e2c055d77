"""draws, draw-lots, award-stage: the selection stage of a two-stage procedure."""

from __future__ import annotations

import argparse

from beoordelaar.cli.base import add_json, database, emit


def register(subparsers: argparse._SubParsersAction) -> None:
    draws = subparsers.add_parser("draws", help="de lotingen van een selectie: welke nog nodig zijn en welke gehouden")
    draws.add_argument("round", metavar="ROUND")
    add_json(draws)
    draws.set_defaults(handler=draws_command)

    draw = subparsers.add_parser(
        "draw-lots", help="legt een loting vast bij gelijke stand op de grens van het maximum van een selectie"
    )
    draw.add_argument("round", metavar="ROUND")
    draw.add_argument("--perceel", default="", help="het perceel van de loting (in een ronde met percelen)")
    draw.add_argument("--door", required=True, help="wie trok (bijvoorbeeld de notaris)")
    draw.add_argument("--getuigen", required=True, help="wie erbij waren")
    draw.add_argument(
        "--volgorde",
        default=None,
        metavar="NR,NR,...",
        help="de uitkomst van een loting met de hand: de inschrijvingen in de getrokken volgorde; "
        "zonder --volgorde trekt het programma zelf",
    )
    add_json(draw)
    draw.set_defaults(handler=draw_lots_command)

    award = subparsers.add_parser(
        "award-stage", help="begint de gunningsfase na een selectie: een nieuwe ronde voor alleen de geselecteerden"
    )
    award.add_argument("round", metavar="ROUND", help="de selectieronde")
    award.add_argument("--name", required=True, help="de naam van de nieuwe ronde")
    award.add_argument("--framework", required=True, help="het kader van de gunningsfase (ingebouwd of TOML-bestand)")
    add_json(award)
    award.set_defaults(handler=award_stage_command)


def draws_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.decisions.api import list_draws, pending_draws
    from beoordelaar.core.rounds.api import resolve_round
    from beoordelaar.core.text import count_text, local_moment_text

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        pending, held = pending_draws(db.sessions, round_id), list_draws(db.sessions, round_id)

    def text() -> str:
        lines = [f"{count_text(len(pending), 'loting', 'lotingen')} nodig."]
        for p in pending:
            where = f"Perceel {p.lot}" if p.lot else "De ronde"
            places = count_text(p.places, "plaats", "plaatsen")
            lines.append(f"  {where}: {places} tussen {', '.join(p.numbers)}")
        for d in held:
            where = f"perceel {d.lot}" if d.lot else "de ronde"
            lines.append(
                f"Loting {where} op {local_moment_text(d.drawn_at)} door {d.drawn_by} ({d.method}), getuigen "
                f"{d.witnesses}: {', '.join(d.order)}; door: {', '.join(d.selected)}"
            )
        return "\n".join(lines)

    emit(args, {"pending": [p.as_json() for p in pending], "draws": [d.as_json() for d in held]}, text)


def draw_lots_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.decisions.api import draw_lots
    from beoordelaar.core.rounds.api import resolve_round

    order = [part for part in args.volgorde.split(",") if part.strip()] if args.volgorde is not None else None
    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        row = draw_lots(
            db.sessions, round_id, args.perceel, drawn_by=args.door, witnesses=args.getuigen, order=order,
            actor=args.actor,
        )  # fmt: skip
    where = f"perceel {row.lot}" if row.lot else "de ronde"
    emit(
        args, row.as_json(),
        lambda: f"Loting in {where} vastgelegd: {', '.join(row.order)}. Door naar de volgende fase: "
        f"{', '.join(row.selected)}. Stel de besluiten opnieuw voor ('beoordelaar decide').",
    )  # fmt: skip


def award_stage_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.decisions.api import start_award_stage
    from beoordelaar.core.rounds.api import resolve_round
    from beoordelaar.core.text import count_text

    with database(args) as db:
        selection = resolve_round(db.sessions, args.round)
        stage = start_award_stage(db.sessions, selection, name=args.name, framework=args.framework, actor=args.actor)

    def text() -> str:
        lines = [f"Gunningsfase '{stage.name}' aangemaakt na selectie '{stage.selection_round}': "
                 f"{count_text(len(stage.invited), 'gegadigde', 'gegadigden')} uitgenodigd."]  # fmt: skip
        for invited in stage.invited:
            lots = f" (perceel {', '.join(invited.lots)})" if invited.lots else ""
            lines.append(f"  {invited.provider}, KvK {invited.kvk}{lots}")
        return "\n".join(lines)

    emit(args, stage.as_json(), text)
