"""The import writes its new rows set-based (one INSERT per table, one history append) and leaves the very rows and
history (the same events in the same order, with the same hashes) that adding them as objects leaves."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import beoordelaar.core.registrations.importing as importing
from beoordelaar.core.registrations.importing import apply_import, load_export
from beoordelaar.core.rounds.rounds import create_round
from beoordelaar.core.storage.database import Database, open_database
from import_samples import plan_folder, row, rows, write_csv
from same_history import add_as_objects, freeze_clock, stored_history


def import_twice(db: Database, folder: Path) -> list[tuple[Any, ...]]:
    """A first export (one plan missing, one answer left open), then a second that changes fields, lots and answers,
    answers the open question, brings the missing plan and two new registrations."""
    round_id = create_round(db.sessions, name="Ronde", framework="ijsselland-2022", actor="test").id
    first = [*rows(2), row(3, **{"Current ratio": ""})]
    second = [
        row(1), row(2, Plaats="Kampen"), row(3, Percelen="Perceel 2: Jeugdhulp met verblijf", Solvabiliteit="0,5"),
        *rows(2, start=4),
    ]  # fmt: skip
    for name, data, plans in (("v1.csv", first, [1, 2]), ("v2.csv", second, [1, 2, 3, 4])):
        path = write_csv(folder / name, data)
        export = load_export(db.sessions, round_id, path)
        documents = plan_folder(folder / f"plannen-{name}", plans)
        apply_import(db, round_id, export, actor="test", documents_dir=documents)
    return stored_history(db)


def test_an_import_leaves_the_history_of_adding_its_rows_as_objects(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = open_database(tmp_path / "als-objecten" / "db.sqlite")
    try:
        freeze_clock(monkeypatch)
        (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
        batched = import_twice(db, tmp_path / "a")
        monkeypatch.setattr(importing, "insert_audited", add_as_objects)
        as_objects = import_twice(other, tmp_path / "b")
    finally:
        other.close()
    actions = [(e[1], e[2]) for e in batched]
    assert ("insert", "registration_lots") in actions and ("update", "documents") in actions
    assert ("delete", "registration_lots") in actions and ("update", "declared_answers") in actions
    assert batched == as_objects
