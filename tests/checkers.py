"""Who checks which exclusion ground and requirement: (registration number, code) -> the members, for the tests of
the check assignments in the core, on the command line and in the GUI."""

from __future__ import annotations

from sqlalchemy import select

from beoordelaar.core.rounds.framework import Part
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database


def check_assignments(database: Database) -> dict[tuple[str, str], list[str]]:
    with database.sessions() as session:
        rows = session.execute(
            select(m.Registration.number, m.Criterion.code, m.Assessor.name)
            .select_from(m.Assignment).join(m.Registration).join(m.Criterion).join(m.Assessor)
            .where(m.Criterion.part != Part.PLAN.value)
            .order_by(m.Assessor.name)
        ).all()  # fmt: skip
    found: dict[tuple[str, str], list[str]] = {}
    for number, code, name in rows:
        found.setdefault((number, code), []).append(name)
    return found
