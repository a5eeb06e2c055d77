"""Migration 0025, on a team server: the events the trigger placed nowhere before 0024 (a delete event's JSON null
taken for its payload) get the procedure, registration and assessor the trigger gives them now; the events of no
procedure, and every column that holds a value, stay as they are. Nothing else stored changes, on either engine."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from beoordelaar.core.storage.database import Database
from beoordelaar.core.storage.migrations import upgrade
from engines import ON_POSTGRESQL, dump, raw_sql
from schema_revisions import downgrade
from templates import DemoCopies

SERVER_ONLY = "the server's placement of events (its trigger and columns): on PostgreSQL only"
PLACED = "SELECT id, procurement_id, registration_id, assessor_id FROM audit_events ORDER BY id"
EVENT = (
    "INSERT INTO audit_events (at, actor, source, action, entity, entity_id, before, after, prev_hash, hash) "
    "VALUES (now(), current_user, 'test', ?, ?, ?, ?, 'null', ?, ?) RETURNING id"
)


def _placed(where: Path | str) -> dict[int, tuple[Any, ...]]:
    with raw_sql(where) as connection:
        return {row[0]: tuple(row[1:]) for row in connection.execute(PLACED)}


@pytest.mark.skipif(not ON_POSTGRESQL, reason=SERVER_ONLY)
def test_the_events_stored_unplaced_get_their_procedure_and_assessor(
    tmp_path: Path, db: Database, db_path: Path | str, cached_demo: DemoCopies
) -> None:
    cached_demo(db, providers=3, actor="test")
    db.close()
    with raw_sql(db_path) as connection:
        registration, round_id = connection.execute("SELECT id, round_id FROM registrations ORDER BY id").first()
        procurement = connection.execute("SELECT procurement_id FROM rounds WHERE id = ?", (round_id,)).scalar_one()
        assessor, other = connection.execute(
            "SELECT id FROM assessors WHERE round_id = ? ORDER BY id LIMIT 2", (round_id,)
        ).scalars()
        decision = connection.execute(
            "SELECT min(id) FROM decisions WHERE registration_id = ?", (registration,)
        ).scalar_one()
        assert procurement is not None and decision is not None
        assignment = {"registration_id": registration, "assessor_id": assessor, "criterion_id": 1}
        # name -> the event (action, entity, entity id, before; its after a JSON null) and where it belongs
        events: dict[str, tuple[tuple[str, str, str, dict[str, Any] | None], tuple[int | None, ...]]] = {
            "an assignment removed": (
                ("delete", "assignments", "99901", {"id": 99901, **assignment}),
                (procurement, registration, assessor),
            ),
            "a letter removed": (
                ("delete", "letters", "99902", {"id": 99902, "decision_id": decision}),
                (procurement, registration, None),
            ),
            "a registration removed": (
                ("delete", "registrations", str(registration), {"id": registration}),
                (procurement, registration, None),
            ),
            "a named action without details": (
                ("consensus-opened", "registrations", str(registration), None),
                (procurement, registration, None),
            ),
            "a provider removed": (("delete", "providers", "99903", {"id": 99903, "name": "Weg"}), (None, None, None)),
            "a round of a removed procedure": (
                ("delete", "rounds", "99904", {"id": 99904, "procurement_id": 99999}),
                (None, None, None),
            ),
        }
        ids = {}
        for index, (name, ((action, entity, entity_id, before), _)) in enumerate(events.items()):
            hashes = (f"{index:a>64}", f"{index:b>64}")  # unique, as the chain's (migration 0017)
            values = (action, entity, entity_id, json.dumps(before) if before else None, *hashes)
            ids[name] = connection.execute(EVENT, values).scalar_one()
    placed_now = _placed(db_path)
    expected = {name: where for name, (_, where) in events.items()}
    assert {name: placed_now[ids[name]] for name in events} == expected  # by the trigger of today

    # As the trigger of 0018 stored them and 0024 left them (a delete event's registration filled from its before);
    # a column that holds a value keeps it, even one the placement would not give.
    filled_by_0024 = ("an assignment removed", "a registration removed")
    held = ids["an assignment removed"]
    with raw_sql(db_path) as connection:
        for name, event_id in ids.items():
            connection.execute(
                "UPDATE audit_events SET procurement_id = NULL, assessor_id = NULL, registration_id = ? WHERE id = ?",
                (registration if name in filled_by_0024 else None, event_id),
            )
        connection.execute("UPDATE audit_events SET assessor_id = ? WHERE id = ?", (other, held))
        connection.execute("UPDATE alembic_version SET version_num = '0024'")
    before_upgrade = _placed(db_path)
    assert before_upgrade[ids["a letter removed"]] == (None, None, None)
    upgrade(db_path, backup_dir=tmp_path / "backups")
    after = _placed(db_path)
    assert {name: after[ids[name]] for name in events} == {
        **expected, "an assignment removed": (procurement, registration, other)
    }  # fmt: skip
    untouched = set(before_upgrade) - set(ids.values())
    assert {i: after[i] for i in untouched} == {i: placed_now[i] for i in untouched}

    # Again (down to 0024, which keeps what was filled, and up): nothing changes.
    stored = dump(db_path)
    downgrade(db_path, "0024")
    upgrade(db_path, backup_dir=tmp_path / "backups")
    assert dump(db_path) == stored


@pytest.mark.skipif(not ON_POSTGRESQL, reason=SERVER_ONLY)
def test_the_trigger_calls_the_placement_and_gets_its_own_body_back_on_the_way_down(db_path: Path | str) -> None:
    def sources() -> dict[str, str]:
        with raw_sql(db_path) as connection:
            return dict(
                connection.execute(
                    "SELECT proname, prosrc FROM pg_proc WHERE proname IN "
                    "('beoordelaar_audit_placed', 'beoordelaar_audit_place')"
                ).all()
            )

    at_head = sources()
    assert "beoordelaar_audit_place(NEW.entity" in at_head["beoordelaar_audit_placed"]
    assert "payload || looked" in at_head["beoordelaar_audit_place"]
    downgrade(db_path, "0024")
    down = sources()
    assert list(down) == ["beoordelaar_audit_placed"] and "payload || looked" in down["beoordelaar_audit_placed"]


def test_down_and_up_again_changes_nothing_stored(tmp_path: Path, db: Database, db_path: Path | str,
                                                  cached_demo: DemoCopies) -> None:  # fmt: skip
    """On a file the migration does nothing; on a server every event of the demo is placed already."""
    cached_demo(db, providers=3, actor="test")
    db.close()
    stored = dump(db_path)
    downgrade(db_path, "0024")
    assert dump(db_path) == [line.replace("'0025'", "'0024'") for line in stored]
    upgrade(db_path, backup_dir=tmp_path / "backups")
    assert dump(db_path) == stored
