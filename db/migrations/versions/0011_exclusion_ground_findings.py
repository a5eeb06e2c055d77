"""exclusion ground findings: which ground applies, its evidence, and the self-cleaning measures with their judgement

A settled verdict on a declared exclusion ground records the ground the commission found (from the framework's list),
the evidence it rests on, and the provider's self-cleaning measures (zelfreiniging) with the commission's judgement
whether they suffice. Verdicts settled before this revision keep these empty.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 16:28:23.088512
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("requirement_verdicts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ground", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("ground_evidence", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("self_cleaning", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("self_cleaning_sufficient", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("requirement_verdicts", schema=None) as batch_op:
        batch_op.drop_column("self_cleaning_sufficient")
        batch_op.drop_column("self_cleaning")
        batch_op.drop_column("ground_evidence")
        batch_op.drop_column("ground")
