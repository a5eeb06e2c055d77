"""procurements: a procedure with its entry moments, municipalities, closed product groups and dialogue tables

Every existing round becomes the first entry moment of a procedure of its own, named after it, with its procedure
type and framework; an award-stage round joins the procedure of its selection round. Nothing is removed or changed
in the rounds themselves (the migration runs after a backup, as every migration does).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 19:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "procurements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("procedure", sa.String(length=20), nullable=False),
        sa.Column("framework_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["framework_id"], ["frameworks.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "framework_amendments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("procurement_id", sa.Integer(), nullable=False),
        sa.Column("framework_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("amended_by", sa.String(length=200), nullable=False),
        sa.Column("amended_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["framework_id"], ["frameworks.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["procurement_id"], ["procurements.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_framework_amendments_procurement_id", "framework_amendments", ["procurement_id"])
    op.create_table(
        "municipalities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("procurement_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("lots", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["procurement_id"], ["procurements.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("procurement_id", "name"),
    )
    op.create_index("ix_municipalities_procurement_id", "municipalities", ["procurement_id"])
    op.create_table(
        "product_group_closures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("lot_code", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("closed_by", sa.String(length=200), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["municipality_id"], ["municipalities.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "municipality_id", "lot_code"),
    )
    op.create_index("ix_product_group_closures_round_id", "product_group_closures", ["round_id"])
    op.create_index("ix_product_group_closures_municipality_id", "product_group_closures", ["municipality_id"])
    op.create_table(
        "dialogue_tables",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("procurement_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("lot_code", sa.String(length=20), nullable=False),
        sa.Column("criteria", sa.Text(), nullable=False),
        sa.Column("maximum", sa.Integer(), nullable=False),
        sa.Column("meeting", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["procurement_id"], ["procurements.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_dialogue_tables_procurement_id", "dialogue_tables", ["procurement_id"])
    op.create_table(
        "dialogue_choices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("selected", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["provider_id"], ["providers.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["table_id"], ["dialogue_tables.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("table_id", "provider_id"),
    )
    op.create_index("ix_dialogue_choices_table_id", "dialogue_choices", ["table_id"])
    with op.batch_alter_table("rounds", schema=None) as batch_op:
        batch_op.add_column(sa.Column("procurement_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_rounds_procurement_id"), ["procurement_id"], unique=False)
        batch_op.create_foreign_key(
            "fk_rounds_procurement_id_procurements", "procurements", ["procurement_id"], ["id"], ondelete="RESTRICT"
        )
    _rounds_into_procurements()


def _rounds_into_procurements() -> None:
    """Each round that is no award stage becomes a procedure of its own (the laptop copy of an assessor's round
    stays without one); an award stage joins its selection round's procedure."""
    connection = op.get_bind()
    laptop = sa.text("SELECT round_id FROM exchange_keys WHERE assessor_id IS NOT NULL")
    laptop_rounds = {row[0] for row in connection.execute(laptop)}
    rounds = connection.execute(
        sa.text("SELECT id, name, procedure, framework_id, created_at, selection_round_id FROM rounds ORDER BY id")
    ).all()
    procurement_of: dict[int, int] = {}
    for round_id, name, procedure, framework_id, created_at, selection_round_id in rounds:
        if round_id in laptop_rounds:
            continue
        if selection_round_id is not None and selection_round_id in procurement_of:
            procurement_of[round_id] = procurement_of[selection_round_id]
        else:
            result = connection.execute(
                sa.text(
                    "INSERT INTO procurements (name, procedure, framework_id, created_at) "
                    "VALUES (:name, :procedure, :framework_id, :created_at)"
                ),
                {"name": name, "procedure": procedure, "framework_id": framework_id, "created_at": created_at},
            )
            procurement_of[round_id] = result.lastrowid
        connection.execute(
            sa.text("UPDATE rounds SET procurement_id = :procurement WHERE id = :id"),
            {"procurement": procurement_of[round_id], "id": round_id},
        )


def downgrade() -> None:
    with op.batch_alter_table("rounds", schema=None) as batch_op:
        batch_op.drop_constraint("fk_rounds_procurement_id_procurements", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_rounds_procurement_id"))
        batch_op.drop_column("procurement_id")
    for table in ("dialogue_choices", "dialogue_tables", "product_group_closures", "municipalities"):
        op.drop_table(table)
    op.drop_table("framework_amendments")
    op.drop_table("procurements")
