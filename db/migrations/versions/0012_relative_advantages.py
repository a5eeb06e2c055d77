"""relative advantages: the commission's summary per lot of the chosen bids' characteristics and relative advantages

In a tender or SAS the award and rejection letters carry it (Aw 2012 art. 2.130), and they cannot be made before it
exists for every lot with a chosen bid. One row per revision; the newest counts. Existing rounds have none: their
letters wait for it.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 16:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "relative_advantages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("winners", sa.JSON(), nullable=False),
        sa.Column("written_by", sa.String(length=200), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["lot_id"], ["lots.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "lot_id", "revision"),
    )
    with op.batch_alter_table("relative_advantages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_relative_advantages_round_id"), ["round_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("relative_advantages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relative_advantages_round_id"))
    op.drop_table("relative_advantages")
