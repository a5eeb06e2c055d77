"""Documents opened in their own window: a copy in the app's own folder, readable by the user alone, removed when the
app closes and, after a crash, at the next start; nothing outside that folder is ever touched."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from beoordelaar.core.paths import viewing_copies_dir
from beoordelaar.core.registrations.registration_documents import document_file, document_for_viewing
from beoordelaar.core.registrations.viewing_copies import remove_viewing_copies
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from engines import ON_POSTGRESQL
from templates import MadeRound

posix_only = pytest.mark.skipif(os.name != "posix", reason="Windows keeps a profile's folders to its user already")
links_made_freely = pytest.mark.skipif(os.name != "posix", reason="a link on Windows needs administrator rights")


@pytest.fixture
def plans(db: Database, made_round: MadeRound) -> list[m.Document]:
    made_round(db)
    with db.sessions() as session:
        return list(session.execute(select(m.Document).order_by(m.Document.id)).scalars())


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A umask that takes nothing away: the modes below are the app's own, not the umask's."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_copy_is_named_after_the_document_in_the_apps_own_folder(db: Database, plans: list[m.Document]) -> None:
    first, second = plans[:2]
    copy = document_for_viewing(db, first.id)
    assert copy.parent == viewing_copies_dir()
    assert copy.parent.parent.name == "Beoordelaar"
    assert copy.name == f"plan-1 (kopie ter inzage {first.sha256[:8]}).pdf"
    assert copy.read_bytes() == document_file(db, first.id).read_bytes()
    assert document_for_viewing(db, first.id) == copy  # opened twice: one copy
    assert document_for_viewing(db, second.id) != copy
    # No half copies left beside them; on a server, the store's checked copies of what it sent (local_file) too.
    fetched = [f"opgeslagen-{plan.sha256}" for plan in (first, second)] if ON_POSTGRESQL else []
    assert sorted(p.name for p in copy.parent.iterdir()) == sorted(
        [copy.name, document_for_viewing(db, second.id).name, *fetched]
    )


@posix_only
def test_folder_and_copy_are_for_the_user_alone(db: Database, plans: list[m.Document], open_umask: None) -> None:
    folder = viewing_copies_dir()
    folder.mkdir(parents=True, mode=0o755)  # made wider by an older version or by hand
    copy = document_for_viewing(db, plans[0].id)
    assert (_mode(folder), _mode(copy)) == (0o700, 0o600)


def test_the_copies_are_removed_when_the_app_closes(db: Database, plans: list[m.Document]) -> None:
    copies = [document_for_viewing(db, plan.id) for plan in plans]
    assert remove_viewing_copies() == []
    assert not any(copy.exists() for copy in copies)
    assert viewing_copies_dir().is_dir() and document_file(db, plans[0].id).is_file()  # the stored originals stay


def test_what_a_crashed_run_left_is_removed_and_nothing_outside_the_folder(tmp_path: Path) -> None:
    folder = viewing_copies_dir()
    folder.mkdir(parents=True)
    outside = tmp_path / "elders.pdf"
    outside.write_bytes(b"%PDF not ours")
    beside = folder.parent / "ander-bestand.txt"
    beside.write_text("not ours")
    (folder / "map van iemand").mkdir()
    (folder / "plan-1 (kopie ter inzage 0a1b2c3d).pdf").write_bytes(b"%PDF left by a crash")
    (folder / ".tmp-half").write_bytes(b"%PDF half a co")

    assert remove_viewing_copies() == []
    assert [p.name for p in folder.iterdir()] == ["map van iemand"]
    assert outside.read_bytes() == b"%PDF not ours" and beside.read_text() == "not ours"


@links_made_freely
def test_a_link_in_the_folder_is_removed_never_what_it_points_to(tmp_path: Path) -> None:
    outside, folder = tmp_path / "elders", viewing_copies_dir()
    (outside / "map").mkdir(parents=True)
    (outside / "plan.pdf").write_bytes(b"%PDF not ours")
    folder.mkdir(parents=True)
    (folder / "plan.pdf").symlink_to(outside / "plan.pdf")
    (folder / "map").symlink_to(outside / "map", target_is_directory=True)

    assert remove_viewing_copies() == []
    assert list(folder.iterdir()) == []
    assert (outside / "plan.pdf").read_bytes() == b"%PDF not ours" and (outside / "map").is_dir()


@links_made_freely
def test_a_folder_that_is_a_link_is_not_emptied(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (elsewhere / "plan.pdf").write_bytes(b"%PDF not ours")
    viewing_copies_dir().parent.mkdir(parents=True)
    viewing_copies_dir().symlink_to(elsewhere, target_is_directory=True)

    assert remove_viewing_copies() == []
    assert (elsewhere / "plan.pdf").is_file()


def test_a_copy_a_viewer_still_holds_is_left_for_the_next_start(
    db: Database, plans: list[m.Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    held, free = (document_for_viewing(db, plan.id) for plan in plans[:2])
    unlink = Path.unlink

    def locked_on_windows(path: Path, missing_ok: bool = False) -> None:
        if path == held:
            raise PermissionError(13, "Het bestand is in gebruik")
        unlink(path, missing_ok)

    with monkeypatch.context() as patched:
        patched.setattr(Path, "unlink", locked_on_windows)
        assert remove_viewing_copies() == [held]
    assert held.is_file() and not free.exists()
    assert remove_viewing_copies() == [] and not held.exists()


def test_without_the_folder_there_is_nothing_to_remove() -> None:
    assert remove_viewing_copies() == []
    assert not viewing_copies_dir().exists()


def test_the_copies_beoordelaar_0_1_left_in_the_temporary_folder_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    old = tmp_path / "beoordelaar-documenten"
    old.mkdir()
    (old / "plan-van-aanpak.pdf").write_bytes(b"%PDF-1.4 plan")
    beside = tmp_path / "iets-anders.txt"
    beside.write_text("blijft")
    assert remove_viewing_copies() == []
    assert not old.exists() and beside.read_text() == "blijft"
