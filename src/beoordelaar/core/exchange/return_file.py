"""The return file: one signed zip with one assessor's latest scores and checks for one round.

Signed on the laptop with the assessor's key from the work package. The chair reads the manifest first (which round,
which assessor), derives that assessor's key from the round's secret, and only then trusts anything in it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from beoordelaar.core.errors import UserError
from beoordelaar.core.exchange.signed_archive import SignedArchive, read_signed_archive, write_signed_archive
from beoordelaar.core.exchange.work_package import CheckEntry, ScoreEntry

RETURN_KIND = "beoordelaar-retourbestand"
FORMAT_VERSION = 1
WHAT = "Het retourbestand"
WORK_MEMBER = "werk.json"


@dataclass(frozen=True)
class ReturnContent:
    round_uid: str
    round_name: str
    assessor: str
    work_revision: int
    package_revision: int
    submitted_at: str | None
    created_at: str
    audit_head: str
    scores: list[ScoreEntry]
    checks: list[CheckEntry]


def write_return_file(path: Path, content: ReturnContent, key: bytes) -> str:
    """Write the return file (atomically); return its SHA-256."""
    fields = {
        "format_version": FORMAT_VERSION,
        "round_uid": content.round_uid,
        "round_name": content.round_name,
        "assessor": content.assessor,
        "work_revision": content.work_revision,
        "package_revision": content.package_revision,
        "submitted_at": content.submitted_at,
        "created_at": content.created_at,
        "audit_head": content.audit_head,
    }
    work = {"scores": [asdict(s) for s in content.scores], "checks": [asdict(c) for c in content.checks]}
    members = {WORK_MEMBER: json.dumps(work, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")}
    return write_signed_archive(path, RETURN_KIND, fields, members, key, WHAT)


@dataclass(frozen=True)
class UnverifiedReturn:
    """A return file whose shape and digests are sound, but whose signature is not checked yet."""

    archive: SignedArchive

    @property
    def sha256(self) -> str:
        return self.archive.sha256

    @property
    def round_uid(self) -> str:
        return str(self.archive.field("round_uid"))

    @property
    def round_name(self) -> str:
        return str(self.archive.field("round_name"))

    @property
    def assessor(self) -> str:
        return str(self.archive.field("assessor"))

    def verified(self, key: bytes) -> ReturnContent:
        """The content, once the signature is checked against the assessor's key; UserError otherwise."""
        self.archive.verify(key)
        a = self.archive
        try:
            work = a.json_member(WORK_MEMBER)
            return ReturnContent(
                round_uid=self.round_uid,
                round_name=self.round_name,
                assessor=self.assessor,
                work_revision=int(a.field("work_revision")),
                package_revision=int(a.field("package_revision")),
                submitted_at=a.field("submitted_at"),
                created_at=str(a.field("created_at")),
                audit_head=str(a.field("audit_head")),
                scores=[ScoreEntry(**s) for s in work["scores"]],
                checks=[CheckEntry(**c) for c in work["checks"]],
            )
        except (TypeError, KeyError, ValueError) as exc:
            raise UserError(f"{WHAT} {a.path.name} is onbruikbaar: de inhoud heeft niet de verwachte vorm.") from exc


def read_return_file(path: Path) -> UnverifiedReturn:
    archive = read_signed_archive(path, RETURN_KIND, WHAT)
    version = archive.field("format_version")
    if version != FORMAT_VERSION:
        raise UserError(
            f"{WHAT} {archive.path.name} heeft formaatversie {version}; deze versie van Beoordelaar leest versie "
            f"{FORMAT_VERSION}. Werk het programma bij."
        )
    return UnverifiedReturn(archive)
