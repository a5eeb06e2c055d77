"""verification interviews

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 17:57:44.749537
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "verification_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("marked_by", sa.String(length=200), nullable=False),
        sa.Column("marked_at", sa.DateTime(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["criterion_id"],
            ["criteria.id"],
            name=op.f("fk_verification_marks_criterion_id_criteria"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["interviews.id"],
            name=op.f("fk_verification_marks_interview_id_interviews"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_verification_marks_registration_id_registrations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verification_marks")),
    )
    with op.batch_alter_table("verification_marks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_verification_marks_registration_id"), ["registration_id"], unique=False)

    with op.batch_alter_table("interview_points", schema=None) as batch_op:
        batch_op.add_column(sa.Column("documents_received", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("adjusted_value", sa.String(length=40), nullable=True))

    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.add_column(sa.Column("approvals", sa.JSON(), nullable=True))


def downgrade() -> None:

    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.drop_column("approvals")

    with op.batch_alter_table("interview_points", schema=None) as batch_op:
        batch_op.drop_column("adjusted_value")
        batch_op.drop_column("documents_received")

    with op.batch_alter_table("verification_marks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_verification_marks_registration_id"))

    op.drop_table("verification_marks")
