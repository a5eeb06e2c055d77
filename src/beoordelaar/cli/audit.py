"""audit verify."""

from __future__ import annotations

import argparse

from beoordelaar.cli.base import EXIT_OK, EXIT_REFUSED, add_json, database, emit
from beoordelaar.core.record.api import verify_history


def register(subparsers: argparse._SubParsersAction) -> None:
    audit = subparsers.add_parser("audit", help="de controleerbare geschiedenis")
    audit_sub = audit.add_subparsers(dest="audit_command", metavar="ACTIE", required=True)
    verify = audit_sub.add_parser("verify", help="controleert de hashketen van de geschiedenis")
    add_json(verify)
    verify.set_defaults(handler=verify_command)


def verify_command(args: argparse.Namespace) -> int:
    with database(args) as db:
        check = verify_history(db.sessions)
    count, broken, head = check.count, check.broken, check.head
    data = {
        "ok": broken is None,
        "events": count,
        "head": head,
        "broken": None if broken is None else {"event": broken.event_id, "problem": broken.problem},
    }
    if broken is None:
        emit(
            args,
            data,
            lambda: f"De geschiedenis is ongeschonden: {count} gebeurtenissen, laatste hash {head}.",
        )
        return EXIT_OK
    emit(args, data, lambda: f"De geschiedenis is aangetast: gebeurtenis {broken.event_id} {broken.problem}.")
    return EXIT_REFUSED
