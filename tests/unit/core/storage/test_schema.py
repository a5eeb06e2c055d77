"""The models and the migrations describe one schema; the tests' database copies are at that schema already."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from beoordelaar.core.storage import migrations
from beoordelaar.core.storage.database import open_database
from beoordelaar.core.storage.models import Base
from engines import TEMPLATE_FILES, url_of
from templates import DatabaseTemplates


def test_the_models_match_the_migrations(db_path: Path) -> None:
    open_database(db_path).close()  # migrated for real, from nothing
    engine = create_engine(url_of(db_path), poolclass=NullPool)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
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

    monkeypatch.setattr(command, "upgrade", refuse)
    monkeypatch.setattr(migrations, "backup_before_change", refuse)
    database = templates.open_copy(tmp_path / "kopie" / "beoordelaar.sqlite")
    database.close()
    assert database.backup is None
    assert sorted(p.name for p in database.path.parent.iterdir()) == ["beoordelaar.sqlite", "beoordelaar.sqlite.lock"]
