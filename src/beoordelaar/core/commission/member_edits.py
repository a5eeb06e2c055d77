"""Correcting a member's name, e-mail and organisation, and removing a member who has no work in the round."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.commission.assessors import (
    AssessorRow,
    find_assessor,
    member_email,
    member_name,
    member_organisation,
    pin_state,
)
from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.procedure import Role
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.text import and_list, count_text

_UNCHANGED = object()


def edit_assessor(
    sessions: sessionmaker[Session],
    round_id: int,
    name: str,
    *,
    new_name: str | None = None,
    organisation: str | object | None = _UNCHANGED,
    email: str | object | None = _UNCHANGED,
    actor: str,
) -> AssessorRow:
    """Correct a member's name, organisation or e-mail (None or "" clears the last two); what is not given stays."""
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.COMMISSION)
        assessor = find_assessor(session, rnd, name)
        before = {"name": assessor.name, "organisation": assessor.organisation, "email": assessor.email}
        if new_name is not None:
            assessor.name = _new_name(session, rnd, assessor, new_name)
        if organisation is not _UNCHANGED:
            assessor.organisation = member_organisation(organisation)  # type: ignore[arg-type]
        if email is not _UNCHANGED:
            assessor.email = member_email(email)  # type: ignore[arg-type]
        after = {"name": assessor.name, "organisation": assessor.organisation, "email": assessor.email}
        if after == before:
            raise UserError(f"Voor {assessor.name} is niets gewijzigd.")
        session.flush()
        record_action(session, "assessor-edited", "assessors", str(assessor.id), {"before": before, "after": after})
        return _row(session, assessor)


def _new_name(session: Session, rnd: m.Round, assessor: m.Assessor, new_name: str) -> str:
    new_name = member_name(new_name)
    taken = session.execute(
        select(m.Assessor.id).where(
            m.Assessor.round_id == rnd.id, m.Assessor.name == new_name, m.Assessor.id != assessor.id
        )
    ).first()
    if taken:
        raise UserError(f"'{new_name}' is al lid van de commissie van ronde '{rnd.name}'.")
    return new_name


def _row(session: Session, assessor: m.Assessor) -> AssessorRow:
    conflicts = session.execute(
        select(func.count()).select_from(m.ConflictOfInterest).where(m.ConflictOfInterest.assessor_id == assessor.id)
    ).scalar_one()
    return AssessorRow(
        assessor.id, assessor.name, Role(assessor.role), assessor.confidentiality_declared_at, conflicts,
        assessor.conflicts_declared_at, pin_state(assessor),
    )  # fmt: skip


def member_work(session: Session, assessor_id: int) -> list[str]:
    """What keeps a member in the commission, in Dutch ("12 scores ingeleverd"); empty when there is nothing."""

    def count(model: type[m.Base], *cell: str) -> int:
        """Rows of the member's, or their distinct cells (every revision of one score is one score)."""
        columns = [getattr(model, name) for name in cell] or [model.id]  # type: ignore[attr-defined]
        rows = select(*columns).where(model.assessor_id == assessor_id).distinct().subquery()  # type: ignore[attr-defined]
        return session.execute(select(func.count()).select_from(rows)).scalar_one()

    cell = ("registration_id", "criterion_id")

    found = [
        (count(m.ScoreRevision, *cell), "score", "scores", "gegeven"),
        (count(m.CheckRevision, *cell), "toets", "toetsen", "gedaan"),
        (count(m.WorkDraft), "concept", "concepten", "bewaard"),
        (count(m.ReturnFile), "retourbestand", "retourbestanden", "ingeleverd"),
    ]
    return [f"{count_text(n, one, many)} {done}" for n, one, many, done in found if n]


def remove_assessor(sessions: sessionmaker[Session], round_id: int, name: str, *, actor: str) -> None:
    """Take a member out of the commission, with their assignments, conflicts and packages; refused once the member
    has work in the round (a score, a check, a draft or a return file): that work is part of the record."""
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.COMMISSION)
        assessor = find_assessor(session, rnd, name)
        work = member_work(session, assessor.id)
        if work:
            raise UserError(
                f"{assessor.name} kan niet uit de commissie worden verwijderd: {assessor.name} heeft al "
                f"{and_list(work)}. Dat werk hoort bij het verslag van de ronde; er is niets veranderd."
            )
        details = {"name": assessor.name, "role": assessor.role, "email": assessor.email}
        for model in (m.Assignment, m.ConflictOfInterest, m.WorkPackage, m.ExchangeKey):
            rows = session.execute(select(model).where(model.assessor_id == assessor.id)).scalars()  # type: ignore[attr-defined]
            for row in rows:
                session.delete(row)
        session.delete(assessor)
        session.flush()
        record_action(session, "assessor-removed", "assessors", str(assessor.id), details)
