"""server init, server user add, server user list, server user remove: users and rights on a team server."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from beoordelaar.cli.base import add_json, database, emit, secret

if TYPE_CHECKING:
    from beoordelaar.core.commission.api import ServerState

# The roles a login can have in a procedure, written out so that building the parser imports no core module
# (core/commission/server_users.py SERVER_ROLES; tests/unit/test_cli_choices.py holds them equal).
SERVER_ROLES = ("voorzitter", "beoordelaar")
PASSWORD_VARIABLE = "BEOORDELAAR_SERVER_WACHTWOORD"


def register(subparsers: argparse._SubParsersAction) -> None:
    server = subparsers.add_parser(
        "server", help="gebruikers en rechten op een teamserver (PostgreSQL), voor de beheerder van de server"
    )
    server_sub = server.add_subparsers(dest="server_command", metavar="ACTIE", required=True)
    init = server_sub.add_parser(
        "init",
        help="brengt de serverdatabase bij (rollen, rechten, beveiliging per rij) en toont de stand; "
        "door de beheerder die de database bezit",
    )
    add_json(init)
    init.set_defaults(handler=init_command)

    user = server_sub.add_parser("user", help="wie lid is van welke inkoopprocedure")
    user_sub = user.add_subparsers(dest="user_command", metavar="ACTIE", required=True)
    add = user_sub.add_parser(
        "add",
        help="maakt een inlognaam lid van een inkoopprocedure, als voorzitter of beoordelaar (en maakt de "
        "inlognaam op de server als die er nog niet is)",
    )
    add.add_argument("--login", required=True, metavar="INLOGNAAM", help="de PostgreSQL-inlognaam van de gebruiker")
    add.add_argument("--role", required=True, choices=SERVER_ROLES, help="de rol in deze inkoopprocedure")
    add.add_argument("--procedure", required=True, metavar="PROCEDURE", help="de inkoopprocedure: id of naam")
    add.add_argument(
        "--member", action="append", default=[], metavar="LID",
        help="het commissielid dat deze gebruiker is: id, of naam (dan in elke ronde van de procedure; mag vaker)",
    )  # fmt: skip
    add.add_argument(
        "--zonder-wachtwoord", action="store_true",
        help="een nieuwe inlognaam krijgt geen wachtwoord: de server laat haar op zijn eigen manier inloggen "
        "(pg_hba.conf: peer, ldap, cert ...)",
    )  # fmt: skip
    add_json(add)
    add.set_defaults(handler=user_add_command)
    listed = user_sub.add_parser("list", help="de gebruikers met hun inkoopprocedures, rollen en commissieleden")
    add_json(listed)
    listed.set_defaults(handler=user_list_command)
    remove = user_sub.add_parser(
        "remove", help="beëindigt het lidmaatschap van een inkoopprocedure (zonder --procedure: van alle)"
    )
    remove.add_argument("--login", required=True, metavar="INLOGNAAM")
    remove.add_argument("--procedure", default=None, metavar="PROCEDURE", help="de inkoopprocedure: id of naam")
    add_json(remove)
    remove.set_defaults(handler=user_remove_command)


def init_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.commission.api import init_server

    with database(args) as db:
        state = init_server(db.sessions, actor=args.actor)
    emit(args, state.as_json(), lambda: _init_text(state))


def _init_text(state: ServerState) -> str:
    lines = [f"De serverdatabase is bijgewerkt, als {state.login}. Rollen: {', '.join(state.groups)}."]
    if state.granted:
        lines.append(f"Rechten gegeven op: {', '.join(state.granted)}.")
    if state.unprotected:
        lines.append(
            f"Waarschuwing: deze tabellen hebben geen beveiliging per rij (elke gebruiker leest ze): "
            f"{', '.join(state.unprotected)}."
        )
    return "\n".join(lines)


def user_add_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.commission.api import add_server_user
    from beoordelaar.core.rounds.api import resolve_procurement

    def password() -> str | None:
        if args.zonder_wachtwoord:
            return None
        return secret(
            f"Wachtwoord voor {args.login}: ", variable=PASSWORD_VARIABLE, confirm=True,
            otherwise="kies --zonder-wachtwoord",
        )  # fmt: skip

    with database(args) as db:
        procurement = resolve_procurement(db.sessions, args.procedure)
        added = add_server_user(
            db.sessions, login=args.login, role=args.role, procurement_id=procurement, members=args.member,
            password=password, actor=args.actor,
        )  # fmt: skip
    members = f" Commissielid: {'; '.join(added.members)}." if added.members else ""
    made = "De inlognaam is aangemaakt. " if added.created else ""
    emit(
        args, added.as_json(),
        lambda: f"{made}{added.login} is {added.role} in inkoopprocedure '{added.procurement}'.{members}",
    )  # fmt: skip


def user_list_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.commission.api import list_server_users

    with database(args) as db:
        rows = list_server_users(db.sessions)

    def lines() -> str:
        if not rows:
            return "Er zijn nog geen gebruikers lid van een inkoopprocedure op deze server."
        return "\n".join(
            f"{r.login}: {r.role} in '{r.procurement}'" + (f" ({'; '.join(r.members)})" if r.members else "")
            for r in rows
        )

    emit(args, [r.as_json() for r in rows], lines)


def user_remove_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.commission.api import remove_server_user
    from beoordelaar.core.rounds.api import resolve_procurement

    with database(args) as db:
        procurement = None if args.procedure is None else resolve_procurement(db.sessions, args.procedure)
        removed = remove_server_user(db.sessions, login=args.login, procurement_id=procurement, actor=args.actor)
    emit(
        args, removed.as_json(),
        lambda: f"{removed.login} is geen lid meer van {len(removed.procurements)} inkoopprocedure(s); "
        "de inlognaam zelf bestaat nog op de server.",
    )  # fmt: skip
