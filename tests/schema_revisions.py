"""Taking a test database back to an older schema revision, as the migration tests start from one."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, event
from sqlalchemy.pool import NullPool

from beoordelaar.core.storage.migrations import alembic_config


def downgrade(path: Path, revision: str) -> None:
    """Run the migrations down to revision (the database must be closed), with foreign keys off as upgrade has."""
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)

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
