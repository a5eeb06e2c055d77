"""The team server's logins and memberships (migration 0018): PostgreSQL login roles, the group role that carries
each one's table privileges, and which procedure (and which commission member) a login is. PostgreSQL only.

A password reaches the server only as its SCRAM-SHA-256 verifier, computed here by libpq: the password itself is in no
statement, so no server log or statement statistics can show it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

from beoordelaar.core.errors import UserError

GROUP_ROLES = {"voorzitter": "beoordelaar_voorzitter", "beoordelaar": "beoordelaar_beoordelaar"}

# Lower case, as PostgreSQL folds an unquoted name, so the login in a URL and in psql is the same.
_LOGIN = re.compile(r"^[a-z_][a-z0-9_.\-]{0,62}$")


def check_login(login: str) -> str:
    if not _LOGIN.match(login):
        raise UserError(
            f"'{login}' is geen geldige inlognaam: gebruik kleine letters, cijfers, '_', '.' of '-' (begin met een "
            "letter, hoogstens 63 tekens). Er is niets veranderd."
        )
    return login


def _quoted(connection: Connection, login: str) -> str:
    return connection.dialect.identifier_preparer.quote_identifier(login)


def login_exists(connection: Connection, login: str) -> bool:
    return connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :l"), {"l": login}).first() is not None


def create_login(connection: Connection, login: str, password: str | None) -> None:
    """A new login role; without a password it signs in by the server's own methods (pg_hba.conf: peer, ldap, ...)."""
    statement = f"CREATE ROLE {_quoted(connection, login)} LOGIN"
    if password is not None:
        pgconn = connection.connection.dbapi_connection.pgconn  # type: ignore[union-attr]
        verifier = pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256").decode("ascii")
        statement += " PASSWORD '" + verifier.replace("'", "''") + "'"
    connection.exec_driver_sql(statement)


def grant_group(connection: Connection, login: str, role: str) -> None:
    connection.exec_driver_sql(f"GRANT {GROUP_ROLES[role]} TO {_quoted(connection, login)}")


def revoke_unused_groups(connection: Connection, login: str) -> None:
    """Take back the group roles this database's memberships no longer give the login."""
    kept = set(connection.execute(text("SELECT role FROM server_memberships WHERE login = :l"), {"l": login}).scalars())
    for role, group in GROUP_ROLES.items():
        if role not in kept:
            connection.exec_driver_sql(f"REVOKE {group} FROM {_quoted(connection, login)}")


def set_membership(connection: Connection, login: str, procurement_id: int, role: str) -> None:
    connection.execute(
        text(
            "INSERT INTO server_memberships (login, procurement_id, role) VALUES (:l, :p, :r) "
            "ON CONFLICT (login, procurement_id) DO UPDATE SET role = EXCLUDED.role, granted_by = session_user, "
            "granted_at = now() AT TIME ZONE 'utc'"
        ),
        {"l": login, "p": procurement_id, "r": role},
    )


def link_assessor(connection: Connection, login: str, assessor_id: int) -> None:
    connection.execute(
        text(
            "INSERT INTO server_member_assessors (assessor_id, login) VALUES (:a, :l) "
            "ON CONFLICT (assessor_id) DO UPDATE SET login = EXCLUDED.login, linked_by = session_user, "
            "linked_at = now() AT TIME ZONE 'utc'"
        ),
        {"a": assessor_id, "l": login},
    )


def remove_memberships(connection: Connection, login: str, procurement_id: int | None) -> tuple[list[int], list[int]]:
    """Remove the login's memberships (of one procedure, or all) and its links to the members of those procedures'
    rounds; return the procedures and the members it was removed from."""
    where = "" if procurement_id is None else " AND procurement_id = :p"
    procedures = list(
        connection.execute(
            text(f"DELETE FROM server_memberships WHERE login = :l{where} RETURNING procurement_id"),
            {"l": login, "p": procurement_id},
        ).scalars()
    )
    members = list(
        connection.execute(
            text(
                "DELETE FROM server_member_assessors s USING assessors a, rounds r WHERE s.login = :l "
                "AND a.id = s.assessor_id AND r.id = a.round_id AND (r.procurement_id = ANY(:ps) OR :all) "
                "RETURNING s.assessor_id"
            ),
            {"l": login, "ps": procedures, "all": procurement_id is None},
        ).scalars()
    )
    return sorted(procedures), sorted(members)


@dataclass(frozen=True)
class Membership:
    login: str
    procurement_id: int
    procurement: str
    role: str
    members: tuple[str, ...]  # the commission members (round: name) the login is
    granted_by: str

    def as_json(self) -> dict[str, object]:
        return {
            "login": self.login, "procedure_id": self.procurement_id, "procedure": self.procurement,
            "role": self.role, "members": list(self.members), "granted_by": self.granted_by,
        }  # fmt: skip


def memberships(connection: Connection) -> list[Membership]:
    rows = connection.execute(
        text(
            "SELECT m.login, m.procurement_id, p.name, m.role, m.granted_by, "
            " coalesce(array_agg(l.round || ': ' || l.member ORDER BY l.round_id, l.member) "
            " FILTER (WHERE l.member IS NOT NULL), '{}') "
            "FROM server_memberships m JOIN procurements p ON p.id = m.procurement_id "
            "LEFT JOIN (SELECT s.login, r.procurement_id, r.id AS round_id, r.name AS round, a.name AS member "
            " FROM server_member_assessors s JOIN assessors a ON a.id = s.assessor_id"
            " JOIN rounds r ON r.id = a.round_id) l ON l.login = m.login AND l.procurement_id = m.procurement_id "
            "GROUP BY m.login, m.procurement_id, p.name, m.role, m.granted_by ORDER BY m.login, p.name"
        )
    ).all()
    return [Membership(login, pid, name, role, tuple(members), by) for login, pid, name, role, by, members in rows]
