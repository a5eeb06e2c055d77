"""Read-only services behind the record screens: a registration's details, the round's criteria, the chain check."""

from __future__ import annotations

from pathlib import Path

import pytest

from beoordelaar.core.errors import UserError
from beoordelaar.core.record.audit_check import verify_history
from beoordelaar.core.registrations.registration_details import assessor_names, registration_details, round_criteria
from beoordelaar.core.registrations.registrations import list_registrations
from beoordelaar.core.storage.database import Database
from engines import raw_sql
from templates import DemoCopies


def test_registration_details_as_registered(db: Database, cached_demo: DemoCopies) -> None:
    summary = cached_demo(db, providers=4, actor="t")
    row = list_registrations(db.sessions, summary.id)[1]
    details = registration_details(db.sessions, summary.id, row.id)
    assert details.number == row.number == "DEMO-2026-0002"
    assert details.name == row.name and details.kvk == row.kvk
    assert details.vestigingsnummer and details.agb and details.email and details.contact_name
    assert details.city in details.full_address and details.postcode in details.full_address
    assert details.lots and details.submitted_at is not None
    codes = [a.code for a in details.answers]
    assert codes[:3] == ["U1", "U2", "U3"] and "G3" in codes and not any(c.startswith("P") for c in codes)
    assert next(a for a in details.answers if a.code == "G3").answer == "Deels"
    with pytest.raises(UserError):
        registration_details(db.sessions, summary.id + 1, row.id)


def test_round_criteria_and_assessor_names(db: Database, cached_demo: DemoCopies) -> None:
    summary = cached_demo(db, providers=3, actor="t")
    criteria = round_criteria(db.sessions, summary.id)
    assert [c.code for c in criteria][:4] == ["U1", "U2", "U3", "G1"]
    assert {c.part for c in criteria} == {"exclusion", "requirement", "plan"}
    names = assessor_names(db.sessions, summary.id)
    assert len(names) == summary.assessors and all(names.values())


def test_verify_history_whole_and_broken(db: Database, cached_demo: DemoCopies, db_path: Path) -> None:
    cached_demo(db, providers=3, actor="t")
    check = verify_history(db.sessions)
    assert check.intact and check.count > 50 and len(check.head) == 64 and check.broken_event is None
    with raw_sql(db_path) as connection:
        connection.execute("UPDATE audit_events SET actor='x' WHERE id=5")
    broken = verify_history(db.sessions)
    assert not broken.intact
    assert broken.broken is not None and broken.broken.event_id == 5
    assert broken.broken_event is not None and broken.broken_event.actor == "x"
