"""Alembic environment. Migrations run only through beoordelaar.core.storage.migrations.upgrade, which hands in a
connection that already has foreign keys off and a transaction open (see that module for why)."""

from alembic import context

from beoordelaar.core.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through beoordelaar.core.storage.migrations.upgrade, not the alembic command.")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
