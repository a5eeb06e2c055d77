"""Migrations: from empty, over a database with data, the foreign-key trap, and databases we must refuse."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from beoordelaar.core.demo.demo import build_demo
from beoordelaar.core.errors import UserError
from beoordelaar.core.paths import migrations_dir
from beoordelaar.core.storage.database import open_database
from beoordelaar.core.storage.migrations import upgrade
from engines import FILE_HEADER, FILE_LOCK, PRAGMA, RAW_FILE

REBUILD_ROUNDS = """
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("rounds", recreate="always") as batch:
        batch.add_column(sa.Column("remark", sa.Text(), nullable=True))
    with op.batch_alter_table("lots", recreate="always") as batch:
        batch.add_column(sa.Column("remark", sa.Text(), nullable=True))


def downgrade() -> None:
    pass
"""


def _head() -> str:
    versions = sorted((migrations_dir() / "versions").glob("*.py"))
    return versions[-1].name.split("_")[0]


def _script_with_rebuild(tmp_path: Path) -> Path:
    """Our real migrations plus one that rebuilds the parent tables 'rounds' and 'lots' (batch copy, drop, rename)."""
    script = tmp_path / "migrations"
    shutil.copytree(migrations_dir(), script, ignore=shutil.ignore_patterns("__pycache__"))
    (script / "versions" / "9001_rebuild_rounds.py").write_text(REBUILD_ROUNDS.format(head=_head()))
    return script


def _count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.mark.sqlite_only(reason=PRAGMA)
def test_fresh_database_is_created_at_head_with_pragmas(db_path: Path) -> None:
    database = open_database(db_path)
    try:
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert database.backup is None  # nothing to back up in a new file
    finally:
        database.close()
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == _head()


def test_reopening_at_head_changes_nothing(db_path: Path) -> None:
    open_database(db_path).close()
    database = open_database(db_path)
    database.close()
    assert database.backup is None


@pytest.mark.sqlite_only(reason=PRAGMA)
def test_rebuilding_a_parent_table_keeps_its_children(tmp_path: Path, db_path: Path) -> None:
    database = open_database(db_path)
    build_demo(database.sessions, providers=12, actor="test")
    database.close()
    before = {
        table: _count(db_path, table) for table in ("rounds", "registrations", "assessors", "lots", "registration_lots")
    }
    assert before["registrations"] == 12

    backup = upgrade(db_path, backup_dir=tmp_path / "backups", script_location=_script_with_rebuild(tmp_path))

    after = {table: _count(db_path, table) for table in before}
    assert after == before, "children of the rebuilt table were lost"
    with sqlite3.connect(db_path) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(rounds)")]
        assert "remark" in columns
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert backup is not None and backup.exists()
    assert _count(backup, "registrations") == 12


@pytest.mark.sqlite_only(reason=PRAGMA)
def test_the_trap_is_real_with_foreign_keys_on(tmp_path: Path, db_path: Path) -> None:
    """The same table rebuild, done naively with foreign_keys=ON, silently deletes the children."""
    database = open_database(db_path)
    build_demo(database.sessions, providers=4, actor="test")
    database.close()
    assert _count(db_path, "registration_lots") > 0
    with sqlite3.connect(db_path) as connection:
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("CREATE TABLE _tmp_lots AS SELECT * FROM lots")
        connection.execute("DROP TABLE lots")
        connection.execute("ALTER TABLE _tmp_lots RENAME TO lots")
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("SELECT count(*) FROM registration_lots").fetchone()[0] == 0


@pytest.mark.sqlite_only(reason=RAW_FILE)
def test_newer_database_is_refused_and_left_alone(db_path: Path) -> None:
    open_database(db_path).close()
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    before = db_path.read_bytes()
    with pytest.raises(UserError, match="nieuwere versie van Beoordelaar"):
        open_database(db_path)
    assert db_path.read_bytes() == before


@pytest.mark.sqlite_only(reason=FILE_HEADER)
def test_file_that_is_not_a_database_is_refused_untouched(db_path: Path) -> None:
    db_path.write_bytes(b"%PDF-1.7\n" + b"x" * 2000)
    before = db_path.read_bytes()
    with pytest.raises(UserError, match="geen SQLite-database"):
        open_database(db_path)
    assert db_path.read_bytes() == before
    assert not (db_path.parent / "backups").exists()


@pytest.mark.sqlite_only(reason=RAW_FILE)
def test_database_of_another_program_is_refused(db_path: Path) -> None:
    with sqlite3.connect(db_path) as connection:
        connection.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
    before = db_path.read_bytes()
    with pytest.raises(UserError, match="ander programma"):
        open_database(db_path)
    assert db_path.read_bytes() == before


@pytest.mark.sqlite_only(reason=FILE_LOCK)
def test_database_in_use_by_another_copy_is_refused(db_path: Path) -> None:
    first = open_database(db_path)
    try:
        with pytest.raises(UserError, match="al geopend"):
            open_database(db_path)
    finally:
        first.close()
    open_database(db_path).close()  # free again once the first copy closed


@pytest.mark.sqlite_only(reason=FILE_LOCK)
def test_a_second_name_for_the_same_file_is_refused_too(db_path: Path, tmp_path: Path) -> None:
    open_database(db_path).close()
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    second_name = elsewhere / "zelfde.sqlite"
    os.link(db_path, second_name)  # a hard link: another path, the same file
    first = open_database(db_path)
    try:
        with pytest.raises(UserError, match=r"al geopend .* onder een andere naam of via een andere map"):
            open_database(second_name)
    finally:
        first.close()
    open_database(second_name).close()  # free again once the first copy closed


@pytest.mark.sqlite_only(reason=PRAGMA)
def test_database_locked_by_a_writer_is_refused_with_a_clear_message(db_path: Path, tmp_path: Path) -> None:
    open_database(db_path).close()
    blocker = sqlite3.connect(db_path, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(UserError, match="bezet"):
            upgrade(db_path, backup_dir=tmp_path / "b", script_location=_script_with_rebuild(tmp_path))
    finally:
        blocker.rollback()
        blocker.close()


def test_the_heads_read_from_the_scripts_are_alembic_s(tmp_path: Path) -> None:
    from alembic.script import ScriptDirectory

    from beoordelaar.core.storage.migrations import alembic_config, script_heads

    assert script_heads() == set(ScriptDirectory.from_config(alembic_config()).get_heads()) == {_head()}
    assert script_heads(_script_with_rebuild(tmp_path)) == {"9001"}


def test_opening_a_database_at_head_imports_no_alembic(db_path: Path) -> None:
    open_database(db_path).close()
    check = (
        "import sys; from beoordelaar.core.storage.database import open_database; "
        f"open_database({str(db_path)!r}).close(); "
        "print(sorted(m for m in sys.modules if m.startswith('alembic')))"
    )
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
