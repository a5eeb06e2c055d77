"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-23 17:34:50.468039
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=30), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=60), nullable=False),
        sa.Column("entity_id", sa.String(length=60), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_events_hash")),
    )
    op.create_table(
        "frameworks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("scoring_model", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_frameworks")),
    )
    op.create_table(
        "import_mappings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("signature", sa.String(length=64), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_mappings")),
        sa.UniqueConstraint("signature", name=op.f("uq_import_mappings_signature")),
    )
    op.create_table(
        "providers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kvk", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_providers")),
        sa.UniqueConstraint("kvk", name=op.f("uq_providers_kvk")),
    )
    op.create_table(
        "criteria",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("framework_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("part", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("answer_kind", sa.String(length=20), nullable=False),
        sa.Column("expected", sa.String(length=100), nullable=True),
        sa.Column("threshold_operator", sa.String(length=2), nullable=True),
        sa.Column("threshold_value", sa.String(length=40), nullable=True),
        sa.Column("scale", sa.JSON(), nullable=True),
        sa.Column("weight", sa.String(length=40), nullable=True),
        sa.Column("minimum", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["framework_id"],
            ["frameworks.id"],
            name=op.f("fk_criteria_framework_id_frameworks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_criteria")),
        sa.UniqueConstraint("framework_id", "code", name=op.f("uq_criteria_framework_id_code")),
    )
    with op.batch_alter_table("criteria", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_criteria_framework_id"), ["framework_id"], unique=False)

    op.create_table(
        "rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("procedure", sa.String(length=20), nullable=False),
        sa.Column("framework_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("anonymised", sa.Boolean(), nullable=False),
        sa.Column("registration_deadline", sa.Date(), nullable=True),
        sa.Column("assessment_deadline", sa.Date(), nullable=True),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("document_settings", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["framework_id"],
            ["frameworks.id"],
            name=op.f("fk_rounds_framework_id_frameworks"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rounds")),
        sa.UniqueConstraint("name", name=op.f("uq_rounds_name")),
    )
    with op.batch_alter_table("rounds", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rounds_framework_id"), ["framework_id"], unique=False)

    op.create_table(
        "assessors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("confidentiality_declared_at", sa.DateTime(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("work_revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"], ["rounds.id"], name=op.f("fk_assessors_round_id_rounds"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessors")),
        sa.UniqueConstraint("round_id", "name", name=op.f("uq_assessors_round_id_name")),
    )
    with op.batch_alter_table("assessors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assessors_round_id"), ["round_id"], unique=False)

    op.create_table(
        "lots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("product_categories", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], name=op.f("fk_lots_round_id_rounds"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lots")),
        sa.UniqueConstraint("round_id", "code", name=op.f("uq_lots_round_id_code")),
    )
    with op.batch_alter_table("lots", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lots_round_id"), ["round_id"], unique=False)

    op.create_table(
        "registrations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("vestigingsnummer", sa.String(length=12), nullable=True),
        sa.Column("agb", sa.String(length=8), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("postcode", sa.String(length=7), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("contact_name", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("product_categories", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=True),
        sa.Column("consensus_opened_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["provider_id"],
            ["providers.id"],
            name=op.f("fk_registrations_provider_id_providers"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"], ["rounds.id"], name=op.f("fk_registrations_round_id_rounds"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registrations")),
        sa.UniqueConstraint("round_id", "number", name=op.f("uq_registrations_round_id_number")),
        sa.UniqueConstraint("round_id", "provider_id", name=op.f("uq_registrations_round_id_provider_id")),
    )
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_registrations_provider_id"), ["provider_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_registrations_round_id"), ["round_id"], unique=False)

    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessor_id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessor_id"],
            ["assessors.id"],
            name=op.f("fk_assignments_assessor_id_assessors"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["criterion_id"],
            ["criteria.id"],
            name=op.f("fk_assignments_criterion_id_criteria"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_assignments_registration_id_registrations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignments")),
        sa.UniqueConstraint(
            "assessor_id",
            "registration_id",
            "criterion_id",
            name=op.f("uq_assignments_assessor_id_registration_id_criterion_id"),
        ),
    )
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assignments_assessor_id"), ["assessor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignments_criterion_id"), ["criterion_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignments_registration_id"), ["registration_id"], unique=False)

    op.create_table(
        "conflicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessor_id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("declared_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessor_id"],
            ["assessors.id"],
            name=op.f("fk_conflicts_assessor_id_assessors"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_conflicts_registration_id_registrations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflicts")),
        sa.UniqueConstraint("assessor_id", "registration_id", name=op.f("uq_conflicts_assessor_id_registration_id")),
    )
    with op.batch_alter_table("conflicts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conflicts_assessor_id"), ["assessor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_conflicts_registration_id"), ["registration_id"], unique=False)

    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("proposed_outcome", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("override_motivation", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["lot_id"], ["lots.id"], name=op.f("fk_decisions_lot_id_lots"), ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_decisions_registration_id_registrations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
        sa.UniqueConstraint(
            "registration_id", "lot_id", "revision", name=op.f("uq_decisions_registration_id_lot_id_revision")
        ),
    )
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_decisions_registration_id"), ["registration_id"], unique=False)

    op.create_table(
        "declared_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["criterion_id"],
            ["criteria.id"],
            name=op.f("fk_declared_answers_criterion_id_criteria"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_declared_answers_registration_id_registrations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_declared_answers")),
        sa.UniqueConstraint(
            "registration_id", "criterion_id", name=op.f("uq_declared_answers_registration_id_criterion_id")
        ),
    )
    with op.batch_alter_table("declared_answers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_declared_answers_criterion_id"), ["criterion_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_declared_answers_registration_id"), ["registration_id"], unique=False)

    op.create_table(
        "interviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("planned_at", sa.DateTime(), nullable=True),
        sa.Column("held_at", sa.DateTime(), nullable=True),
        sa.Column("location", sa.String(length=300), nullable=False),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("approved_by", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_interviews_registration_id_registrations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"], ["rounds.id"], name=op.f("fk_interviews_round_id_rounds"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["interviews.id"],
            name=op.f("fk_interviews_supersedes_id_interviews"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews")),
    )
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_interviews_registration_id"), ["registration_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_interviews_round_id"), ["round_id"], unique=False)

    op.create_table(
        "registration_lots",
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["lot_id"], ["lots.id"], name=op.f("fk_registration_lots_lot_id_lots"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_registration_lots_registration_id_registrations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("registration_id", "lot_id", name=op.f("pk_registration_lots")),
    )
    op.create_table(
        "return_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("assessor_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessor_id"],
            ["assessors.id"],
            name=op.f("fk_return_files_assessor_id_assessors"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"], ["rounds.id"], name=op.f("fk_return_files_round_id_rounds"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_files")),
        sa.UniqueConstraint("sha256", name=op.f("uq_return_files_sha256")),
    )
    with op.batch_alter_table("return_files", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_return_files_assessor_id"), ["assessor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_return_files_round_id"), ["round_id"], unique=False)

    op.create_table(
        "work_packages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("assessor_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("exported_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessor_id"],
            ["assessors.id"],
            name=op.f("fk_work_packages_assessor_id_assessors"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"], ["rounds.id"], name=op.f("fk_work_packages_round_id_rounds"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_packages")),
    )
    with op.batch_alter_table("work_packages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_work_packages_assessor_id"), ["assessor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_work_packages_round_id"), ["round_id"], unique=False)

    op.create_table(
        "check_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessor_id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("checked_at", sa.DateTime(), nullable=False),
        sa.Column("source", sa.String(length=30), nullable=False),
        sa.Column("return_file_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["assessor_id"],
            ["assessors.id"],
            name=op.f("fk_check_revisions_assessor_id_assessors"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["criterion_id"],
            ["criteria.id"],
            name=op.f("fk_check_revisions_criterion_id_criteria"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_check_revisions_registration_id_registrations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["return_file_id"],
            ["return_files.id"],
            name=op.f("fk_check_revisions_return_file_id_return_files"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_revisions")),
        sa.UniqueConstraint(
            "assessor_id",
            "registration_id",
            "criterion_id",
            "revision",
            name=op.f("uq_check_revisions_assessor_id_registration_id_criterion_id_revision"),
        ),
    )
    with op.batch_alter_table("check_revisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_check_revisions_assessor_id"), ["assessor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_check_revisions_criterion_id"), ["criterion_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_check_revisions_registration_id"), ["registration_id"], unique=False)

    op.create_table(
        "consensus_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=False),
        sa.Column("motivation", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=30), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=True),
        sa.Column("set_by", sa.String(length=200), nullable=False),
        sa.Column("set_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["criterion_id"],
            ["criteria.id"],
            name=op.f("fk_consensus_scores_criterion_id_criteria"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["interviews.id"],
            name=op.f("fk_consensus_scores_interview_id_interviews"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_consensus_scores_registration_id_registrations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consensus_scores")),
        sa.UniqueConstraint(
            "registration_id",
            "criterion_id",
            "revision",
            name=op.f("uq_consensus_scores_registration_id_criterion_id_revision"),
        ),
    )
    with op.batch_alter_table("consensus_scores", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consensus_scores_criterion_id"), ["criterion_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_consensus_scores_registration_id"), ["registration_id"], unique=False)

    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=True),
        sa.Column("criterion_id", sa.Integer(), nullable=True),
        sa.Column("interview_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["criterion_id"],
            ["criteria.id"],
            name=op.f("fk_documents_criterion_id_criteria"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["interviews.id"],
            name=op.f("fk_documents_interview_id_interviews"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_documents_registration_id_registrations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_documents_registration_id"), ["registration_id"], unique=False)

    op.create_table(
        "interview_attendees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("side", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["interviews.id"],
            name=op.f("fk_interview_attendees_interview_id_interviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_attendees")),
    )
    with op.batch_alter_table("interview_attendees", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_interview_attendees_interview_id"), ["interview_id"], unique=False)

    op.create_table(
        "interview_points",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("only_clarifies", sa.Boolean(), nullable=True),
        sa.Column("documents_requested", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("motivation", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["criterion_id"],
            ["criteria.id"],
            name=op.f("fk_interview_points_criterion_id_criteria"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["interviews.id"],
            name=op.f("fk_interview_points_interview_id_interviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_points")),
    )
    with op.batch_alter_table("interview_points", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_interview_points_interview_id"), ["interview_id"], unique=False)

    op.create_table(
        "letters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kenmerk", sa.String(length=100), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decisions.id"],
            name=op.f("fk_letters_decision_id_decisions"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letters")),
        sa.UniqueConstraint("decision_id", "version", name=op.f("uq_letters_decision_id_version")),
        sa.UniqueConstraint("kenmerk", name=op.f("uq_letters_kenmerk")),
    )
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_letters_decision_id"), ["decision_id"], unique=False)

    op.create_table(
        "requirement_verdicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.Column("motivation", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=30), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=True),
        sa.Column("set_by", sa.String(length=200), nullable=False),
        sa.Column("set_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["criterion_id"],
            ["criteria.id"],
            name=op.f("fk_requirement_verdicts_criterion_id_criteria"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["interviews.id"],
            name=op.f("fk_requirement_verdicts_interview_id_interviews"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_requirement_verdicts_registration_id_registrations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_requirement_verdicts")),
        sa.UniqueConstraint(
            "registration_id",
            "criterion_id",
            "revision",
            name=op.f("uq_requirement_verdicts_registration_id_criterion_id_revision"),
        ),
    )
    with op.batch_alter_table("requirement_verdicts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_requirement_verdicts_criterion_id"), ["criterion_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_requirement_verdicts_registration_id"), ["registration_id"], unique=False)

    op.create_table(
        "score_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessor_id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=False),
        sa.Column("motivation", sa.Text(), nullable=False),
        sa.Column("scored_at", sa.DateTime(), nullable=False),
        sa.Column("source", sa.String(length=30), nullable=False),
        sa.Column("return_file_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["assessor_id"],
            ["assessors.id"],
            name=op.f("fk_score_revisions_assessor_id_assessors"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["criterion_id"],
            ["criteria.id"],
            name=op.f("fk_score_revisions_criterion_id_criteria"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_score_revisions_registration_id_registrations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["return_file_id"],
            ["return_files.id"],
            name=op.f("fk_score_revisions_return_file_id_return_files"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score_revisions")),
        sa.UniqueConstraint(
            "assessor_id",
            "registration_id",
            "criterion_id",
            "revision",
            name=op.f("uq_score_revisions_assessor_id_registration_id_criterion_id_revision"),
        ),
    )
    with op.batch_alter_table("score_revisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_score_revisions_assessor_id"), ["assessor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_score_revisions_criterion_id"), ["criterion_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_score_revisions_registration_id"), ["registration_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("score_revisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_score_revisions_registration_id"))
        batch_op.drop_index(batch_op.f("ix_score_revisions_criterion_id"))
        batch_op.drop_index(batch_op.f("ix_score_revisions_assessor_id"))

    op.drop_table("score_revisions")
    with op.batch_alter_table("requirement_verdicts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_requirement_verdicts_registration_id"))
        batch_op.drop_index(batch_op.f("ix_requirement_verdicts_criterion_id"))

    op.drop_table("requirement_verdicts")
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_letters_decision_id"))

    op.drop_table("letters")
    with op.batch_alter_table("interview_points", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interview_points_interview_id"))

    op.drop_table("interview_points")
    with op.batch_alter_table("interview_attendees", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interview_attendees_interview_id"))

    op.drop_table("interview_attendees")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_registration_id"))

    op.drop_table("documents")
    with op.batch_alter_table("consensus_scores", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consensus_scores_registration_id"))
        batch_op.drop_index(batch_op.f("ix_consensus_scores_criterion_id"))

    op.drop_table("consensus_scores")
    with op.batch_alter_table("check_revisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_check_revisions_registration_id"))
        batch_op.drop_index(batch_op.f("ix_check_revisions_criterion_id"))
        batch_op.drop_index(batch_op.f("ix_check_revisions_assessor_id"))

    op.drop_table("check_revisions")
    with op.batch_alter_table("work_packages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_packages_round_id"))
        batch_op.drop_index(batch_op.f("ix_work_packages_assessor_id"))

    op.drop_table("work_packages")
    with op.batch_alter_table("return_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_return_files_round_id"))
        batch_op.drop_index(batch_op.f("ix_return_files_assessor_id"))

    op.drop_table("return_files")
    op.drop_table("registration_lots")
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interviews_round_id"))
        batch_op.drop_index(batch_op.f("ix_interviews_registration_id"))

    op.drop_table("interviews")
    with op.batch_alter_table("declared_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_declared_answers_registration_id"))
        batch_op.drop_index(batch_op.f("ix_declared_answers_criterion_id"))

    op.drop_table("declared_answers")
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decisions_registration_id"))

    op.drop_table("decisions")
    with op.batch_alter_table("conflicts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conflicts_registration_id"))
        batch_op.drop_index(batch_op.f("ix_conflicts_assessor_id"))

    op.drop_table("conflicts")
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assignments_registration_id"))
        batch_op.drop_index(batch_op.f("ix_assignments_criterion_id"))
        batch_op.drop_index(batch_op.f("ix_assignments_assessor_id"))

    op.drop_table("assignments")
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registrations_round_id"))
        batch_op.drop_index(batch_op.f("ix_registrations_provider_id"))

    op.drop_table("registrations")
    with op.batch_alter_table("lots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lots_round_id"))

    op.drop_table("lots")
    with op.batch_alter_table("assessors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessors_round_id"))

    op.drop_table("assessors")
    with op.batch_alter_table("rounds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rounds_framework_id"))

    op.drop_table("rounds")
    with op.batch_alter_table("criteria", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_criteria_framework_id"))

    op.drop_table("criteria")
    op.drop_table("providers")
    op.drop_table("import_mappings")
    op.drop_table("frameworks")
    op.drop_table("audit_events")
