"""The models and the migrations describe one schema; the tests' database copies are at that schema already."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from beoordelaar.core.storage import migrations
from beoordelaar.core.storage.database import open_database
from beoordelaar.core.storage.models import Base
from engines import TEMPLATE_FILES, url_of
from templates import DatabaseTemplates

# What the migrations make on a server only (0018's members and the trigger's columns of the history, 0019's uploader
# of a document), in SQL of their own: no model has them, so that a file's schema stays as it was.
SERVER_ONLY_TABLES = {"server_memberships", "server_member_assessors"}
SERVER_ONLY_COLUMNS = {
    ("audit_events", "procurement_id"),
    ("audit_events", "assessor_id"),
    ("stored_documents", "stored_by"),
}
SERVER_ONLY_INDEXES = {"ix_audit_events_procurement_id", "ix_server_member_assessors_login"}
# On an expression, which SQLAlchemy does not reflect (it warns and leaves it out): test_history_reads checks that it
# is there and that the check reads by it.
EXPRESSION_INDEXES = {"ix_audit_events_entity_order"}


def _in_the_models(item: object, name: str | None, kind: str, _reflected: bool, _compare_to: object) -> bool:
    if kind == "table":
        return name not in SERVER_ONLY_TABLES
    if kind == "column":
        return (item.table.name, name) not in SERVER_ONLY_COLUMNS  # type: ignore[attr-defined]
    return kind != "index" or name not in SERVER_ONLY_INDEXES | EXPRESSION_INDEXES


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
def test_the_models_match_the_migrations(db_path: Path) -> None:
    open_database(db_path).close()  # migrated for real, from nothing
    engine = create_engine(url_of(db_path), poolclass=NullPool)
    try:
        with engine.connect() as connection:
            options = {"compare_type": True, "include_object": _in_the_models}
            context = MigrationContext.configure(connection, opts=options)
            differences = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert differences == []


@pytest.mark.sqlite_only(reason=TEMPLATE_FILES)
def test_a_copy_of_the_template_opens_without_migrating_or_a_backup(
    templates: DatabaseTemplates, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates.empty()  # made (and migrated) once per session, perhaps by an earlier test

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a copy of the template must not be migrated or backed up")

    monkeypatch.setattr(migrations, "_run_upgrade", refuse)
    monkeypatch.setattr(migrations, "backup_before_change", refuse)
    database = templates.open_copy(tmp_path / "kopie" / "beoordelaar.sqlite")
    database.close()
    assert database.backup is None
    assert sorted(p.name for p in database.path.parent.iterdir()) == ["beoordelaar.sqlite", "beoordelaar.sqlite.lock"]
