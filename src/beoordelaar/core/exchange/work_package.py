"""The work package: one signed zip for one assessor and one round (README.md, "A round from start to finish").

It holds the framework's TOML text, the registrations assigned to the assessor (details, declared answers, the
assigned criteria, documents) and that assessor's own earlier scores and checks; never anyone else's. It carries the
assessor's key, derived from the round's secret, with which the laptop signs the return file, and the assessor's
confidentiality declaration and declared conflicts of interest as the chair recorded them (for the laptop to show).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from beoordelaar.core.errors import UserError
from beoordelaar.core.exchange.signed_archive import read_signed_archive, write_signed_archive

PACKAGE_KIND = "beoordelaar-werkpakket"
FORMAT_VERSION = 1
WHAT = "Het werkpakket"
FRAMEWORK_MEMBER = "kader.toml"
REGISTRATIONS_MEMBER = "inschrijvingen.json"
OWN_WORK_MEMBER = "eigen-werk.json"
DECLARATION_MEMBER = "verklaring.json"


@dataclass(frozen=True)
class ScoreEntry:
    """One assessor's latest score on one plan criterion of one registration."""

    registration: str  # the registration's reference in the package
    criterion: str
    revision: int
    value: str
    motivation: str
    scored_at: str


@dataclass(frozen=True)
class CheckEntry:
    """One assessor's latest verdict on one exclusion ground or requirement of one registration."""

    registration: str
    criterion: str
    revision: int
    verdict: str
    note: str
    checked_at: str


@dataclass(frozen=True)
class PackageDocument:
    file_name: str
    kind: str
    criterion: str | None
    sha256: str | None  # None: listed as missing at the chair
    member: str | None  # where the file sits in the zip


@dataclass(frozen=True)
class PackageRegistration:
    ref: str  # number, or the sequence ("017") when the round is assessed anonymously
    sequence: int
    label: str
    details: dict[str, Any]  # name, kvk, ... (left out when anonymised)
    lots: list[str]
    product_categories: list[str]
    answers: dict[str, str]
    criteria: list[str]  # the codes assigned to this assessor
    documents: list[PackageDocument] = field(default_factory=list)


@dataclass(frozen=True)
class DeclaredConflict:
    """A conflict of interest the assessor declared, as the chair recorded it; she is not assigned that registration."""

    ref: str
    sequence: int
    label: str  # the registration's name, or its anonymous label when the round is assessed anonymously
    reason: str
    declared_at: str


@dataclass(frozen=True)
class PackageDeclaration:
    """The assessor's signed confidentiality declaration and her declared conflicts (possibly none)."""

    confidentiality_declared_at: str
    conflicts: list[DeclaredConflict] = field(default_factory=list)
    conflicts_declared_at: str | None = None  # when the conflict statement was made; None: not made yet


@dataclass(frozen=True)
class WorkPackage:
    package_id: str
    round_uid: str
    round_name: str
    procedure: str
    anonymised: bool
    assessor: str
    assessor_key: bytes
    revision: int
    work_revision: int
    submitted_at: str | None
    created_at: str
    chair_audit_head: str
    framework_text: str
    registrations: list[PackageRegistration]
    scores: list[ScoreEntry]
    checks: list[CheckEntry]
    document_data: dict[str, bytes] = field(default_factory=dict, repr=False)
    declaration: PackageDeclaration | None = None  # None only in packages made before the package carried it
    # Why the chair reopened the work into work_revision, shown to the assessor on the laptop.
    reopened_at: str | None = None
    reopen_reason: str | None = None


def write_work_package(path: Path, package: WorkPackage) -> str:
    """Write the package (atomically); return the file's SHA-256."""
    fields = {
        "format_version": FORMAT_VERSION,
        "package_id": package.package_id,
        "round_uid": package.round_uid,
        "round_name": package.round_name,
        "procedure": package.procedure,
        "anonymised": package.anonymised,
        "assessor": package.assessor,
        "assessor_key": package.assessor_key.hex(),
        "revision": package.revision,
        "work_revision": package.work_revision,
        "submitted_at": package.submitted_at,
        "created_at": package.created_at,
        "chair_audit_head": package.chair_audit_head,
        **{name: getattr(package, name) for name in _OPTIONAL_FIELDS},
    }
    members = {
        FRAMEWORK_MEMBER: package.framework_text.encode("utf-8"),
        REGISTRATIONS_MEMBER: _json([asdict(r) for r in package.registrations]),
        OWN_WORK_MEMBER: _json(
            {"scores": [asdict(s) for s in package.scores], "checks": [asdict(c) for c in package.checks]}
        ),
        **package.document_data,
    }
    if package.declaration is not None:
        members[DECLARATION_MEMBER] = _json(asdict(package.declaration))
    return write_signed_archive(path, PACKAGE_KIND, fields, members, package.assessor_key, WHAT)


def read_work_package(path: Path) -> WorkPackage:
    """Read, check and verify a package; UserError naming the file and what is wrong."""
    archive = read_signed_archive(path, PACKAGE_KIND, WHAT)
    version = archive.field("format_version")
    if version != FORMAT_VERSION:
        raise UserError(
            f"{WHAT} {archive.path.name} heeft formaatversie {version}; deze versie van Beoordelaar leest versie "
            f"{FORMAT_VERSION}. Werk het programma bij."
        )
    try:
        key = bytes.fromhex(str(archive.field("assessor_key")))
    except ValueError as exc:
        raise UserError(f"{WHAT} {archive.path.name} is onbruikbaar: de sleutel is onleesbaar.") from exc
    archive.verify(key)
    try:
        registrations = [
            PackageRegistration(**{**r, "documents": [PackageDocument(**d) for d in r["documents"]]})
            for r in archive.json_member(REGISTRATIONS_MEMBER)
        ]
        own = archive.json_member(OWN_WORK_MEMBER)
        scores = [ScoreEntry(**s) for s in own["scores"]]
        checks = [CheckEntry(**c) for c in own["checks"]]
        framework_text = archive.members[FRAMEWORK_MEMBER].decode("utf-8")
        declaration = (
            _declaration(archive.json_member(DECLARATION_MEMBER)) if DECLARATION_MEMBER in archive.members else None
        )
        documents = {
            d.member: archive.members[d.member] for r in registrations for d in r.documents if d.member is not None
        }
    except (TypeError, KeyError, UnicodeDecodeError) as exc:
        raise UserError(f"{WHAT} {archive.path.name} is onbruikbaar: de inhoud heeft niet de verwachte vorm.") from exc
    return WorkPackage(
        package_id=str(archive.field("package_id")),
        round_uid=str(archive.field("round_uid")),
        round_name=str(archive.field("round_name")),
        procedure=str(archive.field("procedure")),
        anonymised=bool(archive.field("anonymised")),
        assessor=str(archive.field("assessor")),
        assessor_key=key,
        revision=int(archive.field("revision")),
        work_revision=int(archive.field("work_revision")),
        submitted_at=archive.field("submitted_at"),
        created_at=str(archive.field("created_at")),
        chair_audit_head=str(archive.field("chair_audit_head")),
        framework_text=framework_text,
        registrations=registrations,
        scores=scores,
        checks=checks,
        document_data=documents,
        declaration=declaration,
        **{name: _optional_text(archive.manifest.get(name)) for name in _OPTIONAL_FIELDS},
    )


def _declaration(data: dict[str, Any]) -> PackageDeclaration:
    return PackageDeclaration(
        confidentiality_declared_at=str(data["confidentiality_declared_at"]),
        conflicts=[DeclaredConflict(**c) for c in data["conflicts"]],
        conflicts_declared_at=_optional_text(data.get("conflicts_declared_at")),
    )


_OPTIONAL_FIELDS = ("reopened_at", "reopen_reason")


def _optional_text(value: Any) -> str | None:
    return None if value is None else str(value)


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
