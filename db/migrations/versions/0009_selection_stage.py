"""selection stage: outcomes per lot, drawing lots, and the award stage's invitations

A decision keeps its outcome per lot (a selection's maximum is per lot); a draw breaks a tie on a selection's
boundary, with who drew and the order; an award-stage round names its selection round and lists the candidates
invited per lot. Decisions made before this revision keep an empty list: their outcome holds for every lot.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 16:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lot_outcomes", sa.JSON(), nullable=False, server_default="[]"))
    with op.batch_alter_table("rounds", schema=None) as batch_op:
        batch_op.add_column(sa.Column("selection_round_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_rounds_selection_round_id_rounds", "rounds", ["selection_round_id"], ["id"], ondelete="RESTRICT"
        )
    op.create_table(
        "lot_draws",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("lot_code", sa.String(length=20), nullable=False),
        sa.Column("order", sa.JSON(), nullable=False),
        sa.Column("places", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("drawn_by", sa.String(length=200), nullable=False),
        sa.Column("witnesses", sa.Text(), nullable=False),
        sa.Column("drawn_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("lot_draws", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lot_draws_round_id"), ["round_id"], unique=False)
    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("lot_code", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["provider_id"], ["providers.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "provider_id", "lot_code"),
    )
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invitations_round_id"), ["round_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invitations_round_id"))
    op.drop_table("invitations")
    with op.batch_alter_table("lot_draws", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lot_draws_round_id"))
    op.drop_table("lot_draws")
    with op.batch_alter_table("rounds", schema=None) as batch_op:
        batch_op.drop_constraint("fk_rounds_selection_round_id_rounds", type_="foreignkey")
        batch_op.drop_column("selection_round_id")
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_column("lot_outcomes")
