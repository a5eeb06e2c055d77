"""consensus mean: a computed average keeps the unrounded mean beside its score

Where the framework averages, the minimum is tested on the unrounded mean of the individual scores (a rounding rule
never rounds a knock-out up), and with rounding "none" the score is that mean exactly (an exact fraction such as 20/3
is stored as its text). Scores set before this revision keep their value and get no mean; averaging again (Middelen
toepassen) records the exact figures as a new revision.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 16:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("consensus_scores", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mean", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("consensus_scores", schema=None) as batch_op:
        batch_op.drop_column("mean")
