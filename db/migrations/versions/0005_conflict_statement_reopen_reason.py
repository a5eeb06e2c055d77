"""conflict statement, reopen reason, frozen work

Existing members get no conflict statement: it is theirs to make (recorded by the chair), not the upgrade's. Until it
is recorded their scores are refused with a message that says so.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 12:35:37.666974
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("assessors", schema=None) as batch_op:
        batch_op.add_column(sa.Column("conflicts_declared_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("conflicts_declared_by", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("reopened_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("reopen_reason", sa.Text(), nullable=True))

    with op.batch_alter_table("return_files", schema=None) as batch_op:
        batch_op.add_column(sa.Column("work_sha256", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("return_files", schema=None) as batch_op:
        batch_op.drop_column("work_sha256")

    with op.batch_alter_table("assessors", schema=None) as batch_op:
        batch_op.drop_column("reopen_reason")
        batch_op.drop_column("reopened_at")
        batch_op.drop_column("conflicts_declared_by")
        batch_op.drop_column("conflicts_declared_at")
