"""Rounds: create one on a framework, list them with their counts, find one by id, resolve what a user typed."""

from __future__ import annotations

import hashlib

from sqlalchemy import ColumnElement, Select, func, select, true
from sqlalchemy.orm import InstrumentedAttribute, Session, sessionmaker

from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.framework import Framework, parse_framework
from beoordelaar.core.rounds.framework_files import load_framework
from beoordelaar.core.rounds.laptop import refuse_on_laptop_database
from beoordelaar.core.rounds.open_house import open_house_refusal
from beoordelaar.core.rounds.procedure import Procedure, RoundStatus
from beoordelaar.core.rounds.summary import RoundSummary
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work


def summarise(session: Session, rnd: m.Round) -> RoundSummary:
    return _summaries(session, [rnd.id])[0]


def _counts(session: Session, query: Select[tuple[int, int]]) -> dict[int, int]:
    return {round_id: count for round_id, count in session.execute(query)}


def _summaries(session: Session, round_ids: list[int] | None = None) -> list[RoundSummary]:
    """The rounds (all, or those of round_ids) in order of creation with their counts, read as plain rows: one query
    for the rounds and one per count, however many rounds there are."""

    def of_rounds(column: InstrumentedAttribute[int]) -> ColumnElement[bool]:
        return column.in_(round_ids) if round_ids is not None else true()

    in_rounds = of_rounds(m.Registration.round_id)
    registrations = _counts(
        session, select(m.Registration.round_id, func.count()).where(in_rounds).group_by(m.Registration.round_id)
    )
    assessors = _counts(
        session,
        select(m.Assessor.round_id, func.count()).where(of_rounds(m.Assessor.round_id)).group_by(m.Assessor.round_id),
    )
    # Individual scores: one per (assessor, registration, criterion), whatever its number of revisions.
    latest = (
        select(m.Registration.round_id, m.ScoreRevision.assessor_id, m.ScoreRevision.registration_id,
               m.ScoreRevision.criterion_id)
        .join(m.Registration, m.Registration.id == m.ScoreRevision.registration_id)
        .where(in_rounds)
        .distinct()
        .subquery()
    )  # fmt: skip
    scores = _counts(session, select(latest.c.round_id, func.count()).group_by(latest.c.round_id))
    decided = (
        select(m.Registration.round_id, m.Decision.registration_id, m.Decision.lot_id)
        .join(m.Registration, m.Registration.id == m.Decision.registration_id)
        .where(in_rounds)
        .distinct()
        .subquery()
    )
    decisions = _counts(session, select(decided.c.round_id, func.count()).group_by(decided.c.round_id))
    owners = dict(  # a round has one exchange key; on a laptop it names the assessor (rounds/laptop.py)
        session.execute(
            select(m.ExchangeKey.round_id, m.Assessor.name)
            .join(m.Assessor, m.Assessor.id == m.ExchangeKey.assessor_id)
            .where(of_rounds(m.ExchangeKey.round_id))
        ).all()
    )
    rounds = session.execute(
        select(
            m.Round.id,
            m.Round.name,
            m.Round.procedure,
            m.Round.status,
            m.Framework.name.label("framework"),
            m.Round.created_at,
            m.Round.procurement_id,
            m.Procurement.name.label("procurement_name"),
        )
        .join(m.Framework, m.Framework.id == m.Round.framework_id)
        .outerjoin(m.Procurement, m.Procurement.id == m.Round.procurement_id)
        .where(of_rounds(m.Round.id))
        .order_by(m.Round.created_at, m.Round.id)
    )
    return [
        RoundSummary(
            id=r.id,
            name=r.name,
            procedure=Procedure(r.procedure),
            status=RoundStatus(r.status),
            framework=r.framework,
            registrations=registrations.get(r.id, 0),
            assessors=assessors.get(r.id, 0),
            scores=scores.get(r.id, 0),
            decisions=decisions.get(r.id, 0),
            created_at=r.created_at,
            procurement_id=r.procurement_id,
            procurement_name=r.procurement_name,
            laptop_owner=owners.get(r.id),
        )
        for r in rounds
    ]


def list_rounds(sessions: sessionmaker[Session]) -> list[RoundSummary]:
    with sessions() as session:
        return _summaries(session)


def find_round(session: Session, round_id: int) -> m.Round:
    """The round with this id, for the core's actions; UserError naming the known rounds if there is none."""
    rnd = session.get(m.Round, round_id)
    if rnd is None:
        raise UserError(f"Ronde {round_id} bestaat niet (rondes: {known_names(session, m.Round)}).")
    return rnd


def resolve_round(sessions: sessionmaker[Session], text: str) -> int:
    """The id of the round a user typed (a round's id or its exact name), for the command line only.

    The windows pass ids. A text that is the id of one round and the name of another is refused rather than
    guessed, so a round named "1" never takes over round id 1.
    """
    with sessions() as session:
        return resolve_id_or_name(session, m.Round, text, "ronde", "rondes")


def resolve_id_or_name(
    session: Session, model: type[m.Round] | type[m.Procurement], text: str, word: str, words: str
) -> int:
    """The id of the row of model (with an id and a unique name) that the text names; an id of one and the name
    of another is refused with both named."""
    text = text.strip()
    named = session.execute(select(model).where(model.name == text)).scalar_one_or_none()
    numbered = session.get(model, int(text)) if text.isascii() and text.isdigit() else None
    if named is not None and numbered is not None and named.id != numbered.id:
        raise UserError(
            f"'{text}' is het id van {word} '{numbered.name}' en ook de naam van {word} {named.id}. "
            f"Kies welke u bedoelt: geef de naam '{numbered.name}' of het id {named.id}."
        )
    found = named or numbered
    if found is None:
        raise UserError(f"{word.capitalize()} '{text}' bestaat niet ({words}: {known_names(session, model)}).")
    return found.id


def known_names(session: Session, model: type[m.Round] | type[m.Procurement]) -> str:
    names = session.execute(select(model.name).order_by(model.id)).scalars().all()
    return ", ".join(f"'{n}'" for n in names) or "nog geen"


def round_framework(rnd: m.Round) -> Framework:
    """The domain framework of a round, parsed from the text stored with it (never from a file that changed)."""
    return parse_framework(rnd.framework.source_text, rnd.framework.name)


def store_framework(session: Session, framework: Framework, source_text: str) -> m.Framework:
    digest = hashlib.sha256(source_text.encode("utf-8")).hexdigest()
    existing = session.execute(select(m.Framework).where(m.Framework.sha256 == digest)).scalar_one_or_none()
    if existing is not None:
        return existing
    row = m.Framework(
        name=framework.name,
        version=framework.version,
        source_text=source_text,
        sha256=digest,
        scoring_model=framework.scoring_model.value,
    )
    for position, criterion in enumerate(framework.criteria):
        row.criteria.append(
            m.Criterion(
                code=criterion.code,
                part=criterion.part.value,
                position=position,
                title=criterion.title,
                description=criterion.description,
                evidence=criterion.evidence,
                answer_kind=criterion.answer.value,
                expected=criterion.expected,
                threshold_operator=criterion.threshold.operator if criterion.threshold else None,
                threshold_value=criterion.threshold.value if criterion.threshold else None,
                scale=[{"value": str(s.value), "label": s.label} for s in criterion.scale.steps]
                if criterion.scale
                else None,
                weight=criterion.weight if criterion.scale else None,
                minimum=criterion.minimum,
            )
        )
    session.add(row)
    return row


def new_procurement(session: Session, *, name: str, framework: m.Framework, procedure: Procedure) -> m.Procurement:
    """A procurement in an open unit of work (create_procurement, and a round made on its own)."""
    name = name.strip()
    if not name:
        raise UserError("Een inkoopprocedure heeft een naam nodig.")
    if len(name) > 200:
        raise UserError("De naam is te lang: hooguit 200 tekens.")
    if session.execute(select(m.Procurement.id).where(m.Procurement.name == name)).first():
        raise UserError(
            f"Er is al een inkoopprocedure met de naam '{name}'. Kies een andere naam, of maak een nieuw "
            "toetredingsmoment van die procedure ('procedure entry')."
        )
    procurement = m.Procurement(name=name, procedure=procedure.value, framework=framework)
    session.add(procurement)
    session.flush()
    record_action(
        session, "procurement-created", "procurements", str(procurement.id),
        {"name": name, "procedure": procedure.value, "framework": framework.name, "version": framework.version},
    )  # fmt: skip
    return procurement


def add_round(
    session: Session,
    *,
    name: str,
    framework: Framework,
    text: str,
    procedure: Procedure,
    anonymised: bool = False,
    procurement: m.Procurement | None = None,
) -> m.Round:
    """A new round in an open unit of work (create_round, an entry moment, and the award stage of a selection):
    an entry moment of the given procurement, or else the first of a new procurement of the same name."""
    name = name.strip()
    if not name:
        raise UserError("Een ronde heeft een naam nodig.")
    refuse_on_laptop_database(session, ChairAction.NEW_ROUND)
    if framework.selection is not None and not procedure.ranks:
        raise UserError(
            f"Het kader '{framework.name}' heeft een selectie met een maximum, maar een {procedure.label} laat "
            "iedereen toe die aan de voorwaarden voldoet en selecteert niet. Kies een aanbesteding of SAS-procedure."
        )
    if session.execute(select(m.Round.id).where(m.Round.name == name)).first():
        raise UserError(f"Er is al een ronde met de naam '{name}'. Kies een andere naam.")
    stored = store_framework(session, framework, text)
    if procurement is None:
        procurement = new_procurement(session, name=name, framework=stored, procedure=procedure)
    rnd = m.Round(
        name=name,
        procedure=procedure.value,
        procurement=procurement,
        framework=stored,
        status=RoundStatus.PREPARING.value,
        anonymised=anonymised,
        document_settings={},
    )
    rnd.lots = [
        m.Lot(code=lot.code, name=lot.name, product_categories=list(lot.product_categories)) for lot in framework.lots
    ]
    session.add(rnd)
    session.flush()
    record_action(session, "round-created", "rounds", str(rnd.id), {"name": name, "framework": framework.name})
    return rnd


def create_round(
    sessions: sessionmaker[Session],
    *,
    name: str,
    framework: str,
    procedure: Procedure = Procedure.OPEN_HOUSE,
    actor: str,
    anonymised: bool = False,
) -> RoundSummary:
    """A new round on a built-in framework (by name) or a framework file; the framework's lots come along."""
    parsed, text = load_framework(framework)
    refusal = open_house_refusal(parsed) if procedure is Procedure.OPEN_HOUSE else None
    if refusal:
        raise UserError(refusal)
    with unit_of_work(sessions, actor) as session:
        rnd = add_round(session, name=name, framework=parsed, text=text, procedure=procedure, anonymised=anonymised)
        return summarise(session, rnd)
