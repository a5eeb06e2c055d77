"""signed and sealed exchange: the chair's round keys, the laptop's own key, what an auditor needs of a return file

The round secret (from which the chair derived every assessor's key) and the laptop's copy of its assessor's key go:
files of the old format are refused, the chair's round keys are made at the next export, and a laptop pins the chair's
key on the next package it opens. Scores and checks are untouched.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 13:46:57.643273
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("assessors", schema=None) as batch_op:
        batch_op.add_column(sa.Column("laptop_key", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("laptop_key_confirmed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("laptop_key_confirmed_by", sa.String(length=200), nullable=True))

    with op.batch_alter_table("exchange_keys", schema=None) as batch_op:
        batch_op.add_column(sa.Column("chair_signing_private", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("chair_signing_public", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("chair_sealing_private", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("chair_sealing_public", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("laptop_signing_private", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("laptop_signing_public", sa.String(length=64), nullable=True))
        batch_op.drop_column("assessor_key")
        batch_op.drop_column("round_secret")

    with op.batch_alter_table("return_files", schema=None) as batch_op:
        batch_op.add_column(sa.Column("signed_statement", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("signature", sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column("signing_key", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("signed_work", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("return_files", schema=None) as batch_op:
        batch_op.drop_column("signed_work")
        batch_op.drop_column("signing_key")
        batch_op.drop_column("signature")
        batch_op.drop_column("signed_statement")

    with op.batch_alter_table("exchange_keys", schema=None) as batch_op:
        batch_op.add_column(sa.Column("round_secret", sa.VARCHAR(length=64), nullable=True))
        batch_op.add_column(sa.Column("assessor_key", sa.VARCHAR(length=64), nullable=True))
        batch_op.drop_column("laptop_signing_public")
        batch_op.drop_column("laptop_signing_private")
        batch_op.drop_column("chair_sealing_public")
        batch_op.drop_column("chair_sealing_private")
        batch_op.drop_column("chair_signing_public")
        batch_op.drop_column("chair_signing_private")

    with op.batch_alter_table("assessors", schema=None) as batch_op:
        batch_op.drop_column("laptop_key_confirmed_by")
        batch_op.drop_column("laptop_key_confirmed_at")
        batch_op.drop_column("laptop_key")
