"""Users and rights on a team server (PostgreSQL): which login is a member of which procedure, as chair or assessor,
and which commission member it is in that procedure's rounds. The database enforces what each may see and change
(migration 0018); these actions, run by the server's admin, say who is who. On a database file they are refused."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.procurement import find_procurement
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage import server_users as users
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.storage.server_users import GROUP_ROLES, Membership

SERVER_ROLES = tuple(GROUP_ROLES)
GROUPS = (*GROUP_ROLES.values(), "beoordelaar_beheer")

ONLY_ON_SERVER = (
    "Gebruikers en rechten bestaan alleen op een teamserver (PostgreSQL, --db postgresql+psycopg://…); deze database "
    "is een bestand op deze computer. Er is niets veranderd."
)


def _refuse_on_file(session: Session) -> None:
    if session.get_bind().dialect.name != "postgresql":
        raise UserError(ONLY_ON_SERVER)


@dataclass(frozen=True)
class AddedUser:
    login: str
    created: bool  # a new login role; False: an existing login was made a member
    role: str
    procurement: str
    members: tuple[str, ...]  # "round: name" of the commission members linked to the login

    def as_json(self) -> dict[str, object]:
        return {
            "login": self.login, "created": self.created, "role": self.role, "procedure": self.procurement,
            "members": list(self.members),
        }  # fmt: skip


def _members(session: Session, procurement: m.Procurement, given: Sequence[str]) -> list[m.Assessor]:
    """The commission members given by id or by name: a name links that member in every round of the procedure."""
    found: list[m.Assessor] = []
    round_ids = [r.id for r in procurement.rounds]
    for member in given:
        member = member.strip()
        if member.isdigit():
            chosen = (
                session.execute(
                    select(m.Assessor).where(m.Assessor.id == int(member), m.Assessor.round_id.in_(round_ids))
                )
                .scalars()
                .all()
            )
        else:
            chosen = (
                session.execute(select(m.Assessor).where(m.Assessor.name == member, m.Assessor.round_id.in_(round_ids)))
                .scalars()
                .all()
            )
        if not chosen:
            raise UserError(
                f"'{member}' is geen lid van de commissie in een ronde van inkoopprocedure '{procurement.name}'. "
                "Er is niets veranderd."
            )
        found += [a for a in chosen if a not in found]
    return found


def add_server_user(
    sessions: sessionmaker[Session],
    *,
    login: str,
    role: str,
    procurement_id: int,
    members: Sequence[str] = (),
    password: Callable[[], str | None],
    actor: str,
) -> AddedUser:
    """Make login a member of the procedure as chair or assessor (linked to the given commission members), making
    the login role first if the server has none of that name; password is asked only then (None: the server's own
    way of signing in)."""
    users.check_login(login)
    if role not in GROUP_ROLES:
        raise UserError(f"De rol '{role}' bestaat niet; kies voorzitter of beoordelaar. Er is niets veranderd.")
    with unit_of_work(sessions, actor) as session:
        _refuse_on_file(session)
        procurement = find_procurement(session, procurement_id)
        linked = _members(session, procurement, members)
        connection = session.connection()
        created = not users.login_exists(connection, login)
        if created:
            users.create_login(connection, login, password())
        users.grant_group(connection, login, role)
        users.set_membership(connection, login, procurement.id, role)
        for assessor in linked:
            users.link_assessor(connection, login, assessor.id)
        names = tuple(f"{a.round.name}: {a.name}" for a in linked)
        record_action(
            session, "server-user-added", "server_memberships", login,
            {"login": login, "procurement_id": procurement.id, "role": role, "created": created,
             "assessor_ids": [a.id for a in linked]},
        )  # fmt: skip
        return AddedUser(login, created, role, procurement.name, names)


@dataclass(frozen=True)
class RemovedUser:
    login: str
    procurements: tuple[int, ...]
    members: tuple[int, ...]

    def as_json(self) -> dict[str, object]:
        return {"login": self.login, "procedures": list(self.procurements), "members": list(self.members)}


def remove_server_user(
    sessions: sessionmaker[Session], *, login: str, procurement_id: int | None, actor: str
) -> RemovedUser:
    """End the login's membership of one procedure (or of all): it sees none of its rounds any more. The login role
    itself stays (it belongs to the whole server; the admin drops it with DROP ROLE when no database needs it)."""
    with unit_of_work(sessions, actor) as session:
        _refuse_on_file(session)
        if procurement_id is not None:
            find_procurement(session, procurement_id)
        connection = session.connection()
        procurements, members = users.remove_memberships(connection, login, procurement_id)
        if not procurements:
            where = "" if procurement_id is None else " van deze inkoopprocedure"
            raise UserError(f"'{login}' is geen lid{where} op deze server. Er is niets veranderd.")
        users.revoke_unused_groups(connection, login)
        record_action(
            session, "server-user-removed", "server_memberships", login,
            {"login": login, "procurement_ids": procurements, "assessor_ids": members},
        )  # fmt: skip
        return RemovedUser(login, tuple(procurements), tuple(members))


def list_server_users(sessions: sessionmaker[Session]) -> list[Membership]:
    with sessions() as session:
        _refuse_on_file(session)
        return users.memberships(session.connection())


@dataclass(frozen=True)
class ServerState:
    login: str
    groups: tuple[str, ...]  # the group roles that exist on the server
    granted: tuple[str, ...]  # tables that had no privileges for the roles yet, granted now
    unprotected: tuple[str, ...]  # tables with rows of a procedure but no row-level security

    def as_json(self) -> dict[str, object]:
        return {
            "login": self.login, "roles": list(self.groups), "granted": list(self.granted),
            "without_row_security": list(self.unprotected),
        }  # fmt: skip


_SHARED = ("frameworks", "criteria", "providers", "import_mappings", "alembic_version")
_NOT_FOR_CHAIR = ("audit_events", "server_memberships", "server_member_assessors", "alembic_version")


def init_server(sessions: sessionmaker[Session], *, actor: str) -> ServerState:
    """The admin's check of a migrated server database: the roles exist, every table has its privileges (a table a
    later migration added gets read for both roles and write for the chair), and which tables no policy guards."""
    with unit_of_work(sessions, actor) as session:
        _refuse_on_file(session)
        connection = session.connection()
        groups = tuple(
            connection.execute(
                text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:g) ORDER BY rolname"), {"g": list(GROUPS)}
            ).scalars()
        )
        tables = connection.execute(
            text(
                "SELECT c.relname, c.relrowsecurity, has_table_privilege(:chair, c.oid, 'SELECT') "
                "FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' "
                "ORDER BY c.relname"
            ),
            {"chair": GROUP_ROLES["voorzitter"]},
        ).all()
        granted = []
        for name, _protected, readable in tables:
            if readable:
                continue
            quoted = connection.dialect.identifier_preparer.quote_identifier(name)
            connection.exec_driver_sql(f"GRANT SELECT ON {quoted} TO {', '.join(GROUP_ROLES.values())}")
            if name not in _NOT_FOR_CHAIR:
                connection.exec_driver_sql(f"GRANT INSERT, UPDATE, DELETE ON {quoted} TO {GROUP_ROLES['voorzitter']}")
            granted.append(name)
        if granted:
            schema = connection.exec_driver_sql("SELECT current_schema()").scalar_one()
            roles = ", ".join(GROUP_ROLES.values())
            connection.exec_driver_sql(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {roles}")
            record_action(session, "server-grants", "server", None, {"tables": granted})
        unprotected = tuple(name for name, protected, _ in tables if not protected and name not in _SHARED)
        login = connection.execute(text("SELECT session_user")).scalar_one()
        return ServerState(login, groups, tuple(granted), unprotected)
