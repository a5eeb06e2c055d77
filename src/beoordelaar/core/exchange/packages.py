"""Work packages out to the assessors' laptops, opened there, and return files written there.

At the chair: export_package. On the assessor's laptop (its own database): open_package, then the scoring functions
of services.scoring, then write_return. The chair merges return files with services.returns.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path, PurePosixPath

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.commission.assessors import find_assessor
from beoordelaar.core.commission.exchange_keys import assessor_key, chair_exchange, laptop_exchange, registration_ref
from beoordelaar.core.errors import UserError
from beoordelaar.core.exchange.package_declaration import package_declaration, take_declaration
from beoordelaar.core.exchange.return_file import ReturnContent, write_return_file
from beoordelaar.core.exchange.work_package import (
    CheckEntry,
    PackageDocument,
    PackageRegistration,
    ScoreEntry,
    WorkPackage,
    read_work_package,
    write_work_package,
)
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.framework import FrameworkError, parse_framework
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.procedure import Role, RoundStatus
from beoordelaar.core.rounds.rounds import find_round, store_framework
from beoordelaar.core.scoring.scoring import assigned, latest_checks, latest_scores
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import head_hash, record_action, unit_of_work
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.storage.documents import DocumentStore

_DETAILS = ("name", "vestigingsnummer", "agb", "address", "postcode", "city", "contact_name", "email", "phone")


@dataclass(frozen=True)
class PackageSummary:
    file: Path
    round: str
    assessor: str
    revision: int
    registrations: int
    documents: int
    scores: int
    checks: int
    sha256: str
    status: str = "exported"

    def as_json(self) -> dict[str, object]:
        return {
            "file": str(self.file), "round": self.round, "assessor": self.assessor, "revision": self.revision,
            "registrations": self.registrations, "documents": self.documents, "scores": self.scores,
            "checks": self.checks, "sha256": self.sha256, "status": self.status,
        }  # fmt: skip


# -- at the chair --------------------------------------------------------------------------------------------------


def export_package(
    sessions: sessionmaker[Session],
    documents: DocumentStore,
    round_id: int,
    assessor_name: str,
    out: Path,
    *,
    actor: str,
) -> PackageSummary:
    """Write the work package of one assessor: the assigned registrations and only that assessor's own work."""
    out = Path(out)
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.EXPORT_PACKAGE)
        exchange = chair_exchange(session, rnd)
        assessor = find_assessor(session, rnd, assessor_name)
        if assessor.confidentiality_declared_at is None:
            # The package carries the providers' registrations and documents; once handed over it cannot be
            # called back. So the signed confidentiality declaration comes first (the commission's confidentiality).
            raise UserError(
                f"{assessor.name} heeft de geheimhoudingsverklaring nog niet getekend; er is geen werkpakket gemaakt. "
                f'Leg de verklaring eerst vast (\'beoordelaar assessors declare "{rnd.name}" "{assessor.name}"\').'
            )
        if assessor.conflicts_declared_at is None:
            # What the package holds follows from the conflicts: a registration with a conflict stays out.
            raise UserError(
                f"{assessor.name} heeft nog niet verklaard of er belangenverstrengeling is; er is geen werkpakket "
                f"gemaakt. Leg de verklaring eerst vast, ook als die 'geen' is "
                f'(\'beoordelaar assessors conflicts "{rnd.name}" "{assessor.name}" --geen\').'
            )
        mine = assigned(session, assessor.id)
        if not mine:
            raise UserError(
                f"Aan {assessor.name} is in ronde '{rnd.name}' nog niets toegewezen. "
                f"Wijs eerst toe met 'beoordelaar assign \"{rnd.name}\"'."
            )
        codes = {c.id: c.code for c in rnd.framework.criteria}
        registrations = (
            session.execute(
                select(m.Registration)
                .where(m.Registration.id.in_({r for r, _ in mine}))
                .order_by(m.Registration.sequence)
            )
            .scalars()
            .all()
        )
        refs = {r.id: registration_ref(rnd, r) for r in registrations}
        if len(set(refs.values())) != len(refs):
            raise UserError(
                f"De inschrijvingen van ronde '{rnd.name}' hebben geen unieke volgnummers; "
                "anoniem beoordelen kan zo niet."
            )
        document_data: dict[str, bytes] = {}
        entries = [
            _package_registration(rnd, r, refs[r.id], sorted(codes[c] for g, c in mine if g == r.id), documents,
                                  document_data)
            for r in registrations
        ]  # fmt: skip
        scores = [
            ScoreEntry(refs[g], codes[c], s.revision, str(s.value), s.motivation, s.scored_at.isoformat())
            for (g, c), s in latest_scores(session, assessor.id).items()
            if (g, c) in mine
        ]
        checks = [
            CheckEntry(refs[g], codes[c], k.revision, k.verdict, k.note, k.checked_at.isoformat())
            for (g, c), k in latest_checks(session, assessor.id).items()
            if (g, c) in mine
        ]
        revision = 1 + (
            session.execute(
                select(func.max(m.WorkPackage.revision)).where(m.WorkPackage.assessor_id == assessor.id)
            ).scalar()
            or 0
        )
        package = WorkPackage(
            package_id=uuid.uuid4().hex,
            round_uid=exchange.round_uid,
            round_name=rnd.name,
            procedure=rnd.procedure,
            anonymised=rnd.anonymised,
            assessor=assessor.name,
            assessor_key=assessor_key(exchange, assessor.name),
            revision=revision,
            work_revision=assessor.work_revision,
            submitted_at=assessor.submitted_at.isoformat() if assessor.submitted_at else None,
            created_at=utcnow().isoformat(),
            chair_audit_head=head_hash(session),
            framework_text=rnd.framework.source_text,
            registrations=entries,
            scores=scores,
            checks=checks,
            document_data=document_data,
            declaration=package_declaration(session, rnd, assessor),
            reopened_at=_iso(assessor.reopened_at),
            reopen_reason=assessor.reopen_reason,
        )
        digest = write_work_package(out, package)
        session.add(
            m.WorkPackage(
                round_id=rnd.id, assessor_id=assessor.id, revision=revision, file_name=out.name, sha256=digest
            )
        )
        session.flush()
        record_action(
            session, "work-package-exported", "assessors", str(assessor.id),
            {"revision": revision, "file": out.name, "sha256": digest},
        )  # fmt: skip
        return PackageSummary(
            out, rnd.name, assessor.name, revision, len(entries), len(document_data), len(scores), len(checks), digest
        )


def _package_registration(
    rnd: m.Round,
    registration: m.Registration,
    ref: str,
    criteria: list[str],
    store: DocumentStore,
    document_data: dict[str, bytes],
) -> PackageRegistration:
    details: dict[str, object] = {}
    if not rnd.anonymised:
        details = {key: getattr(registration, key) for key in _DETAILS}
        details["kvk"] = registration.provider.kvk
        details["submitted_at"] = registration.submitted_at.isoformat() if registration.submitted_at else None
    documents = []
    for index, document in enumerate(registration.documents, start=1):
        suffix = PurePosixPath(document.file_name).suffix
        name = f"{document.kind}-{index:02d}{suffix}" if rnd.anonymised else document.file_name
        member = None
        sha = document.sha256
        if sha is not None and store.has(sha):
            member = f"documenten/{ref}/{index:02d}-{PurePosixPath(name.replace(chr(92), '/')).name}"
            document_data[member] = store.path_for(sha).read_bytes()
        elif sha is not None:
            sha = None  # not in the chair's store: the laptop lists it as missing
        criterion = next((c.code for c in rnd.framework.criteria if c.id == document.criterion_id), None)
        documents.append(PackageDocument(name, document.kind, criterion, sha, member))
    return PackageRegistration(
        ref=ref,
        sequence=registration.sequence,
        label=registration.anonymous_label,
        details=details,
        lots=[lot.code for lot in registration.lots],
        product_categories=list(registration.product_categories) if not rnd.anonymised else [],
        answers={a.criterion.code: a.value for a in registration.answers},
        criteria=criteria,
        documents=documents,
    )


# -- on the assessor's laptop --------------------------------------------------------------------------------------


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


def open_package(sessions: sessionmaker[Session], documents: DocumentStore, path: Path, *, actor: str) -> OpenedPackage:
    """Open a work package into this laptop's database; a newer one for the same round updates it and keeps every
    score made here."""
    package = read_work_package(Path(path))
    try:
        framework = parse_framework(package.framework_text, "werkpakket")
    except FrameworkError as exc:
        raise UserError(f"Het kader in het werkpakket {Path(path).name} is niet bruikbaar. {exc}") from exc
    with unit_of_work(sessions, actor, source="work-package") as session:
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
                    f"Het werkpakket {Path(path).name} hoort bij een ronde van deze database zelf (de database van "
                    "de voorzitter). Open het op de laptop van de beoordelaar, in een eigen database."
                )
            rnd = session.get_one(m.Round, exchange.round_id)
            assessor = session.get_one(m.Assessor, exchange.assessor_id)
            if assessor.name != package.assessor:
                raise UserError(
                    f"Het werkpakket {Path(path).name} is voor {package.assessor}; deze database is van "
                    f"{assessor.name}. Open het in een eigen database."
                )
            if package.revision < (exchange.package_revision or 0):
                raise UserError(
                    f"Het werkpakket {Path(path).name} (versie {package.revision}) is ouder dan het al geopende "
                    f"(versie {exchange.package_revision}). Er is niets veranderd."
                )
        exchange.assessor_key = package.assessor_key.hex()
        exchange.package_revision = package.revision
        _take_work_state(assessor, package)
        take_declaration(session, rnd, package.round_uid, assessor, package.declaration)
        registrations = _upsert_registrations(session, rnd, package, documents)
        _replace_assignments(session, rnd, assessor, package, registrations)
        scores, checks = _add_own_work(session, rnd, assessor, package, registrations)
        session.flush()
        record_action(
            session, "work-package-opened", "rounds", str(rnd.id),
            {"assessor": assessor.name, "revision": package.revision, "package_id": package.package_id},
        )  # fmt: skip
        return OpenedPackage(
            rnd.name, assessor.name, package.revision, len(package.registrations), len(package.document_data),
            scores, checks, status,
        )  # fmt: skip


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


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


def _provider(session: Session, rnd_uid: str, entry: PackageRegistration) -> m.Provider:
    kvk = str(entry.details.get("kvk") or "") or f"X{uuid.uuid5(uuid.NAMESPACE_OID, rnd_uid + entry.ref).hex[:7]}"
    provider = session.execute(select(m.Provider).where(m.Provider.kvk == kvk)).scalar_one_or_none()
    if provider is None:
        provider = m.Provider(kvk=kvk, name=str(entry.details.get("name") or entry.label))
        session.add(provider)
    return provider


def _upsert_registrations(
    session: Session, rnd: m.Round, package: WorkPackage, store: DocumentStore
) -> dict[str, m.Registration]:
    existing = {
        r.number: r for r in session.execute(select(m.Registration).where(m.Registration.round_id == rnd.id)).scalars()
    }
    criteria = {c.code: c for c in rnd.framework.criteria}
    lots = {lot.code: lot for lot in rnd.lots}
    for entry in package.registrations:
        registration = existing.get(entry.ref)
        if registration is None:
            registration = m.Registration(
                round=rnd, provider=_provider(session, package.round_uid, entry), number=entry.ref,
                sequence=entry.sequence, name=entry.label, source="werkpakket",
            )  # fmt: skip
            session.add(registration)
            existing[entry.ref] = registration
        registration.sequence = entry.sequence
        registration.name = str(entry.details.get("name") or entry.label)
        for key in _DETAILS[1:]:
            setattr(registration, key, entry.details.get(key))
        submitted = entry.details.get("submitted_at")
        registration.submitted_at = datetime.fromisoformat(str(submitted)) if submitted else None
        registration.product_categories = list(entry.product_categories)
        registration.lots = [lots[code] for code in entry.lots if code in lots]
        answers = {a.criterion.code: a for a in registration.answers}
        for code, value in entry.answers.items():
            if code in answers:
                answers[code].value = value
            elif code in criteria:
                registration.answers.append(m.DeclaredAnswer(criterion=criteria[code], value=value))
        have = {(d.sha256, d.file_name) for d in registration.documents}
        for document in entry.documents:
            sha = document.sha256
            if document.member is not None:
                sha = store.add_bytes(package.document_data[document.member])
            if (sha, document.file_name) in have:
                continue
            data = package.document_data.get(document.member or "")
            registration.documents.append(
                m.Document(
                    kind=document.kind, file_name=document.file_name, sha256=sha,
                    size=len(data) if data is not None else None,
                    criterion_id=criteria[document.criterion].id if document.criterion in criteria else None,
                )
            )  # fmt: skip
    session.flush()
    return existing


def _replace_assignments(
    session: Session, rnd: m.Round, assessor: m.Assessor, package: WorkPackage, registrations: dict[str, m.Registration]
) -> None:
    criteria = {c.code: c.id for c in rnd.framework.criteria}
    wanted = {
        (registrations[e.ref].id, criteria[code])
        for e in package.registrations
        for code in e.criteria
        if code in criteria
    }
    current = session.execute(select(m.Assignment).where(m.Assignment.assessor_id == assessor.id)).scalars().all()
    for assignment in current:
        if (assignment.registration_id, assignment.criterion_id) not in wanted:
            session.delete(assignment)
    have = {(a.registration_id, a.criterion_id) for a in current}
    session.add_all(
        m.Assignment(assessor_id=assessor.id, registration_id=g, criterion_id=c) for g, c in sorted(wanted - have)
    )


def _add_own_work(
    session: Session, rnd: m.Round, assessor: m.Assessor, package: WorkPackage, registrations: dict[str, m.Registration]
) -> tuple[int, int]:
    """The assessor's earlier work from the chair, only where this laptop has none of its own."""
    criteria = {c.code: c.id for c in rnd.framework.criteria}
    scores, checks = latest_scores(session, assessor.id), latest_checks(session, assessor.id)
    added_scores = added_checks = 0
    for s in package.scores:
        key = (registrations[s.registration].id, criteria[s.criterion])
        if key not in scores:
            session.add(
                m.ScoreRevision(
                    assessor_id=assessor.id, registration_id=key[0], criterion_id=key[1], revision=s.revision,
                    value=Decimal(s.value), motivation=s.motivation, scored_at=datetime.fromisoformat(s.scored_at),
                    source="work-package",
                )
            )  # fmt: skip
            added_scores += 1
    for c in package.checks:
        key = (registrations[c.registration].id, criteria[c.criterion])
        if key not in checks:
            session.add(
                m.CheckRevision(
                    assessor_id=assessor.id, registration_id=key[0], criterion_id=key[1], revision=c.revision,
                    verdict=c.verdict, note=c.note, checked_at=datetime.fromisoformat(c.checked_at),
                    source="work-package",
                )
            )  # fmt: skip
            added_checks += 1
    return added_scores, added_checks


@dataclass(frozen=True)
class ReturnSummary:
    file: Path
    round: str
    assessor: str
    revision: int
    scores: int
    checks: int
    sha256: str

    def as_json(self) -> dict[str, object]:
        return {
            "file": str(self.file), "round": self.round, "assessor": self.assessor, "revision": self.revision,
            "scores": self.scores, "checks": self.checks, "sha256": self.sha256,
        }  # fmt: skip


def write_return(sessions: sessionmaker[Session], round_id: int, out: Path, *, actor: str) -> ReturnSummary:
    """On the laptop: the return file with this assessor's latest scores and checks (after handing in)."""
    out = Path(out)
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        exchange = laptop_exchange(session, rnd)
        if exchange is None or exchange.assessor_id is None:
            raise UserError(
                f"Ronde '{rnd.name}' is in deze database niet geopend uit een werkpakket. Een retourbestand maakt "
                "de beoordelaar op de eigen laptop, na 'beoordelaar package open'."
            )
        assessor = session.get_one(m.Assessor, exchange.assessor_id)
        if assessor.submitted_at is None:
            raise UserError(
                f"{assessor.name} heeft nog niet ingeleverd. Lever eerst in; daarna kan het retourbestand worden "
                "gemaakt."
            )
        mine = assigned(session, assessor.id)
        codes = {c.id: c.code for c in rnd.framework.criteria}
        registrations = session.execute(select(m.Registration).where(m.Registration.round_id == rnd.id)).scalars()
        refs = {r.id: registration_ref(rnd, r) for r in registrations}
        scores = [
            ScoreEntry(refs[g], codes[c], s.revision, str(s.value), s.motivation, s.scored_at.isoformat())
            for (g, c), s in sorted(latest_scores(session, assessor.id).items())
            if (g, c) in mine
        ]
        checks = [
            CheckEntry(refs[g], codes[c], k.revision, k.verdict, k.note, k.checked_at.isoformat())
            for (g, c), k in sorted(latest_checks(session, assessor.id).items())
            if (g, c) in mine
        ]
        content = ReturnContent(
            round_uid=exchange.round_uid,
            round_name=rnd.name,
            assessor=assessor.name,
            work_revision=assessor.work_revision,
            package_revision=exchange.package_revision or 0,
            submitted_at=assessor.submitted_at.isoformat(),
            created_at=utcnow().isoformat(),
            audit_head=head_hash(session),
            scores=scores,
            checks=checks,
        )
        digest = write_return_file(out, content, assessor_key(exchange, assessor.name))
        record_action(
            session, "return-file-written", "assessors", str(assessor.id),
            {"revision": assessor.work_revision, "file": out.name, "sha256": digest},
        )  # fmt: skip
        return ReturnSummary(out, rnd.name, assessor.name, assessor.work_revision, len(scores), len(checks), digest)
