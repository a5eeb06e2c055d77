"""Opening a work package writes its new rows set-based (one INSERT per table, one history append) and leaves the very
rows and history (the same events in the same order, with the same hashes) that adding them as objects leaves."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

import beoordelaar.core.exchange.package_open as package_open
from beoordelaar.core.files.keys import new_signing_key
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database, open_database
from exchange_round import ANNA, NUMBERS, export_for, open_on, score_everything
from same_history import add_as_objects, freeze_clock, stored_history
from templates import MadeRound


def _packages(chair: Database, folder: Path) -> list[Any]:
    """Anna's first package (with her work at the chair), and a newer one after the chair corrected a registration
    and an answer."""
    score_everything(chair, ANNA, numbers=NUMBERS[:1])
    first = export_for(chair, ANNA, folder / "eerste.bwp")
    with unit_of_work(chair.sessions, "test") as session:
        registration = session.execute(select(m.Registration).where(m.Registration.number == NUMBERS[1])).scalar_one()
        registration.city = "Kampen"
        criterion = session.execute(select(m.Criterion).where(m.Criterion.code == "U1")).scalars().first()
        session.add(m.DeclaredAnswer(registration_id=registration.id, criterion_id=criterion.id, value="Nee"))
    return [first, export_for(chair, ANNA, folder / "tweede.bwp")]


def _open(laptop: Database, packages: list[Any]) -> list[tuple[Any, ...]]:
    for package in packages:
        open_on(laptop, package, ANNA)
    return stored_history(laptop)


def test_opening_packages_leaves_the_history_of_adding_their_rows_as_objects(
    db: Database, made_round: MadeRound, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made_round(db)
    packages = _packages(db, tmp_path)
    key = new_signing_key()
    monkeypatch.setattr(package_open, "new_signing_key", lambda: key)
    freeze_clock(monkeypatch)
    laptops = [open_database(tmp_path / name / "laptop.sqlite") for name in ("a", "b")]
    try:
        batched = _open(laptops[0], packages)
        monkeypatch.setattr(package_open, "insert_audited", add_as_objects)
        as_objects = _open(laptops[1], packages)
    finally:
        for laptop in laptops:
            laptop.close()
    inserted = {e[2] for e in batched if e[1] == "insert"}
    assert {"providers", "registrations", "declared_answers", "documents", "score_revisions"} <= inserted
    assert ("update", "registrations") in [(e[1], e[2]) for e in batched]
    assert batched == as_objects
