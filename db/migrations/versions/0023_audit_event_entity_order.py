"""audit events: an index in the order the history check reads a table's events

audit verify holds each checked table's rows against their events, read by entity id in the order of the rows' ids
(by length, then as text) and then by event id (core/record/history_consistency.py); without an index on that order
the database sorted the events of every table at each check. An index on the entity, the length of the entity id
and the entity id gives them in that order (the event id is the last key of every index). Nothing stored changes.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-02 14:10:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_audit_events_entity_order"


# In SQL of its own, the same on both engines: SQLAlchemy does not reflect an index on an expression (it warns), so
# whether it is there is asked of the database itself. A later batch_alter_table of audit_events (SQLite's copy of
# the table) would leave it out: such a migration makes it again.
def upgrade() -> None:
    op.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON audit_events (entity, length(entity_id), entity_id)")


def downgrade() -> None:
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
