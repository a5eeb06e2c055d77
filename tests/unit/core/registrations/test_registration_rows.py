"""The registrations list, read as plain rows, says what the registrations and their objects say."""

from __future__ import annotations

from sqlalchemy import select

from beoordelaar.core.registrations.api import list_registrations
from beoordelaar.core.rounds.procedure import Outcome
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from templates import DemoCopies


def test_each_row_matches_its_registration_its_lots_documents_scores_and_latest_decision(
    db: Database, cached_demo: DemoCopies
) -> None:
    round_id = cached_demo(db, providers=8, actor="test").id
    rows = list_registrations(db.sessions, round_id)
    with db.sessions() as session:
        registrations = session.execute(
            select(m.Registration).where(m.Registration.round_id == round_id).order_by(m.Registration.sequence)
        ).scalars()
        for row, registration in zip(rows, registrations, strict=True):
            latest = max(
                (d for d in session.execute(select(m.Decision)).scalars() if d.registration_id == registration.id),
                key=lambda d: (d.revision, d.id),
                default=None,
            )
            scored = {(s.assessor_id, s.criterion_id) for s in session.execute(select(m.ScoreRevision)).scalars()
                      if s.registration_id == registration.id}  # fmt: skip
            assert (row.id, row.number, row.name, row.kvk, row.city, row.submitted_at) == (
                registration.id, registration.number, registration.name, registration.provider.kvk,
                registration.city or "", registration.submitted_at,
            )  # fmt: skip
            assert row.lots == ", ".join(lot.code for lot in registration.lots)
            assert (row.documents, row.missing_documents) == (
                len(registration.documents), sum(d.sha256 is None for d in registration.documents)
            )  # fmt: skip
            assert row.scores == len(scored)
            assert row.outcome == (Outcome(latest.outcome) if latest else None)
            assert row.confirmed == bool(latest and latest.status == "confirmed")
    assert any(row.lots for row in rows) and any(row.scores for row in rows) and any(row.outcome for row in rows)
