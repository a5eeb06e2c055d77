"""The letters are recorded set-based (one INSERT, one history append) and leave the very rows and history (the same
events in the same order, with the same hashes) that adding them as objects leaves."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from beoordelaar.core.decisions import letters as letters_module
from beoordelaar.core.decisions.letters import make_letters
from beoordelaar.core.storage.database import Database
from same_history import add_as_objects, freeze_clock, stored_history
from templates import DatabaseTemplates, DemoRound


def test_the_letters_leave_the_history_of_adding_them_as_objects(
    db: Database, demo_round: DemoRound, templates: DatabaseTemplates, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = templates.open_copy(tmp_path / "als-objecten" / "db.sqlite")  # on the engine under test, as db
    try:
        round_id = demo_round(db, providers=4)
        assert demo_round(other, providers=4) == round_id
        freeze_clock(monkeypatch)
        out = tmp_path / "brieven"  # the same folder, as the folder is in the history
        make_letters(db.sessions, db.documents, round_id, out, actor="test", today=date(2026, 10, 1))
        batched = stored_history(db)
        monkeypatch.setattr(letters_module, "insert_audited", add_as_objects)
        make_letters(other.sessions, other.documents, round_id, out, actor="test", today=date(2026, 10, 1))
        as_objects = stored_history(other)
    finally:
        other.close()
    assert [(e[1], e[2]) for e in batched[-5:]] == [("insert", "letters")] * 4 + [("letters-made", "rounds")]
    assert batched == as_objects
