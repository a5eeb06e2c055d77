"""A start's first look at a database file (core/first_look.py): the same rounds and registrations as the ORM reads,
without importing SQLAlchemy, with the file locked until the opening takes the lock over; no first look where the full
opening has to run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from beoordelaar.core.errors import UserError
from beoordelaar.core.first_look import first_look
from beoordelaar.core.registrations.api import list_registrations
from beoordelaar.core.rounds.api import create_round, list_rounds
from beoordelaar.core.storage.database import Database, open_database
from engines import RAW_FILE
from templates import DemoCopies

pytestmark = pytest.mark.sqlite_only(reason=RAW_FILE)


@pytest.fixture
def demo_file(db: Database, db_path: Path, cached_demo: DemoCopies) -> Path:
    """A closed database file with the demo round (a procurement's, with scores, decisions, documents) and a newer,
    empty round."""
    cached_demo(db, providers=6, actor="Voorzitter", documents=True)
    create_round(db.sessions, name="Leeg", framework="ijsselland-2022", actor="Voorzitter")
    db.close()
    return db_path


def test_the_first_look_reads_what_the_orm_reads(demo_file: Path) -> None:
    database = open_database(demo_file)
    try:
        rounds = list_rounds(database.sessions)
        registrations = {r.id: list_registrations(database.sessions, r.id) for r in rounds}
    finally:
        database.close()
    assert len(rounds) == 2 and registrations[rounds[0].id]
    for keep, shown in ((rounds[0].id, rounds[0]), (None, rounds[-1]), (999, rounds[-1])):
        look = first_look(demo_file, keep)
        assert look is not None
        look.release()
        assert look.rounds == rounds
        assert look.shown == shown
        assert look.registrations == registrations[shown.id]


def test_the_first_look_imports_no_sqlalchemy(demo_file: Path) -> None:
    script = (
        "import sys; from beoordelaar.core.first_look import first_look; "
        f"look = first_look({str(demo_file)!r}, None); look.release(); "
        "print(len(look.rounds), 'sqlalchemy' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["2", "False"]


def test_the_file_stays_locked_until_the_opening_takes_the_lock_over(demo_file: Path) -> None:
    look = first_look(demo_file, None)
    assert look is not None
    with pytest.raises(UserError, match="al geopend"):
        open_database(demo_file)
    assert first_look(demo_file, None) is None  # a second start gets no first look either (the full opening refuses)
    database = open_database(look.path, locked=look.lock)
    assert [r.id for r in list_rounds(database.sessions)] == [r.id for r in look.rounds]
    database.close()
    open_database(demo_file).close()  # closing the database let go of the lock


def test_no_first_look_where_the_full_opening_runs(tmp_path: Path) -> None:
    assert first_look(tmp_path / "nieuw.sqlite", None) is None  # to be made (and migrated)
    not_ours = tmp_path / "notities.sqlite"
    not_ours.write_bytes(b"Dit is een tekstbestand, geen database.\n" * 20)
    assert first_look(not_ours, None) is None
    assert first_look(f"sqlite:///{tmp_path / 'nieuw.sqlite'}", None) is None
    assert first_look("postgresql+psycopg://jan@server/inkoop", None) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "notities.sqlite"]  # nothing made, nothing locked
