"""verified values: what the commission verified beside the declared answer, and the interview answer a change rests on

A settled requirement may keep the value or answer the commission verified (read from the jaarrekening or another
document) with that source; a settled requirement or consensus score that changes after a verification interview on
its criterion keeps the interview answer it rests on. Settlements made before this revision keep these empty.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 16:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _point_key(table: str) -> str:
    return op.f(f"fk_{table}_interview_point_id_interview_points")


def _point_column(table: str) -> sa.Column:
    return sa.Column(
        "interview_point_id", sa.Integer(),
        sa.ForeignKey("interview_points.id", name=_point_key(table), ondelete="RESTRICT"),
        nullable=True,
    )  # fmt: skip


def upgrade() -> None:
    with op.batch_alter_table("requirement_verdicts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("verified_value", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("verified_source", sa.Text(), nullable=True))
        batch_op.add_column(_point_column("requirement_verdicts"))
    with op.batch_alter_table("consensus_scores", schema=None) as batch_op:
        batch_op.add_column(_point_column("consensus_scores"))


def downgrade() -> None:
    with op.batch_alter_table("consensus_scores", schema=None) as batch_op:
        batch_op.drop_constraint(_point_key("consensus_scores"), type_="foreignkey")
        batch_op.drop_column("interview_point_id")
    with op.batch_alter_table("requirement_verdicts", schema=None) as batch_op:
        batch_op.drop_constraint(_point_key("requirement_verdicts"), type_="foreignkey")
        batch_op.drop_column("verified_value")
        batch_op.drop_column("verified_source")
        batch_op.drop_column("interview_point_id")
