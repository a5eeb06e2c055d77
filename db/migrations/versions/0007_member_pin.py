"""member pin: each member's own PIN for scoring on the chair's computer

Only its scrypt hash is stored, with the wrong tries in a row and when they locked it. Existing members get no PIN:
each sets their own at the next "Beoordelen als…" (or with 'beoordelaar assessors pin'). Scores and checks are
untouched.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 13:56:03.395253
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("assessors", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pin_secret", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("pin_set_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("pin_wrong_tries", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("pin_locked_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("assessors", schema=None) as batch_op:
        batch_op.drop_column("pin_locked_at")
        batch_op.drop_column("pin_wrong_tries")
        batch_op.drop_column("pin_set_at")
        batch_op.drop_column("pin_secret")
