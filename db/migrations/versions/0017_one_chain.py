"""the history is one chain: a unique previous hash

Each event names the hash of the event before it; two events naming the same one are a fork, which two writers
appending at once on a server could make before appends were serialised. A unique index on prev_hash lets the
database refuse a fork from any writer. An existing history cannot violate it: the hashes are unique already, each
event but the first names the one before it, and only the first names the genesis value. A history forked before
this migration is refused with its first forked event, and the migration changes nothing (it runs in one
transaction). A database that has the index already (made from the models) is left as it is.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 22:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


INDEX = "ix_audit_events_prev_hash"


def upgrade() -> None:
    if INDEX in {index["name"] for index in sa.inspect(op.get_bind()).get_indexes("audit_events")}:
        return  # a database made from the models has it already
    forked = (
        op.get_bind()
        .execute(
            sa.text(
                "SELECT prev_hash, MIN(id) FROM audit_events GROUP BY prev_hash HAVING COUNT(*) > 1 ORDER BY MIN(id)"
            )
        )
        .first()
    )
    if forked is not None:
        raise RuntimeError(
            f"De geschiedenis is gevorkt: meer dan één gebeurtenis volgt op {forked[0]} (vanaf gebeurtenis "
            f"{forked[1]}). Herstel de database uit een back-up; er is niets gewijzigd."
        )
    op.create_index(INDEX, "audit_events", ["prev_hash"], unique=True)


def downgrade() -> None:
    op.drop_index(INDEX, table_name="audit_events")
