"""assessors, assessors add, edit, remove, declare, conflicts, pin; conflict."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from beoordelaar.cli.base import add_json, database, emit, secret, with_warnings

if TYPE_CHECKING:
    from beoordelaar.core.commission.api import AssessorRow


def register(subparsers: argparse._SubParsersAction) -> None:
    assessors = subparsers.add_parser(
        "assessors",
        help="de commissie van een ronde",
        usage=(
            "beoordelaar assessors ROUND [--json] | add ROUND NAME [--chair] [--organisatie ORG] [--email ADRES] | "
            "edit ROUND NAME [--naam NIEUW] [--organisatie ORG] [--email ADRES] | remove ROUND NAME | "
            "declare ROUND NAME | "
            "conflicts ROUND NAME (--geen | REG... [--reden TEKST]) | pin ROUND NAME [--wis --reden TEKST]"
        ),
    )
    assessors.add_argument(
        "words",
        nargs="+",
        metavar="ROUND | add/edit/remove ROUND NAME | declare ROUND NAME | conflicts ROUND NAME [REG...] | pin ...",
    )
    assessors.add_argument("--organisatie", default=None, help="bij 'add' en 'edit': de organisatie ('' wist haar)")
    assessors.add_argument("--email", default=None, help="bij 'add' en 'edit': het e-mailadres ('' wist het)")
    assessors.add_argument("--naam", default=None, help="bij 'edit': de verbeterde naam")
    assessors.add_argument("--chair", action="store_true", help="bij 'add': als voorzitter")
    assessors.add_argument(
        "--geheimhouding", action="store_true", help="bij 'add': de geheimhoudingsverklaring is getekend"
    )
    assessors.add_argument(
        "--geen", action="store_true", help="bij 'conflicts': het lid verklaart geen belangenverstrengeling"
    )
    assessors.add_argument(
        "--wis", action="store_true", help="bij 'pin': de voorzitter wist een vergeten of geblokkeerde PIN"
    )
    assessors.add_argument(
        "--reden", default="", help="bij 'conflicts': de reden bij de genoemde inschrijvingen; bij 'pin --wis': waarom"
    )
    add_json(assessors)
    assessors.set_defaults(handler=assessors_command, parser=assessors)

    conflict = subparsers.add_parser("conflict", help="een gemelde belangenverstrengeling vastleggen")
    conflict.add_argument("round", metavar="ROUND")
    conflict.add_argument("assessor", metavar="ASSESSOR")
    conflict.add_argument("registration", metavar="REG")
    conflict.add_argument("--reden", default="", help="de reden (vrije tekst)")
    add_json(conflict)
    conflict.set_defaults(handler=conflict_command)


def assessors_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.commission.api import add_assessor, declare_confidentiality, list_assessors
    from beoordelaar.core.rounds.api import resolve_round

    words = args.words
    if words[0] == "declare":
        if len(words) != 3:
            args.parser.error("schrijf: beoordelaar assessors declare ROUND NAME")
        with database(args) as db:
            declare_confidentiality(db.sessions, resolve_round(db.sessions, words[1]), words[2], actor=args.actor)
        print(f"Geheimhoudingsverklaring van {words[2]} vastgelegd.")
        return
    if words[0] == "conflicts":
        conflicts_statement_command(args)
        return
    if words[0] == "pin":
        pin_command(args)
        return
    if words[0] in ("edit", "remove"):
        edit_command(args)
        return
    if words[0] == "add":
        if len(words) != 3:
            args.parser.error("schrijf: beoordelaar assessors add ROUND NAME [--chair]")
        with database(args) as db:
            row = add_assessor(
                db.sessions,
                resolve_round(db.sessions, words[1]),
                words[2],
                chair=args.chair,
                confidentiality_declared=args.geheimhouding,
                organisation=args.organisatie,
                email=args.email,
                actor=args.actor,
            )
        emit(args, row.as_json(), lambda: f"{row.name} toegevoegd als {row.role.label.lower()}.")
        return
    if len(words) != 1:
        args.parser.error("schrijf: beoordelaar assessors ROUND [--json]")
    with database(args) as db:
        rows = list_assessors(db.sessions, resolve_round(db.sessions, words[0]))

    def text() -> str:
        if not rows:
            return "Deze ronde heeft nog geen commissie. Voeg leden toe met 'beoordelaar assessors add ROUND NAAM'."
        return "\n".join(
            f"{r.name:<30} {r.role.label:<12} "
            f"{'geheimhouding getekend' if r.confidentiality_declared_at else 'geheimhouding NIET getekend':<28} "
            f"{_conflicts_text(r):<24} {PIN_TEXT[r.pin]}"
            for r in rows
        )

    emit(args, [r.as_json() for r in rows], text)


def edit_command(args: argparse.Namespace) -> None:
    """assessors edit ROUND NAME [--naam] [--organisatie] [--email] | assessors remove ROUND NAME."""
    from beoordelaar.core.commission.api import edit_assessor, remove_assessor
    from beoordelaar.core.rounds.api import resolve_round

    action, *rest = args.words
    if len(rest) != 2:
        args.parser.error(f"schrijf: beoordelaar assessors {action} ROUND NAME")
    name = rest[1]
    with database(args) as db:
        round_id = resolve_round(db.sessions, rest[0])
        if action == "remove":
            remove_assessor(db.sessions, round_id, name, actor=args.actor)
            emit(args, {"assessor": name, "removed": True}, lambda: f"{name} is uit de commissie verwijderd.")
            return
        given = {"organisation": args.organisatie, "email": args.email}
        if args.naam is None and all(value is None for value in given.values()):
            args.parser.error(
                "schrijf: beoordelaar assessors edit ROUND NAME [--naam NIEUW] [--organisatie ORG] [--email ADRES]"
            )
        row = edit_assessor(
            db.sessions, round_id, name, new_name=args.naam,
            **{key: value for key, value in given.items() if value is not None}, actor=args.actor,
        )  # fmt: skip
    emit(args, row.as_json(), lambda: f"Gegevens van {row.name} bijgewerkt.")


PIN_TEXT = {"none": "geen PIN", "set": "PIN ingesteld", "locked": "PIN geblokkeerd"}


def _conflicts_text(row: AssessorRow) -> str:
    from beoordelaar.core.text import count_text

    if row.conflicts_declared_at is None:
        return "belangen NIET verklaard"
    return count_text(row.conflicts, "conflict", "conflicten")


def conflict_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.commission.api import declare_conflict
    from beoordelaar.core.registrations.api import resolve_registration
    from beoordelaar.core.rounds.api import resolve_round

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        number = resolve_registration(db.sessions, round_id, args.registration)
        warnings = declare_conflict(db.sessions, round_id, args.assessor, number, reason=args.reden, actor=args.actor)
    emit(
        args,
        {"assessor": args.assessor, "registration": number, "warnings": list(warnings)},
        lambda: with_warnings(
            f"Belangenverstrengeling vastgelegd: {args.assessor} beoordeelt inschrijving {args.registration} niet.",
            warnings,
        ),
    )


def conflicts_statement_command(args: argparse.Namespace) -> None:
    """assessors conflicts ROUND NAME --geen | REG...: the member's conflict statement, once."""
    from beoordelaar.core.commission.api import declare_conflict_statement, registration_warnings
    from beoordelaar.core.registrations.api import resolve_registration
    from beoordelaar.core.rounds.api import resolve_round
    from beoordelaar.core.text import count_text

    words = args.words
    if len(words) < 3 or args.geen == (len(words) > 3):
        args.parser.error("schrijf: beoordelaar assessors conflicts ROUND NAME --geen  of  ... ROUND NAME REG [REG...]")
    name = words[2]
    with database(args) as db:
        round_id = resolve_round(db.sessions, words[1])
        numbers = [resolve_registration(db.sessions, round_id, reg) for reg in words[3:]]
        count = declare_conflict_statement(db.sessions, round_id, name, numbers, reason=args.reden, actor=args.actor)
        warnings = registration_warnings(db.sessions, round_id, numbers)
    emit(
        args,
        {"assessor": name, "conflicts_declared": True, "conflicts": count, "warnings": list(warnings)},
        lambda: with_warnings(
            f"Verklaring van {name} vastgelegd: "
            + (
                count_text(count, "belangenverstrengeling", "belangenverstrengelingen")
                if count
                else "geen belangenverstrengeling"
            )
            + ".",
            warnings,
        ),
    )


PIN_VARIABLE = "BEOORDELAAR_PIN"
OLD_PIN_VARIABLE = "BEOORDELAAR_OUDE_PIN"


def pin_command(args: argparse.Namespace) -> None:
    """assessors pin ROUND NAME [--wis --reden TEKST]: the member sets or changes their own PIN for Beoordelen als…
    (typed without echo, or from BEOORDELAAR_PIN and BEOORDELAAR_OUDE_PIN), or the chair clears it."""
    from beoordelaar.core.commission.api import clear_member_pin, pin_status, set_member_pin
    from beoordelaar.core.rounds.api import resolve_round

    words = args.words
    if len(words) != 3:
        args.parser.error("schrijf: beoordelaar assessors pin ROUND NAME  of  ... pin ROUND NAME --wis --reden TEKST")
    name = words[2]
    with database(args) as db:
        round_id = resolve_round(db.sessions, words[1])
        if args.wis:
            clear_member_pin(db.sessions, round_id, name, reason=args.reden, actor=args.actor)
            done, text = "cleared", f"De PIN van {name} is gewist; {name} kiest bij Beoordelen als… een nieuwe."
        else:
            changing = pin_status(db.sessions, round_id, name).has_pin
            old = secret(f"Huidige PIN van {name}: ", variable=OLD_PIN_VARIABLE) if changing else None
            new = secret(f"Nieuwe PIN van {name}: ", variable=PIN_VARIABLE, confirm=True)
            set_member_pin(db.sessions, round_id, name, new, old_pin=old, actor=args.actor)
            done = "changed" if changing else "set"
            text = f"De PIN van {name} is {'gewijzigd' if changing else 'ingesteld'}."
    emit(args, {"assessor": name, "pin": done}, lambda: text)
