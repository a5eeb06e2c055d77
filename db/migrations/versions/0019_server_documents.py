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
        for statement in _row_security():
            op.execute(statement)


# Content is shared by every procedure of a server database (one plan sent to two regions is stored once), so its
# rows belong to no round. A user reads the content that a document, letter or logo it may see names, and what it
# stored itself (until the row naming it is committed). Storing content someone else stored renews it through a
# function (the storer has the bytes: there is nothing to leak); removing it is refused while any row names it.
_FUNCTIONS = """
CREATE OR REPLACE FUNCTION beoordelaar_document_named(sha varchar) RETURNS boolean LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = {schema}
AS $$ SELECT EXISTS (SELECT 1 FROM documents WHERE sha256 = sha) OR EXISTS (SELECT 1 FROM letters WHERE sha256 = sha)
       OR EXISTS (SELECT 1 FROM rounds WHERE document_settings::jsonb ->> 'logo' = sha) $$;

CREATE OR REPLACE FUNCTION beoordelaar_renew_document(sha varchar, renewed timestamp) RETURNS bigint LANGUAGE sql
VOLATILE SECURITY DEFINER SET search_path = {schema}
AS $$ UPDATE stored_documents SET stored_at = renewed WHERE sha256 = sha RETURNING size $$;
"""

_VISIBLE = (
    "stored_by = session_user OR sha256 IN (SELECT sha256 FROM documents) OR sha256 IN (SELECT sha256 FROM letters)"
    " OR sha256 IN (SELECT document_settings::jsonb ->> 'logo' FROM rounds)"
)


def _row_security() -> list[str]:
    schema = op.get_bind().exec_driver_sql("SELECT current_schema()").scalar_one()
    statements = [
        "ALTER TABLE stored_documents ADD COLUMN IF NOT EXISTS stored_by varchar(63) NOT NULL DEFAULT session_user",
        _FUNCTIONS.format(schema=schema),
        "ALTER TABLE stored_documents ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY beoordelaar_lezen ON stored_documents FOR SELECT USING ({_VISIBLE})",
        "CREATE POLICY beoordelaar_invoegen ON stored_documents FOR INSERT WITH CHECK (stored_by = session_user)",
        "CREATE POLICY beoordelaar_wijzigen ON stored_documents FOR UPDATE USING (stored_by = session_user)",
        f"CREATE POLICY beoordelaar_verwijderen ON stored_documents FOR DELETE USING (({_VISIBLE}) AND NOT "
        "beoordelaar_document_named(sha256))",
        "ALTER TABLE document_parts ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY beoordelaar_lezen ON document_parts FOR SELECT USING (sha256 IN "
        "(SELECT sha256 FROM stored_documents))",
        "CREATE POLICY beoordelaar_invoegen ON document_parts FOR INSERT WITH CHECK (sha256 IN "
        "(SELECT sha256 FROM stored_documents WHERE stored_by = session_user))",
    ]
    roles = {name for (name,) in op.get_bind().exec_driver_sql("SELECT rolname FROM pg_roles")}
    if {"beoordelaar_voorzitter", "beoordelaar_beoordelaar"} <= roles:  # made by 0018
        statements += [
            "GRANT SELECT ON stored_documents, document_parts TO beoordelaar_voorzitter, beoordelaar_beoordelaar",
            "GRANT INSERT, UPDATE, DELETE ON stored_documents, document_parts TO beoordelaar_voorzitter",
        ]
    return statements


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS beoordelaar_renew_document(varchar, timestamp)")
        op.execute("DROP FUNCTION IF EXISTS beoordelaar_document_named(varchar)")
    op.drop_table("document_parts")
    op.drop_table("stored_documents")
