"""On the assessor's laptop: a work package opened into the laptop's own database, its key made on the first."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from beoordelaar.core.errors import UserError
from beoordelaar.core.exchange.package_declaration import take_declaration
from beoordelaar.core.exchange.package_export import DETAILS
from beoordelaar.core.exchange.sealed_archive import SealedArchive
from beoordelaar.core.exchange.work_package import (
    PACKAGE_KIND,
    WHAT,
    OpenWorkPackage,
    PackageRegistration,
    WorkPackage,
    open_work_package,
)
from beoordelaar.core.files.keys import new_signing_key, seal_private_key
from beoordelaar.core.rounds.framework import FrameworkError, parse_framework
from beoordelaar.core.rounds.procedure import Role, RoundStatus
from beoordelaar.core.rounds.rounds import store_framework
from beoordelaar.core.scoring.scoring import latest_checks, latest_scores
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import insert_audited, record_action, unit_of_work
from beoordelaar.core.storage.bulk import KeyOf, collection_paused
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.storage.documents import DocumentStore


@dataclass(frozen=True)
class OpenedPackage:
    round: str
    assessor: str
    revision: int
    registrations: int
    documents: int
    scores: int
    checks: int
    status: str  # opened, updated

    @property
    def summary(self) -> str:
        """What happened, in one Dutch sentence (status bar and command line)."""
        verb = "geopend" if self.status == "opened" else "bijgewerkt"
        noun = "inschrijving" if self.registrations == 1 else "inschrijvingen"
        return (
            f"Werkpakket {self.revision} van ronde '{self.round}' voor {self.assessor} {verb}: "
            f"{self.registrations} {noun}."
        )

    def as_json(self) -> dict[str, object]:
        return {
            "round": self.round, "assessor": self.assessor, "revision": self.revision,
            "registrations": self.registrations, "documents": self.documents, "scores": self.scores,
            "checks": self.checks, "status": self.status,
        }  # fmt: skip


def needs_new_passphrase(sessions: sessionmaker[Session], path: Path) -> bool:
    """Whether opening this package makes the laptop's key for its round, so the assessor chooses a passphrase."""
    with SealedArchive(Path(path), PACKAGE_KIND, WHAT) as archive:
        round_uid = str(archive.header.get("ronde") or "")
    with sessions() as session:
        exchange = session.execute(
            select(m.ExchangeKey).where(m.ExchangeKey.round_uid == round_uid)
        ).scalar_one_or_none()
        return exchange is None or (exchange.on_laptop and exchange.laptop_signing_private is None)


def check_package_code(path: Path, code: str) -> None:
    """Refuse (UserError) a code that does not open this package, or a package that is not sound; nothing is read
    into the database. The command line checks the code before it asks for a new passphrase."""
    with open_work_package(Path(path), code):
        pass


@collection_paused()
def open_package(
    sessions: sessionmaker[Session],
    documents: DocumentStore,
    path: Path,
    code: str,
    *,
    passphrase: str | None = None,
    actor: str,
) -> OpenedPackage:
    """Open a work package into this laptop's database with the code the chair gave; a newer one for the same round
    updates it and keeps every score made here. The first package of a round makes the laptop's own key, sealed with
    the passphrase the assessor chooses (needs_new_passphrase tells when)."""
    path = Path(path)
    with (
        open_work_package(path, code, lambda uid: _pinned(sessions, uid)) as opened,
        unit_of_work(sessions, actor, source="work-package") as session,
    ):
        package = opened.package
        try:
            framework = parse_framework(package.framework_text, "werkpakket")
        except FrameworkError as exc:
            raise UserError(f"Het kader in het werkpakket {path.name} is niet bruikbaar. {exc}") from exc
        exchange = session.execute(
            select(m.ExchangeKey).where(m.ExchangeKey.round_uid == package.round_uid)
        ).scalar_one_or_none()
        if exchange is None:
            status = "opened"
            if session.execute(select(m.Round.id).where(m.Round.name == package.round_name)).first():
                raise UserError(
                    f"Deze database heeft al een andere ronde met de naam '{package.round_name}'. "
                    "Open het werkpakket in een eigen database (--db)."
                )
            rnd = m.Round(
                name=package.round_name, procedure=package.procedure,
                framework=store_framework(session, framework, package.framework_text),
                status=RoundStatus.SCORING.value, anonymised=package.anonymised, document_settings={},
            )  # fmt: skip
            rnd.lots = [m.Lot(code=lot.code, name=lot.name, product_categories=list(lot.product_categories))
                        for lot in framework.lots]  # fmt: skip
            assessor = m.Assessor(round=rnd, name=package.assessor, role=Role.ASSESSOR.value)
            session.add_all([rnd, assessor])
            session.flush()
            exchange = m.ExchangeKey(round_id=rnd.id, round_uid=package.round_uid, assessor_id=assessor.id)
            session.add(exchange)
        else:
            status = "updated"
            if not exchange.on_laptop:
                raise UserError(
                    f"Het werkpakket {path.name} hoort bij een ronde van deze database zelf (de database van "
                    "de voorzitter). Open het op de laptop van de beoordelaar, in een eigen database."
                )
            rnd = session.get_one(m.Round, exchange.round_id)
            assessor = session.get_one(m.Assessor, exchange.assessor_id)
            if assessor.name != package.assessor:
                raise UserError(
                    f"Het werkpakket {path.name} is voor {package.assessor}; deze database is van "
                    f"{assessor.name}. Open het in een eigen database."
                )
            if package.revision < (exchange.package_revision or 0):
                raise UserError(
                    f"Het werkpakket {path.name} (versie {package.revision}) is ouder dan het al geopende "
                    f"(versie {exchange.package_revision}). Er is niets veranderd."
                )
        # Pinned on the first package (or the first after an upgrade from a format without the chair's key).
        exchange.chair_signing_public = package.chair_signing_public
        exchange.chair_sealing_public = package.chair_sealing_public
        exchange.package_revision = package.revision
        if exchange.laptop_signing_private is None:
            _make_laptop_key(exchange, passphrase)
        _take_work_state(assessor, package)
        take_declaration(session, rnd, package.round_uid, assessor, package.declaration)
        registrations = _upsert_registrations(session, rnd, opened, documents)
        _replace_assignments(session, rnd, assessor, package, registrations)
        scores, checks = _add_own_work(session, rnd, assessor, package, registrations)
        session.flush()
        record_action(
            session, "work-package-opened", "rounds", str(rnd.id),
            {"assessor": assessor.name, "revision": package.revision, "package_id": package.package_id},
        )  # fmt: skip
        return OpenedPackage(
            rnd.name, assessor.name, package.revision, len(package.registrations),
            sum(1 for r in package.registrations for d in r.documents if d.member is not None), scores, checks,
            status,
        )  # fmt: skip


def _pinned(sessions: sessionmaker[Session], round_uid: str) -> str | None:
    """The chair's key this laptop pinned for the round (None: no round of this uid here, or none pinned yet)."""
    with sessions() as session:
        return session.execute(
            select(m.ExchangeKey.chair_signing_public).where(
                m.ExchangeKey.round_uid == round_uid, m.ExchangeKey.assessor_id.is_not(None)
            )
        ).scalar_one_or_none()


def _make_laptop_key(exchange: m.ExchangeKey, passphrase: str | None) -> None:
    if passphrase is None:
        raise UserError(
            "Kies een wachtwoord voor uw handtekening: het beschermt de sleutel waarmee deze laptop uw "
            "retourbestand ondertekent. Er is niets veranderd."
        )
    key = new_signing_key()
    exchange.laptop_signing_private = seal_private_key(key.private, passphrase)
    exchange.laptop_signing_public = key.public


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _take_work_state(assessor: m.Assessor, package: WorkPackage) -> None:
    chair_submitted = _moment(package.submitted_at)
    if package.work_revision > assessor.work_revision or assessor.work_revision is None:
        assessor.work_revision = package.work_revision
        assessor.submitted_at = chair_submitted
    elif assessor.submitted_at is None:
        assessor.submitted_at = chair_submitted
    if package.work_revision == assessor.work_revision:
        assessor.reopened_at, assessor.reopen_reason = _moment(package.reopened_at), package.reopen_reason


def _kvk(rnd_uid: str, entry: PackageRegistration) -> str:
    return str(entry.details.get("kvk") or "") or f"X{uuid.uuid5(uuid.NAMESPACE_OID, rnd_uid + entry.ref).hex[:7]}"


def _providers(
    session: Session, rnd_uid: str, entries: list[PackageRegistration]
) -> tuple[dict[str, int | KeyOf], list[dict[str, Any]]]:
    """The provider of every entry by its KvK number, found in one query: its id, or KeyOf the row of a new one (the
    second list, to insert)."""
    kvks = {_kvk(rnd_uid, entry): entry for entry in entries}
    found: dict[str, int | KeyOf] = {
        kvk: provider_id
        for kvk, provider_id in session.execute(
            select(m.Provider.kvk, m.Provider.id).where(m.Provider.kvk.in_(list(kvks)))
        ).all()
    }
    new = []
    for kvk, entry in kvks.items():
        if kvk not in found:
            new.append({"kvk": kvk, "name": str(entry.details.get("name") or entry.label)})
            found[kvk] = KeyOf(new[-1])
    return found, new


def _upsert_registrations(
    session: Session, rnd: m.Round, opened: OpenWorkPackage, store: DocumentStore
) -> dict[str, int]:
    """Every registration of the package, new or updated: the new rows (providers, registrations, answers, documents)
    inserted set-based in one history append, in the order of one flush of them as objects, then the changes to the
    existing ones flushed. Returns the registrations' ids by reference."""
    package = opened.package
    existing = {
        r.number: r
        for r in session.execute(
            select(m.Registration)
            .where(m.Registration.round_id == rnd.id)
            .options(selectinload(m.Registration.answers), selectinload(m.Registration.documents),
                     selectinload(m.Registration.lots))
        ).scalars()
    }  # fmt: skip
    criteria = {c.code: c for c in rnd.framework.criteria}
    lots = {lot.code: lot for lot in rnd.lots}
    providers, new_providers = _providers(
        session, package.round_uid, [entry for entry in package.registrations if entry.ref not in existing]
    )
    registrations: list[dict[str, Any]] = []
    children: list[tuple[type[Any], dict[str, Any]]] = []
    links: list[tuple[dict[str, Any], list[int]]] = []
    for entry in package.registrations:
        registration = existing.get(entry.ref)
        if registration is None:
            registrations.append(_registration_row(rnd, providers[_kvk(package.round_uid, entry)], entry))
            links.append((registrations[-1], [lots[code].id for code in entry.lots if code in lots]))
            children += _new_children(opened, store, criteria, KeyOf(registrations[-1]), entry, set(), set())
        else:
            answered = {a.criterion.code for a in registration.answers}
            have = {(d.sha256, d.file_name) for d in registration.documents}
            children += _new_children(opened, store, criteria, registration.id, entry, answered, have)
    insert_audited(
        session,
        [*((m.Provider, row) for row in new_providers), *((m.Registration, row) for row in registrations), *children],
        one_flush=True,
    )
    # Lot links are not audited (the ORM writes a secondary table without events): one statement, as it did.
    link_rows = [{"registration_id": row["id"], "lot_id": lot_id} for row, lot_ids in links for lot_id in lot_ids]
    if link_rows:
        session.execute(insert(m.RegistrationLot.__table__), link_rows)
    with session.no_autoflush:  # one flush at the end, not one per registration
        for entry in package.registrations:
            if entry.ref in existing:
                _update_registration(existing[entry.ref], criteria, lots, entry)
    session.flush()
    return {ref: registration.id for ref, registration in existing.items()} | {
        r["number"]: r["id"] for r in registrations
    }


def _registration_row(rnd: m.Round, provider_id: int | KeyOf, entry: PackageRegistration) -> dict[str, Any]:
    submitted = entry.details.get("submitted_at")
    return {
        "round_id": rnd.id, "provider_id": provider_id, "number": entry.ref, "sequence": entry.sequence,
        "name": str(entry.details.get("name") or entry.label), **{key: entry.details.get(key) for key in DETAILS[1:]},
        "submitted_at": datetime.fromisoformat(str(submitted)) if submitted else None,
        "product_categories": list(entry.product_categories), "source": "werkpakket", "consensus_opened_at": None,
    }  # fmt: skip


def _new_children(
    opened: OpenWorkPackage, store: DocumentStore, criteria: dict[str, m.Criterion], registration_id: int | KeyOf,
    entry: PackageRegistration, answered: set[str], have: set[tuple[str | None, str]],
) -> list[tuple[type[Any], dict[str, Any]]]:  # fmt: skip
    """The answers a registration did not have yet and its documents not stored yet, as rows (documents stored)."""
    rows: list[tuple[type[Any], dict[str, Any]]] = [
        (m.DeclaredAnswer, {"registration_id": registration_id, "criterion_id": criteria[code].id, "value": value})
        for code, value in entry.answers.items()
        if code not in answered and code in criteria
    ]
    for document in entry.documents:
        sha, size = document.sha256, None
        if document.member is not None:
            sha = store.add_chunks(opened.document_chunks(document.member))
            size = store.size(sha)
        if (sha, document.file_name) in have:
            continue
        rows.append((m.Document, {
            "registration_id": registration_id, "kind": document.kind, "file_name": document.file_name, "sha256": sha,
            "size": size, "criterion_id": criteria[document.criterion].id if document.criterion in criteria else None,
            "interview_id": None, "added_at": utcnow(),
        }))  # fmt: skip
    return rows


def _update_registration(
    registration: m.Registration, criteria: dict[str, m.Criterion], lots: dict[str, m.Lot], entry: PackageRegistration
) -> None:
    """An existing registration as the package has it now (the caller flushes)."""
    registration.sequence = entry.sequence
    registration.name = str(entry.details.get("name") or entry.label)
    for key in DETAILS[1:]:
        setattr(registration, key, entry.details.get(key))
    submitted = entry.details.get("submitted_at")
    registration.submitted_at = datetime.fromisoformat(str(submitted)) if submitted else None
    registration.product_categories = list(entry.product_categories)
    registration.lots = [lots[code] for code in entry.lots if code in lots]
    answers = {a.criterion.code: a for a in registration.answers}
    for code, value in entry.answers.items():
        if code in answers:
            answers[code].value = value


def _replace_assignments(
    session: Session, rnd: m.Round, assessor: m.Assessor, package: WorkPackage, registrations: dict[str, int]
) -> None:
    criteria = {c.code: c.id for c in rnd.framework.criteria}
    wanted = {
        (registrations[e.ref], criteria[code]) for e in package.registrations for code in e.criteria if code in criteria
    }
    current = session.execute(select(m.Assignment).where(m.Assignment.assessor_id == assessor.id)).scalars().all()
    have = {(a.registration_id, a.criterion_id) for a in current}
    # The new ones in one statement first, the gone ones after: the history in the order of one flush of both.
    insert_audited(
        session,
        [(m.Assignment, {"assessor_id": assessor.id, "registration_id": g, "criterion_id": c})
         for g, c in sorted(wanted - have)],
    )  # fmt: skip
    for assignment in current:
        if (assignment.registration_id, assignment.criterion_id) not in wanted:
            session.delete(assignment)


def _add_own_work(
    session: Session, rnd: m.Round, assessor: m.Assessor, package: WorkPackage, registrations: dict[str, int]
) -> tuple[int, int]:
    """The assessor's earlier work from the chair, only where this laptop has none of its own (set-based)."""
    criteria = {c.code: c.id for c in rnd.framework.criteria}
    scores, checks = latest_scores(session, assessor.id), latest_checks(session, assessor.id)
    rows: list[tuple[type[Any], dict[str, Any]]] = []
    for s in package.scores:
        key = (registrations[s.registration], criteria[s.criterion])
        if key not in scores:
            rows.append((m.ScoreRevision, {
                "assessor_id": assessor.id, "registration_id": key[0], "criterion_id": key[1], "revision": s.revision,
                "value": Decimal(s.value), "motivation": s.motivation, "scored_at": datetime.fromisoformat(s.scored_at),
                "source": "work-package", "return_file_id": None,
            }))  # fmt: skip
    added_scores = len(rows)
    for c in package.checks:
        key = (registrations[c.registration], criteria[c.criterion])
        if key not in checks:
            rows.append((m.CheckRevision, {
                "assessor_id": assessor.id, "registration_id": key[0], "criterion_id": key[1], "revision": c.revision,
                "verdict": c.verdict, "note": c.note, "checked_at": datetime.fromisoformat(c.checked_at),
                "source": "work-package", "return_file_id": None,
            }))  # fmt: skip
    insert_audited(session, rows, one_flush=True)
    return added_scores, len(rows) - added_scores
