"""The assessor's confidentiality declaration and declared conflicts of interest in her work package: read from the
chair's record when the package is made, and stored on the laptop as the chair recorded them when it is opened.

A conflicted registration is never assigned to her, so the package carries only its reference and label (the
anonymous label when the round is assessed anonymously); the laptop keeps it as a registration without documents or
assignments, so that the conflict has something to point at.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from beoordelaar.core.commission.assessors import declared_conflicts
from beoordelaar.core.commission.exchange_keys import registration_ref
from beoordelaar.core.exchange.work_package import DeclaredConflict, PackageDeclaration
from beoordelaar.core.storage import models as m

CONFLICT_SOURCE = "werkpakket-belangenverstrengeling"


def package_declaration(session: Session, rnd: m.Round, assessor: m.Assessor) -> PackageDeclaration:
    """What the chair recorded for this assessor: the package is only made once she made both declarations."""
    assert assessor.confidentiality_declared_at is not None
    rows = declared_conflicts(session, assessor.id)
    return PackageDeclaration(
        confidentiality_declared_at=assessor.confidentiality_declared_at.isoformat(),
        conflicts=[
            DeclaredConflict(
                ref=registration_ref(rnd, registration),
                sequence=registration.sequence,
                label=registration.anonymous_label if rnd.anonymised else registration.name,
                reason=conflict.reason,
                declared_at=conflict.declared_at.isoformat(),
            )
            for conflict, registration in rows
        ],
        conflicts_declared_at=assessor.conflicts_declared_at.isoformat() if assessor.conflicts_declared_at else None,
    )


def take_declaration(
    session: Session, rnd: m.Round, round_uid: str, assessor: m.Assessor, declaration: PackageDeclaration | None
) -> None:
    """On the laptop: the declaration and the conflicts become exactly what the chair recorded in the package."""
    if declaration is None:  # a package made before packages carried it: no score is taken until a new one comes
        assessor.confidentiality_declared_at = assessor.conflicts_declared_at = None
        return
    assessor.confidentiality_declared_at = datetime.fromisoformat(declaration.confidentiality_declared_at)
    assessor.conflicts_declared_at = (
        datetime.fromisoformat(declaration.conflicts_declared_at) if declaration.conflicts_declared_at else None
    )
    registrations = {
        r.number: r for r in session.execute(select(m.Registration).where(m.Registration.round_id == rnd.id)).scalars()
    }
    current = {
        c.registration_id: c
        for c in session.execute(
            select(m.ConflictOfInterest).where(m.ConflictOfInterest.assessor_id == assessor.id)
        ).scalars()
    }
    wanted: set[int] = set()
    for conflict in declaration.conflicts:
        registration = registrations.get(conflict.ref) or _conflicted_registration(session, rnd, round_uid, conflict)
        wanted.add(registration.id)
        row = current.get(registration.id)
        if row is None:
            row = m.ConflictOfInterest(assessor_id=assessor.id, registration_id=registration.id)
            session.add(row)
        row.reason = conflict.reason
        row.declared_at = datetime.fromisoformat(conflict.declared_at)
    for registration_id, row in current.items():
        if registration_id not in wanted:
            session.delete(row)
    session.flush()


def _conflicted_registration(
    session: Session, rnd: m.Round, round_uid: str, conflict: DeclaredConflict
) -> m.Registration:
    kvk = f"X{uuid.uuid5(uuid.NAMESPACE_OID, round_uid + conflict.ref).hex[:7]}"
    provider = session.execute(select(m.Provider).where(m.Provider.kvk == kvk)).scalar_one_or_none()
    if provider is None:
        provider = m.Provider(kvk=kvk, name=conflict.label)
        session.add(provider)
    registration = m.Registration(
        round=rnd, provider=provider, number=conflict.ref, sequence=conflict.sequence, name=conflict.label,
        source=CONFLICT_SOURCE,
    )  # fmt: skip
    session.add(registration)
    session.flush()
    return registration
