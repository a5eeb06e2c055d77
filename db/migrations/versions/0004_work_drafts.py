"""work drafts

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 18:34:50.567974
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "work_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessor_id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=True),
        sa.Column("verdict", sa.String(length=20), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessor_id"], ["assessors.id"], name=op.f("fk_work_drafts_assessor_id_assessors"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["criterion_id"], ["criteria.id"], name=op.f("fk_work_drafts_criterion_id_criteria"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_work_drafts_registration_id_registrations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_drafts")),
        sa.UniqueConstraint(
            "assessor_id",
            "registration_id",
            "criterion_id",
            name=op.f("uq_work_drafts_assessor_id_registration_id_criterion_id"),
        ),
    )
    with op.batch_alter_table("work_drafts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_work_drafts_assessor_id"), ["assessor_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("work_drafts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_drafts_assessor_id"))

    op.drop_table("work_drafts")
