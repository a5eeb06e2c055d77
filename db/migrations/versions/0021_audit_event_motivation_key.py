"""audit events: a new score revision's assessor and motivation as an indexed key

A save warns when the assessor wrote the very same motivation elsewhere; finding where read every motivation of the
assessor, so the last save of a large worklist cost several times the first. Each insert event of a score revision now
carries a key of its assessor and its motivation's words (core/storage/audit_motivation.py), indexed; this migration
derives it the same way for the events already stored. The column is not part of the hash: the chain and its
checkpoints are as they were.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-02 01:10:00.000000
"""

import hashlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_audit_events_motivation_key"
BATCH = 2000


# As in core/storage/audit_motivation.py when this migration was written.
def _key(assessor_id: int, motivation: str) -> str:
    words = " ".join(motivation.lower().split())
    return hashlib.sha256(f"{assessor_id}\n{words}".encode()).hexdigest()[:32]


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    if "motivation_key" not in {column["name"] for column in inspector.get_columns("audit_events")}:
        with op.batch_alter_table("audit_events") as batch_op:
            batch_op.add_column(sa.Column("motivation_key", sa.String(length=32), nullable=True))
    if INDEX not in {index["name"] for index in inspector.get_indexes("audit_events")}:
        op.create_index(INDEX, "audit_events", ["motivation_key"], unique=False)
    events = sa.table(
        "audit_events",
        sa.column("id", sa.Integer),
        sa.column("entity", sa.String),
        sa.column("action", sa.String),
        sa.column("after", sa.JSON),
        sa.column("motivation_key", sa.String),
    )
    c = events.c
    found = bind.execute(
        sa.select(c.id, c.after).where(c.entity == "score_revisions", c.action == "insert").order_by(c.id)
    ).all()
    keys = [
        {"event": event_id, "key": _key(after["assessor_id"], after["motivation"])}
        for event_id, after in found
        if isinstance(after, dict)
        and isinstance(after.get("assessor_id"), int)
        and isinstance(after.get("motivation"), str)
    ]
    update = events.update().where(c.id == sa.bindparam("event")).values(motivation_key=sa.bindparam("key"))
    for start in range(0, len(keys), BATCH):
        bind.execute(update, keys[start : start + BATCH])


def downgrade() -> None:
    with op.batch_alter_table("audit_events") as batch_op:
        batch_op.drop_index(INDEX)
        batch_op.drop_column("motivation_key")
