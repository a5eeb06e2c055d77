"""Letters appear under their names together, and only once they are recorded: a failure while writing or recording
leaves nothing under the final names (and no hidden folder), and what a kill left behind is finished (recorded) or
removed (not recorded) the next time letters are made in that folder."""

from __future__ import annotations

import errno
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from beoordelaar.core.decisions import letters as letters_module
from beoordelaar.core.decisions.letters import MERGED_NAME, OVERVIEW_NAME, make_letters
from beoordelaar.core.errors import UserError
from beoordelaar.core.files.staged_files import PREFIX, StagedFiles
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from templates import DemoRound

TODAY = date(2026, 10, 1)


def _names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def _letters_recorded(db: Database) -> int:
    with db.sessions() as session:
        return session.execute(select(func.count(m.Letter.id))).scalar_one()


def test_letters_overview_and_merged_pdf_appear_together_and_nothing_is_left_hidden(
    db: Database, demo_round: DemoRound, tmp_path: Path
) -> None:
    round_id = demo_round(db, providers=3)
    result = make_letters(db.sessions, db.documents, round_id, tmp_path / "brieven", actor="test", today=TODAY)
    names = _names(tmp_path / "brieven")
    assert names == {*(letter.file.name for letter in result.letters), MERGED_NAME, OVERVIEW_NAME}
    assert all(letter.file.stat().st_size > 0 for letter in result.letters)


def test_a_full_disk_while_recording_leaves_nothing_under_the_final_names(
    db: Database, demo_round: DemoRound, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    round_id = demo_round(db, providers=3)
    folder = tmp_path / "brieven"
    folder.mkdir()
    (folder / "notities.txt").write_text("van de voorzitter", encoding="utf-8")

    def full(*_args: object, **_kwargs: object) -> None:
        raise UserError("Het overzicht van de brieven kan niet worden opgeslagen: No space left on device.")

    monkeypatch.setattr(letters_module, "write_overview", full)
    with pytest.raises(UserError, match="kan niet worden opgeslagen"):
        make_letters(db.sessions, db.documents, round_id, folder, actor="test", today=TODAY)
    assert _names(folder) == {"notities.txt"} and _letters_recorded(db) == 0


def test_a_full_disk_while_writing_a_letter_leaves_nothing(
    db: Database, demo_round: DemoRound, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    round_id = demo_round(db, providers=3)
    written: list[str] = []
    real = StagedFiles.write_bytes

    def fills_up(self: StagedFiles, name: str, data: bytes) -> Path:
        if written:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(name)
        return real(self, name, data)

    monkeypatch.setattr(StagedFiles, "write_bytes", fills_up)
    with pytest.raises(UserError, match=r"De brieven kunnen niet worden opgeslagen in .*de schijf is vol"):
        make_letters(db.sessions, db.documents, round_id, tmp_path / "brieven", actor="test", today=TODAY)
    assert _names(tmp_path / "brieven") == set() and _letters_recorded(db) == 0


def test_a_kill_after_recording_is_finished_and_one_before_is_removed_at_the_next_run(
    db: Database, demo_round: DemoRound, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    round_id = demo_round(db, providers=3)
    folder = tmp_path / "brieven"
    monkeypatch.setattr(StagedFiles, "publish", lambda self: None)  # killed between the commit and the moves
    first = make_letters(db.sessions, db.documents, round_id, folder, actor="test", today=TODAY)
    [stage] = [p for p in folder.iterdir() if p.name.startswith(PREFIX)]
    assert not any(letter.file.exists() for letter in first.letters)
    # A kill before the commit: staged letters the database does not hold.
    unrecorded = folder / f"{PREFIX}halfweg"
    unrecorded.mkdir()
    (unrecorded / "Besluit_DEMO-2026-0001_v9.pdf").write_bytes(b"%PDF-1.4 half")
    monkeypatch.undo()

    second = make_letters(db.sessions, db.documents, round_id, folder, actor="test", today=TODAY)
    names = _names(folder)
    assert not any(name.startswith(PREFIX) for name in names) and not stage.exists()
    assert {letter.file.name for letter in first.letters} <= names  # the recorded ones put in place
    assert {letter.file.name for letter in second.letters} <= names
    assert "Besluit_DEMO-2026-0001_v9.pdf" not in names
    assert all(letter.file.read_bytes()[:5] == b"%PDF-" for letter in [*first.letters, *second.letters])
