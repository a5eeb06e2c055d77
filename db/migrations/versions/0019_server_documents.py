"""documents in the database of a server

A server database (PostgreSQL) keeps its documents in the database itself, so every user of the server sees them:
one row per content (stored_documents, by its SHA-256) and its content in pieces of at most 1 MiB (document_parts,
bytea), read and written piece by piece. A database file keeps its documents in the folder beside it and leaves
both tables empty.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01 22:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "stored_documents",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("stored_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_stored_documents")),
    )
    op.create_table(
        "document_parts",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("part", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sha256"],
            ["stored_documents.sha256"],
            name=op.f("fk_document_parts_sha256_stored_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("sha256", "part", name=op.f("pk_document_parts")),
    )
    if op.get_bind().dialect.name == "postgresql":
        # PDFs and images are compressed already: kept out of line as they are, not compressed again by TOAST.
        op.execute("ALTER TABLE document_parts ALTER COLUMN content SET STORAGE EXTERNAL")


def downgrade() -> None:
    op.drop_table("document_parts")
    op.drop_table("stored_documents")
