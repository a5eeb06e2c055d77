"""Taking a test database back to an older schema revision, as the migration tests start from one."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, event
from sqlalchemy.pool import NullPool

from beoordelaar.core.storage.migrations import alembic_config
from engines import url_of


def downgrade(path: Path | str, revision: str) -> None:
    """Run the migrations down to revision (the database must be closed): a file with foreign keys off as upgrade
    has; a server database (path: its URL) as it is."""
    engine = create_engine(url_of(path), poolclass=NullPool)

    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
            dbapi_connection.execute("PRAGMA foreign_keys=OFF")

    config = alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
    finally:
        engine.dispose()
