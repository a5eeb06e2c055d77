"""letter sending: what a letter states when made, and its recorded sending

Each letter keeps the sending date it states and, in a tender or SAS, the last day of the standstill it states; the
sending is recorded per letter (day, channel e-mail or post, who recorded it and when). Letters made before this
revision keep these empty: their sending can still be recorded, and their standstill is then counted from it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 15:18:18.814101
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.add_column(sa.Column("planned_sending", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("standstill_end", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("sent_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("sent_via", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("sent_recorded_by", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("sent_recorded_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.drop_column("sent_recorded_at")
        batch_op.drop_column("sent_recorded_by")
        batch_op.drop_column("sent_via")
        batch_op.drop_column("sent_on")
        batch_op.drop_column("standstill_end")
        batch_op.drop_column("planned_sending")
