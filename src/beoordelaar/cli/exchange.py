"""package export|open|return, returns import, scores import, checks import, assign, hand-in, reopen: offline work by
assessors."""

from __future__ import annotations

import argparse
from pathlib import Path

from beoordelaar.cli.base import (
    PASSPHRASE_VARIABLE,
    DutchArgumentParser,
    add_json,
    database,
    emit,
    progress_lines,
    secret,
    with_warnings,
)
from beoordelaar.core.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    package = subparsers.add_parser("package", help="werkpakketten voor beoordelaars die op hun eigen laptop werken")
    actions = package.add_subparsers(
        dest="package_command", metavar="export|open|return", required=True, parser_class=DutchArgumentParser
    )
    export = actions.add_parser("export", help="het werkpakket van één beoordelaar (bij de voorzitter)")
    export.add_argument("round", metavar="ROUND")
    export.add_argument("--assessor", required=True, metavar="NAAM", help="de beoordelaar")
    export.add_argument("--out", required=True, type=Path, metavar="BESTAND", help="het werkpakket (.zip)")
    add_json(export)
    export.set_defaults(handler=export_command)

    opened = actions.add_parser("open", help="opent een werkpakket in deze database (op de laptop)")
    opened.add_argument("file", type=Path, metavar="FILE")
    opened.add_argument(
        "--code", metavar="CODE", help="de code die de voorzitter bij dit werkpakket gaf (anders wordt erom gevraagd)"
    )
    add_json(opened)
    opened.set_defaults(handler=open_command)

    back = actions.add_parser("return", help="het retourbestand met de eigen scores (op de laptop)")
    back.add_argument("round", metavar="ROUND")
    back.add_argument("--out", required=True, type=Path, metavar="BESTAND", help="het retourbestand (.zip)")
    add_json(back)
    back.set_defaults(handler=return_command)

    returns = subparsers.add_parser("returns", help="retourbestanden van beoordelaars (bij de voorzitter)")
    returns_actions = returns.add_subparsers(
        dest="returns_command", metavar="import|reset-key", required=True, parser_class=DutchArgumentParser
    )
    reset = returns_actions.add_parser(
        "reset-key", help="vergeet de bevestigde sleutel van een lid (laptop kwijt of vervangen)"
    )
    reset.add_argument("round", metavar="ROUND")
    reset.add_argument("--assessor", required=True, metavar="NAAM")
    reset.add_argument("--reden", default="", help="waarom (verplicht; staat in de geschiedenis)")
    add_json(reset)
    reset.set_defaults(handler=reset_key_command)
    merge = returns_actions.add_parser("import", help="voegt een retourbestand samen met deze database")
    merge.add_argument("file", type=Path, metavar="FILE")
    merge.add_argument(
        "--vingerafdruk",
        metavar="CODE",
        help="bij het eerste retourbestand van een lid: de vingerafdruk die de laptop van dat lid toont",
    )
    add_json(merge)
    merge.set_defaults(handler=returns_import_command)

    for name, text, sheet_text, what, read in (
        ("scores", "scores van beoordelaars", "scores uit een spreadsheet (csv of xlsx)", "scores",
         "import_score_sheet"),
        ("checks", "toetsingen van uitsluitingsgronden en eisen door beoordelaars",
         "toetsingen uit een spreadsheet (beoordelaar, inschrijving, criterium, oordeel, toelichting)", "toetsingen",
         "import_check_sheet"),
    ):  # fmt: skip
        sheet_actions = subparsers.add_parser(name, help=text).add_subparsers(
            dest=f"{name}_command", metavar="import", required=True, parser_class=DutchArgumentParser
        )
        sheet = sheet_actions.add_parser("import", help=sheet_text)
        sheet.add_argument("round", metavar="ROUND")
        sheet.add_argument("file", type=Path, metavar="FILE")
        add_json(sheet)
        sheet.set_defaults(handler=sheet_import_command, what=what, read=read)

    assign = subparsers.add_parser("assign", help="wijst de standaardtaken toe aan de commissie")
    assign.add_argument("round", metavar="ROUND")
    assign.add_argument("--with-chair", action="store_true", help="ook de voorzitter scoort")
    assign.add_argument(
        "--checks", nargs="+", metavar="NAAM", help="wie de eisen toetst, bij toerbeurt (standaard: de beoordelaars)"
    )
    assign.add_argument(
        "--checkers", type=int, metavar="N", help="toetsers per eis per inschrijving (standaard: wat het kader zegt, 1)"
    )
    assign.add_argument(
        "--withdraw", metavar="NAAM", help="trekt de toetsingen van dit lid in (waarop nog geen werk is gedaan)"
    )
    assign.add_argument("--to", metavar="NAAM", help="bij --withdraw: draagt de toetsingen over aan dit lid")
    assign.add_argument("--registration", nargs="+", default=[], metavar="REG", help="bij --withdraw: alleen deze")
    assign.add_argument("--criterion", nargs="+", default=[], metavar="CODE", help="bij --withdraw: alleen deze")
    add_json(assign)
    assign.set_defaults(handler=assign_command, parser=assign)

    for name, handler, text in (
        ("hand-in", hand_in_command, "levert het werk van een beoordelaar in"),
        ("reopen", reopen_command, "heropent ingeleverd werk (de voorzitter)"),
    ):
        command = subparsers.add_parser(name, help=text)
        command.add_argument("round", metavar="ROUND")
        command.add_argument("--assessor", required=True, metavar="NAAM")
        if name == "reopen":
            command.add_argument("--reden", default="", help="waarom (verplicht; de beoordelaar ziet de reden)")
        add_json(command)
        command.set_defaults(handler=handler)


def export_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.exchange.api import export_package
    from beoordelaar.core.rounds.api import resolve_round

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        summary = export_package(db.sessions, db.documents, round_id, args.assessor, args.out, actor=args.actor)
    emit(
        args,
        summary.as_json(),
        lambda: (
            f"Werkpakket {summary.revision} voor {summary.assessor} geschreven naar {summary.file}: "
            f"{summary.registrations} inschrijvingen, {summary.documents} documenten.\n"
            f"Code van dit werkpakket: {summary.code}\n"
            "Geef de code apart van het bestand door (telefonisch of persoonlijk); zonder code is het pakket "
            "onleesbaar. De code wordt niet bewaard."
        ),
    )


def open_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.exchange.api import MIN_PASSPHRASE, check_package_code, needs_new_passphrase, open_package

    with database(args) as db:
        new_key = needs_new_passphrase(db.sessions, args.file)  # reads the header: a wrong file is refused first
        code = args.code or secret("Code van het werkpakket: ", otherwise="met --code")
        check_package_code(args.file, code)  # a wrong code is said before a passphrase is asked for
        passphrase = None
        if new_key:
            passphrase = secret(
                f"Kies een wachtwoord (minstens {MIN_PASSPHRASE} tekens) voor de handtekening van deze laptop: ",
                variable=PASSPHRASE_VARIABLE,
                confirm=True,
            )
        opened = open_package(db.sessions, db.documents, args.file, code, passphrase=passphrase, actor=args.actor)
    emit(args, opened.as_json(), lambda: opened.summary)


def return_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.exchange.api import write_return
    from beoordelaar.core.rounds.api import resolve_round

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        passphrase = secret("Wachtwoord van uw handtekening: ", variable=PASSPHRASE_VARIABLE)
        summary = write_return(db.sessions, round_id, args.out, passphrase, actor=args.actor)
    emit(
        args,
        summary.as_json(),
        lambda: (
            f"Retourbestand van {summary.assessor} (revisie {summary.revision}) geschreven naar {summary.file}: "
            f"{summary.scores} scores, {summary.checks} toetsingen.\n"
            f"Vingerafdruk van de sleutel van deze laptop: {summary.fingerprint} (lees die voor aan de voorzitter "
            "bij het eerste retourbestand)."
        ),
    )


def returns_import_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.exchange.api import KeyConfirmationNeeded, import_return_file

    with database(args) as db:
        try:
            result = import_return_file(
                db.sessions, args.file, fingerprint=args.vingerafdruk, actor=args.actor,
                progress=progress_lines("Scores en toetsingen samengevoegd"),
            )  # fmt: skip
        except KeyConfirmationNeeded as exc:
            raise UserError(f"{exc} Geef hem hier met --vingerafdruk.") from exc
    emit(
        args,
        result.as_json(),
        lambda: f"Retourbestand {Path(args.file).name}: {result.summary}",
    )


def reset_key_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.exchange.api import forget_laptop_key
    from beoordelaar.core.rounds.api import resolve_round

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        forgotten = forget_laptop_key(db.sessions, round_id, args.assessor, reason=args.reden, actor=args.actor)
    emit(
        args,
        {"assessor": args.assessor, "forgotten": forgotten},
        lambda: (
            f"De sleutel van {args.assessor} (vingerafdruk {forgotten}) is vergeten. Het volgende retourbestand "
            "wordt weer met de vingerafdruk bevestigd."
        ),
    )


def sheet_import_command(args: argparse.Namespace) -> None:
    """scores import / checks import ROUND FILE: the whole sheet or nothing."""
    import beoordelaar.core.scoring.api as scoring_api
    from beoordelaar.core.rounds.api import resolve_round

    read = getattr(scoring_api, args.read)  # named in register, so that building the parser imports no core module
    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        progress = progress_lines(f"{args.what.capitalize()} ingelezen")
        result = read(db.sessions, round_id, args.file, actor=args.actor, progress=progress)
    text = f"{result.rows} {args.what} gelezen: {result.created} nieuw of gewijzigd, {result.unchanged} ongewijzigd."
    emit(args, result.as_json(), lambda: text)


def assign_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.commission.api import assign_defaults
    from beoordelaar.core.rounds.api import resolve_round

    if args.withdraw:
        change_checks_command(args)
        return
    if args.to or args.registration or args.criterion:
        args.parser.error("--to, --registration en --criterion horen bij --withdraw NAAM")
    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        summary = assign_defaults(
            db.sessions, round_id, include_chair=args.with_chair, checks_by=args.checks,
            checkers_per_requirement=args.checkers, actor=args.actor,
        )  # fmt: skip
    emit(
        args,
        summary.as_json(),
        lambda: with_warnings(f"{summary.created} taken toegewezen ({summary.total} in totaal).", summary.warnings),
    )


def change_checks_command(args: argparse.Namespace) -> None:
    """assign ROUND --withdraw NAAM [--registration REG...] [--criterion CODE...] [--to NAAM]"""
    from beoordelaar.core.commission.api import change_checks
    from beoordelaar.core.registrations.api import resolve_registration
    from beoordelaar.core.rounds.api import resolve_round
    from beoordelaar.core.text import count_text

    if args.with_chair or args.checks or args.checkers:
        args.parser.error("--withdraw gaat niet samen met --with-chair, --checks of --checkers")
    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        numbers = [resolve_registration(db.sessions, round_id, reg) for reg in args.registration]
        change = change_checks(
            db.sessions, round_id, args.withdraw, registrations=numbers, codes=args.criterion, to=args.to,
            actor=args.actor,
        )  # fmt: skip
    done = f"overgedragen aan {change.to}" if change.to else "ingetrokken"
    kept = f"{len(change.kept)} blijven staan, er is al werk op gedaan: {', '.join(change.kept)}"
    text = f"{count_text(change.changed, 'toetsing', 'toetsingen')} van {args.withdraw} {done}."
    emit(args, change.as_json(), lambda: with_warnings(text, [kept] if change.kept else []))


def hand_in_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.rounds.api import resolve_round
    from beoordelaar.core.scoring.api import hand_in

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        work = hand_in(db.sessions, round_id, args.assessor, actor=args.actor)
    emit(
        args,
        {"assessor": work.assessor, "round": work.round_name, "revision": work.work_revision, "done": work.done},
        lambda: f"{work.assessor} heeft ingeleverd ({work.done} beoordelingen, revisie {work.work_revision}).",
    )


def reopen_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.rounds.api import resolve_round
    from beoordelaar.core.scoring.api import reopen

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        revision = reopen(db.sessions, round_id, args.assessor, reason=args.reden, actor=args.actor)
    emit(
        args,
        {"assessor": args.assessor, "revision": revision, "reason": args.reden.strip()},
        lambda: f"Het werk van {args.assessor} is heropend als revisie {revision}.",
    )
