"""The work package: one sealed archive for one assessor and one round (sealed_archive.py).

It holds the framework's TOML text, the registrations assigned to the assessor (details, declared answers, the
assigned criteria, documents) and that assessor's own earlier scores and checks; never anyone else's. It is encrypted
under a one-time package code that the chair hands over apart from the file, and signed with the round's key, which
the laptop pins on the first package. It carries the round's public X25519 key that return files are encrypted to,
and the assessor's confidentiality declaration and declared conflicts as the chair recorded them (for the laptop to
show). It carries no key that can sign anything.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from beoordelaar.core.errors import UserError
from beoordelaar.core.exchange.sealed_archive import SealedArchive, SealedWriter
from beoordelaar.core.files.keys import CODE_SCRYPT_N, KeyPair, key_from_code, new_scrypt_params, sign

PACKAGE_KIND = "beoordelaar-werkpakket"
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
    revision: int
    work_revision: int
    submitted_at: str | None
    created_at: str
    chair_audit_head: str
    chair_sealing_public: str  # the round's X25519 key: return files are encrypted to it
    framework_text: str
    registrations: list[PackageRegistration]
    scores: list[ScoreEntry]
    checks: list[CheckEntry]
    declaration: PackageDeclaration
    # Why the chair reopened the work into work_revision, shown to the assessor on the laptop.
    reopened_at: str | None = None
    reopen_reason: str | None = None
    chair_signing_public: str = ""  # who signed it (read from the statement; the laptop compares it with its pin)


_FIELDS = (
    "package_id", "round_uid", "round_name", "procedure", "anonymised", "assessor", "revision", "work_revision",
    "submitted_at", "created_at", "chair_audit_head", "chair_sealing_public", "reopened_at", "reopen_reason",
)  # fmt: skip


def write_work_package(
    path: Path, package: WorkPackage, documents: Mapping[str, Iterable[bytes]], code: str, signing: KeyPair
) -> str:
    """Write the package (atomically), encrypted under code and signed with the round's key; return its SHA-256.
    documents: the member name of each document and its content from the chair's store, read as it is written
    (streamed, never whole; a document whose content fails its SHA-256 stops the package)."""
    params = new_scrypt_params(CODE_SCRYPT_N)
    header = {"soort": PACKAGE_KIND, "ronde": package.round_uid, "sleutel": params}
    with SealedWriter(path, header, key_from_code(code, params), WHAT) as writer:
        writer.add(FRAMEWORK_MEMBER, package.framework_text.encode("utf-8"))
        writer.add(REGISTRATIONS_MEMBER, _json([asdict(r) for r in package.registrations]))
        writer.add(
            OWN_WORK_MEMBER,
            _json({"scores": [asdict(s) for s in package.scores], "checks": [asdict(c) for c in package.checks]}),
        )
        writer.add(DECLARATION_MEMBER, _json(asdict(package.declaration)))
        for member, content in documents.items():
            writer.add_chunks(member, iter(content))
        fields = {"soort": PACKAGE_KIND, **{name: getattr(package, name) for name in _FIELDS}}
        return writer.close(fields, signing.public, lambda data: sign(signing.private, data))


@dataclass(frozen=True)
class OpenWorkPackage:
    """A package decrypted and its signature checked: its content, and its documents to stream one at a time."""

    package: WorkPackage
    document_chunks: Callable[[str], Iterator[bytes]]


@contextmanager
def open_work_package(
    path: Path, code: str, pinned: Callable[[str], str | None] = lambda _uid: None
) -> Iterator[OpenWorkPackage]:
    """Decrypt a package with its code and check its signature; UserError naming the file and what is wrong.
    pinned(round uid) gives the chair's key this laptop pinned for the round (None: none yet); a package signed by
    another key is refused before anything in it is read."""
    with SealedArchive(Path(path), PACKAGE_KIND, WHAT) as archive:
        key = key_from_code(code, archive.header.get("sleutel") or {})
        statement = archive.unseal(
            key,
            f"De code klopt niet bij het werkpakket {archive.path.name} (of het bestand is onderweg gewijzigd). "
            "Gebruik de code die de voorzitter bij dit werkpakket heeft gegeven (elk werkpakket heeft zijn eigen "
            "code). Er is niets veranderd.",
        )
        if pinned(str(archive.header.get("ronde") or "")) not in (None, statement.signer):
            raise UserError(
                f"Het werkpakket {archive.path.name} is niet ondertekend door de voorzitter van deze ronde: de "
                "handtekening is van een andere sleutel dan die van het eerste werkpakket. Het is geweigerd; er is "
                "niets veranderd. Open alleen werkpakketten die u rechtstreeks van de voorzitter kreeg."
            )
        fields = statement.fields
        try:
            registrations = [
                PackageRegistration(**{**r, "documents": [PackageDocument(**d) for d in r["documents"]]})
                for r in archive.read_json(REGISTRATIONS_MEMBER)
            ]
            own = archive.read_json(OWN_WORK_MEMBER)
            package = WorkPackage(
                **{name: fields[name] for name in _FIELDS},
                chair_signing_public=statement.signer,
                framework_text=archive.read(FRAMEWORK_MEMBER).decode("utf-8"),
                registrations=registrations,
                scores=[ScoreEntry(**s) for s in own["scores"]],
                checks=[CheckEntry(**c) for c in own["checks"]],
                declaration=_declaration(archive.read_json(DECLARATION_MEMBER)),
            )
        except (TypeError, KeyError, UnicodeDecodeError) as exc:
            raise UserError(
                f"{WHAT} {archive.path.name} is onbruikbaar: de inhoud heeft niet de verwachte vorm."
            ) from exc
        if fields.get("soort") != PACKAGE_KIND or fields.get("round_uid") != archive.header.get("ronde"):
            raise UserError(f"{WHAT} {archive.path.name} is onbruikbaar: de inhoud hoort niet bij dit bestand.")
        yield OpenWorkPackage(package, archive.chunks)


def _declaration(data: dict[str, Any]) -> PackageDeclaration:
    return PackageDeclaration(
        confidentiality_declared_at=str(data["confidentiality_declared_at"]),
        conflicts=[DeclaredConflict(**c) for c in data["conflicts"]],
        conflicts_declared_at=None if data.get("conflicts_declared_at") is None else str(data["conflicts_declared_at"]),
    )


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
