"""Who is connected to a team server: the PostgreSQL login (session_user), read once per connection. That login is
the actor of the history for every user the roles of migration 0018 restrict; the owner of the tables (the admin, or
a superuser), who can rewrite the whole database anyway, keeps the name the app gives (the demo, scripts)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

LOGIN = "beoordelaar_login"

_WHO = (
    "SELECT session_user, coalesce((SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = session_user), false)"
    " OR coalesce(pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = to_regclass('audit_events')),"
    " 'USAGE'), true)"
)


def remember_login(dbapi_connection: Any, record: Any) -> None:
    """The engine's connect listener on a server: note the login of a user who is subject to the roles."""
    with dbapi_connection.cursor() as cursor:
        cursor.execute(_WHO)
        login, admin = cursor.fetchone()
    dbapi_connection.rollback()
    record.info[LOGIN] = None if admin else login


def server_login(session: Session) -> str | None:
    """The login of a restricted user on a server, None on SQLite and for the server's admin."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    return session.connection().info.get(LOGIN)
