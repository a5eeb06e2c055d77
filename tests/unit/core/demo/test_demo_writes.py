"""The demo writes its members' work and the settled results set-based (one INSERT per table, one history append),
and leaves the very rows and history (the same events in the same order, with the same hashes) that adding them as
objects leaves."""

from __future__ import annotations

from pathlib import Path

import pytest

import beoordelaar.core.demo.demo as demo
import beoordelaar.core.files.keys as keys
import beoordelaar.core.storage.checkpoints as checkpoints
from beoordelaar.core.storage.database import Database, open_database
from same_history import add_as_objects, freeze_clock, stored_history


def test_a_demo_leaves_the_history_of_adding_its_rows_as_objects(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = open_database(tmp_path / "als-objecten" / "db.sqlite")
    signing, sealing = keys.new_signing_key(), keys.new_sealing_key()  # its checkpoint's keys: the same in both
    monkeypatch.setattr(keys, "new_signing_key", lambda: signing)
    monkeypatch.setattr(keys, "new_sealing_key", lambda: sealing)
    monkeypatch.setattr(checkpoints.secrets, "token_hex", lambda size: "ab" * size)
    try:
        freeze_clock(monkeypatch)
        demo.build_demo(db.sessions, providers=6, actor="test")
        batched = stored_history(db)
        monkeypatch.setattr(demo, "insert_audited", add_as_objects)
        demo.build_demo(other.sessions, providers=6, actor="test")
        as_objects = stored_history(other)
    finally:
        other.close()
    inserted = {e[2] for e in batched if e[1] == "insert"}
    assert {"assignments", "score_revisions", "consensus_scores", "requirement_verdicts", "decisions"} <= inserted
    assert batched == as_objects
