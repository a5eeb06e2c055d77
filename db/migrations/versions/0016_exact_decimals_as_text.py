"""exact decimals as text on every engine

Scores, weights, thresholds and means are exact values the app stores as text in a VARCHAR(40) (models.py's
ExactDecimal): a decimal as its digits ("7.125"), an exact mean without a finite decimal form as its fraction ("20/3"),
which no NUMERIC column can hold. The migrations make them VARCHAR(40), but a PostgreSQL database made another way
(from the models with a NUMERIC type, as a trial of the team server did) has them NUMERIC, and then every read of a
score fails. This migration makes any such column VARCHAR(40) again, turning each value into its exact text
(PostgreSQL's numeric-to-text keeps every digit, and the scale's trailing zeros, which Decimal reads back equal).
A column that is already text (every SQLite database, and PostgreSQL databases made by these migrations) is left as
it is: then nothing changes.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 20:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EXACT_COLUMNS = {
    "criteria": ("threshold_value", "weight", "minimum"),
    "work_drafts": ("value",),
    "interview_points": ("adjusted_value",),
    "score_revisions": ("value",),
    "consensus_scores": ("value", "mean"),
}


def _numeric_columns() -> list[tuple[str, str]]:
    inspector = sa.inspect(op.get_bind())
    found = []
    for table, names in EXACT_COLUMNS.items():
        types = {column["name"]: column["type"] for column in inspector.get_columns(table)}
        found.extend((table, name) for name in names if isinstance(types.get(name), sa.Numeric))
    return found


def upgrade() -> None:
    for table, column in _numeric_columns():
        if op.get_bind().dialect.name == "postgresql":
            op.alter_column(
                table,
                column,
                type_=sa.String(length=40),
                postgresql_using=f"{column}::text",
            )
        else:  # SQLite never had them NUMERIC through these migrations; the batch rebuild copies the values as text
            with op.batch_alter_table(table) as batch_op:
                batch_op.alter_column(column, type_=sa.String(length=40))


def downgrade() -> None:
    """Nothing to undo: the columns are what the earlier migrations made them."""
