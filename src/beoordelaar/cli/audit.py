"""audit verify, audit returns."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from beoordelaar.cli.base import EXIT_OK, EXIT_REFUSED, add_json, database, emit

if TYPE_CHECKING:
    from beoordelaar.core.record.api import ReturnsCheck


def register(subparsers: argparse._SubParsersAction) -> None:
    audit = subparsers.add_parser("audit", help="de controleerbare geschiedenis")
    audit_sub = audit.add_subparsers(dest="audit_command", metavar="ACTIE", required=True)
    verify = audit_sub.add_parser("verify", help="controleert de hashketen van de geschiedenis")
    add_json(verify)
    verify.set_defaults(handler=verify_command)
    returns = audit_sub.add_parser(
        "returns",
        help="controleert de handtekeningen van de ingelezen retourbestanden: in een dossier (zonder database) of "
        "in een ronde van deze database",
    )
    where = returns.add_mutually_exclusive_group(required=True)
    where.add_argument("--dossier", type=Path, metavar="BESTAND", help="een dossier (beoordelaar dossier ...)")
    where.add_argument("--ronde", metavar="ROUND", help="een ronde in deze database")
    returns.add_argument(
        "--vingerafdruk", action="append", default=[], metavar="NAAM=CODE",
        help="bij --dossier: de vingerafdruk die een beoordelaar heeft (uit het proces-verbaal of van de laptop); "
        "een bestand met een andere sleutel is een probleem (mag vaker)",
    )  # fmt: skip
    add_json(returns)
    returns.set_defaults(handler=returns_command, parser=returns)


def verify_command(args: argparse.Namespace) -> int:
    from beoordelaar.core.record.api import checkpoint_text, consistency_text, verify_history

    with database(args) as db:
        check = verify_history(db.sessions)
    count, broken, head = check.count, check.broken, check.head
    data = {
        "ok": check.intact,
        "events": count,
        "head": head,
        "broken": None if broken is None else {"event": broken.event_id, "problem": broken.problem},
        "checkpoints": [c.as_json() for c in check.checkpoints],
        "rows_checked": check.consistency.rows,
        "rows_differing": check.consistency.problems,
        "differences": list(check.consistency.findings),
    }
    lines = "".join(f"\n- {checkpoint_text(c)}" for c in check.checkpoints)
    if check.intact:
        emit(
            args,
            data,
            lambda: (
                f"De geschiedenis is ongeschonden: {count} gebeurtenissen, laatste hash {head}."
                + (f"\nDe ondertekende controlepunten kloppen:{lines}" if lines else "")
            ),
        )
        return EXIT_OK
    if broken is not None:
        said = f"De geschiedenis is aangetast: gebeurtenis {broken.event_id} {broken.problem}."
    elif check.failed_checkpoints:
        said = (
            "De geschiedenis is aangetast: de keten is heel, maar klopt niet met de ondertekende controlepunten "
            "(herschreven, ingekort of verwijderd)."
        )
    elif count == 0:
        said = "De geschiedenis is aangetast: ze is leeg, maar de database bevat gegevens."
    else:
        said = "De geschiedenis is aangetast: de keten is heel, maar de gegevens kloppen er niet mee."
    if check.consistency.problems:
        said += f"\n{consistency_text(check.consistency)}"
    emit(args, data, lambda: said + (f"\nControlepunten:{lines}" if lines else ""))
    return EXIT_REFUSED


def returns_command(args: argparse.Namespace) -> int:
    from beoordelaar.core.record.api import verify_database, verify_dossier
    from beoordelaar.core.rounds.api import resolve_round

    if args.dossier is not None:
        expected = {}
        for given in args.vingerafdruk:
            name, equals, code = given.partition("=")
            if not equals or not name.strip() or not code.strip():
                args.parser.error(f"--vingerafdruk verwacht NAAM=CODE, niet '{given}'")
            expected[name.strip()] = code.strip()
        check = verify_dossier(args.dossier, expected)  # offline: no database is opened
        where = f"dossier {args.dossier.name}"
    else:
        with database(args) as db:
            check = verify_database(db.sessions, resolve_round(db.sessions, args.ronde))
        where = f"ronde '{args.ronde}'"
    emit(args, check.as_json(), lambda: _returns_text(check, where))
    return EXIT_OK if check.ok else EXIT_REFUSED


def _returns_text(check: ReturnsCheck, where: str) -> str:
    from beoordelaar.core.text import count_text

    keys = "\n".join(f"  {name}: {fingerprint}" for name, fingerprint in sorted(check.keys.items()))
    files = count_text(check.files, "retourbestand", "retourbestanden")
    if check.ok:
        rows = count_text(check.rows, "score of toetsing", "scores en toetsingen")
        return (
            f"In {where}: {files}, elk ondertekend door de laptop van de beoordelaar; de {rows} die eruit zijn "
            "ingelezen, zijn wat de beoordelaar ondertekende.\nSleutels (vergelijk met de vingerafdrukken in het "
            f"proces-verbaal):\n{keys}"
        )
    if check.files == 0 and not check.problems:
        return f"In {where} staan geen ondertekende retourbestanden."
    problems = "\n".join(f"- {p}" for p in check.problems)
    found = count_text(len(check.problems), "probleem", "problemen")
    return f"De controle van {files} in {where} vond {found}:\n{problems}"
