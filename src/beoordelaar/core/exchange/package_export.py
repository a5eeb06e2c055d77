"""At the chair: the work package of one assessor (work_package.py holds its shape)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from beoordelaar.core.commission.assessors import find_assessor
from beoordelaar.core.commission.exchange_keys import registration_ref
from beoordelaar.core.errors import UserError
from beoordelaar.core.exchange.package_declaration import package_declaration
from beoordelaar.core.exchange.round_keys import chair_exchange
from beoordelaar.core.exchange.work_package import (
    CheckEntry,
    PackageDocument,
    PackageRegistration,
    ScoreEntry,
    WorkPackage,
    write_work_package,
)
from beoordelaar.core.files.keys import KeyPair, new_package_code
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.scoring.scoring import assigned, latest_checks, latest_scores
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import head_hash, record_action, unit_of_work
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.storage.documents import DocumentStore

# The registration's details a package carries (none when the round is assessed anonymously).
DETAILS = ("name", "vestigingsnummer", "agb", "address", "postcode", "city", "contact_name", "email", "phone")


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
    code: str  # the one-time code the package is encrypted under: shown once, handed over apart from the file
    status: str = "exported"

    def as_json(self) -> dict[str, object]:
        return {
            "file": str(self.file), "round": self.round, "assessor": self.assessor, "revision": self.revision,
            "registrations": self.registrations, "documents": self.documents, "scores": self.scores,
            "checks": self.checks, "sha256": self.sha256, "code": self.code, "status": self.status,
        }  # fmt: skip


def export_package(
    sessions: sessionmaker[Session],
    documents: DocumentStore,
    round_id: int,
    assessor_name: str,
    out: Path,
    *,
    actor: str,
) -> PackageSummary:
    """Write the work package of one assessor: the assigned registrations and only that assessor's own work,
    encrypted under a new package code (in the summary, shown once) and signed with the round's key."""
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
        criteria_of: dict[int, list[str]] = {}
        for registration_id, criterion_id in mine:
            criteria_of.setdefault(registration_id, []).append(codes[criterion_id])
        registrations = (
            session.execute(
                select(m.Registration)
                .where(m.Registration.id.in_(criteria_of))
                .order_by(m.Registration.sequence)
                .options(
                    selectinload(m.Registration.provider),
                    selectinload(m.Registration.lots),
                    selectinload(m.Registration.documents),
                    selectinload(m.Registration.answers).selectinload(m.DeclaredAnswer.criterion),
                )
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
        document_files: dict[str, Iterator[bytes]] = {}
        entries = [
            _package_registration(rnd, r, refs[r.id], sorted(criteria_of[r.id]), codes, documents, document_files)
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
            revision=revision,
            work_revision=assessor.work_revision,
            submitted_at=assessor.submitted_at.isoformat() if assessor.submitted_at else None,
            created_at=utcnow().isoformat(),
            chair_audit_head=head_hash(session),
            chair_sealing_public=str(exchange.chair_sealing_public),
            framework_text=rnd.framework.source_text,
            registrations=entries,
            scores=scores,
            checks=checks,
            declaration=package_declaration(session, rnd, assessor),
            reopened_at=assessor.reopened_at.isoformat() if assessor.reopened_at else None,
            reopen_reason=assessor.reopen_reason,
        )
        code = new_package_code()
        signing = KeyPair(str(exchange.chair_signing_private), str(exchange.chair_signing_public))
        digest = write_work_package(out, package, document_files, code, signing)
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
            out, rnd.name, assessor.name, revision, len(entries), len(document_files), len(scores), len(checks),
            digest, code,
        )  # fmt: skip


def _package_registration(
    rnd: m.Round,
    registration: m.Registration,
    ref: str,
    criteria: list[str],
    codes: dict[int, str],
    store: DocumentStore,
    document_files: dict[str, Iterator[bytes]],
) -> PackageRegistration:
    details: dict[str, object] = {}
    if not rnd.anonymised:
        details = {key: getattr(registration, key) for key in DETAILS}
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
            document_files[member] = store.chunks(sha, document.file_name)
        elif sha is not None:
            sha = None  # not in the chair's store: the laptop lists it as missing
        documents.append(PackageDocument(name, document.kind, codes.get(document.criterion_id), sha, member))
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
