"""audit events: the registration each belongs to, indexed

A registration's history filtered every audit event of the database on its JSON (after or before registration_id),
and so slowed as the round's history grew. Each event now carries the registration it belongs to in an indexed column,
derived from its own fields as it is appended (core/storage/audit_registration.py); this migration derives it the
same way for the events already stored. The column is not part of the hash: the chain and its checkpoints are as
they were.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01 22:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As in core/storage/audit_registration.py when this migration was written.
REGISTRATION_TABLES = (
    "declared_answers", "documents", "registration_lots", "conflicts", "assignments", "score_revisions",
    "check_revisions", "consensus_scores", "requirement_verdicts", "verification_marks", "interviews", "decisions",
)  # fmt: skip


INDEX = "ix_audit_events_registration_id"


def upgrade() -> None:
    # On a team server 0018 made the column already (its trigger fills it for the row security); a server database
    # migrated again after its version was set back has the index too.
    inspector = sa.inspect(op.get_bind())
    if "registration_id" not in {column["name"] for column in inspector.get_columns("audit_events")}:
        with op.batch_alter_table("audit_events") as batch_op:
            batch_op.add_column(sa.Column("registration_id", sa.Integer(), nullable=True))
    if INDEX not in {index["name"] for index in inspector.get_indexes("audit_events")}:
        op.create_index(INDEX, "audit_events", ["registration_id"], unique=False)
    events = sa.table(
        "audit_events",
        sa.column("entity", sa.String),
        sa.column("entity_id", sa.String),
        sa.column("before", sa.JSON),
        sa.column("after", sa.JSON),
        sa.column("registration_id", sa.Integer),
    )
    decisions = sa.table("decisions", sa.column("id", sa.Integer), sa.column("registration_id", sa.Integer))
    c = events.c

    def field(key: str) -> sa.ColumnElement[int]:
        return sa.func.coalesce(c.after[key].as_integer(), c.before[key].as_integer())

    letter_registration = (
        sa.select(decisions.c.registration_id).where(decisions.c.id == field("decision_id")).scalar_subquery()
    )
    own = sa.and_(c.entity == "registrations", c.entity_id.is_not(None))
    op.execute(
        events.update().values(
            registration_id=sa.case(
                (own, sa.cast(c.entity_id, sa.Integer)),
                (c.entity.in_(REGISTRATION_TABLES), field("registration_id")),
                (c.entity == "letters", letter_registration),
                else_=None,
            )
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("audit_events") as batch_op:
        batch_op.drop_index(INDEX)
        batch_op.drop_column("registration_id")
