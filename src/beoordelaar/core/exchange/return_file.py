"""The return file: one sealed archive with one assessor's latest scores and checks for one round.

Written on the laptop: encrypted to the round's X25519 key (from the work package), so only the chair's database
opens it, and signed with the laptop's own Ed25519 key, which the chair pins once its fingerprint is confirmed with
the assessor. The signed statement names the round, the assessor, the revision, the SHA-256 of the work member and
the SHA-256 of the work on each registration (registration_work): with the statement, its signature, the key and the
work on one registration, anyone can check that registration's scores offline (verify_signed_work), without any
secret and without seeing the assessor's work on other providers.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from beoordelaar.core.errors import UserError
from beoordelaar.core.exchange.sealed_archive import SealedArchive, SealedWriter
from beoordelaar.core.exchange.work_package import CheckEntry, ScoreEntry
from beoordelaar.core.files.keys import (
    key_as_recipient,
    key_for_recipient,
    sign,
    signature_valid,
)

RETURN_KIND = "beoordelaar-retourbestand"
WHAT = "Het retourbestand"
WORK_MEMBER = "werk.json"
PER_REGISTRATION = "werk_per_inschrijving"
# The statement's fields, each with the types it may have (a crafted file is refused, never a traceback).
_FIELDS: dict[str, tuple[type, ...]] = {
    "round_uid": (str,), "round_name": (str,), "assessor": (str,), "work_revision": (int,),
    "package_revision": (int,), "submitted_at": (str, type(None)), "created_at": (str,), "audit_head": (str,),
}  # fmt: skip


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


def write_return_file(
    path: Path, content: ReturnContent, chair_sealing_public: str, laptop_private: str, laptop_public: str
) -> str:
    """Write the return file (atomically), encrypted to the chair and signed by the laptop; return its SHA-256."""
    ephemeral, key = key_for_recipient(chair_sealing_public, content.round_uid.encode("ascii"))
    header = {"soort": RETURN_KIND, "ronde": content.round_uid, "sleutel": {"x25519": ephemeral}}
    per_registration = {ref: _sha(text) for ref, text in registrations_work(content).items()}
    with SealedWriter(path, header, key, WHAT) as writer:
        writer.add(WORK_MEMBER, work_member_text(content).encode("utf-8"))
        fields = {
            "soort": RETURN_KIND, PER_REGISTRATION: per_registration,
            **{name: getattr(content, name) for name in _FIELDS},
        }  # fmt: skip
        return writer.close(fields, laptop_public, lambda data: sign(laptop_private, data))


@dataclass(frozen=True)
class ReturnStatement:
    """A return file's signed statement, decrypted and of sound shape; its signer is not yet compared with the
    key confirmed for the assessor (the caller does that before the work is read)."""

    fields: dict[str, Any]
    text: str  # exactly as signed
    signature: str
    signing_key: str

    @property
    def assessor(self) -> str:
        return str(self.fields["assessor"])

    @property
    def work_revision(self) -> int:
        return int(self.fields["work_revision"])


@dataclass(frozen=True)
class SignedReturn:
    """A return file decrypted, its signature and its work checked against the statement."""

    content: ReturnContent
    statement: str  # exactly as signed
    signature: str
    signing_key: str
    work: str  # the work member exactly as signed


_MAX_WORK = 64 << 20


class ReturnArchive:
    def __init__(self, archive: SealedArchive) -> None:
        self._archive = archive
        self.path = archive.path
        self.round_uid = str(archive.header.get("ronde") or "")

    @property
    def sha256(self) -> str:
        return self._archive.sha256

    def statement(self, chair_sealing_private: str) -> ReturnStatement:
        a = self._archive
        seal = a.header.get("sleutel")
        ephemeral = seal.get("x25519") if isinstance(seal, dict) else None
        key = key_as_recipient(chair_sealing_private, ephemeral, self.round_uid.encode("ascii", errors="replace"))
        statement = a.unseal(
            key,
            f"{WHAT} {a.path.name} kan met de sleutel van deze ronde niet worden geopend: het is gewijzigd, of niet "
            "voor deze ronde gemaakt. Het is geweigerd; er is niets veranderd.",
        )
        fields = statement.fields
        sound = all(
            name in fields and isinstance(fields[name], kinds) and not isinstance(fields[name], bool)
            for name, kinds in _FIELDS.items()
        )
        digests = fields.get(PER_REGISTRATION)
        if not sound or not isinstance(digests, dict) or not all(isinstance(v, str) for v in digests.values()):
            raise UserError(f"{WHAT} {a.path.name} is onbruikbaar: de verklaring heeft niet de verwachte vorm.")
        if fields["round_uid"] != self.round_uid:
            raise UserError(f"{WHAT} {a.path.name} is onbruikbaar: de inhoud hoort niet bij dit bestand.")
        return ReturnStatement(fields, statement.text, statement.signature, statement.signer)

    def signed(self, statement: ReturnStatement) -> SignedReturn:
        """The work, once the caller accepted the statement's signer: checked against the statement."""
        a = self._archive
        size = int(a.statement.members.get(WORK_MEMBER, {}).get("size", 0)) if a.statement else 0
        if size > _MAX_WORK:
            raise UserError(f"{WHAT} {a.path.name} is onbruikbaar: het werk is groter dan kan. Er is niets veranderd.")
        try:
            work = a.read(WORK_MEMBER).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UserError(f"{WHAT} {a.path.name} is onbruikbaar: het werk is onleesbaar.") from exc
        content = _content(statement.fields, work, a.path.name)
        if statement.fields[PER_REGISTRATION] != {ref: _sha(text) for ref, text in registrations_work(content).items()}:
            raise UserError(f"{WHAT} {a.path.name} is onbruikbaar: de verklaring klopt niet met het werk erin.")
        return SignedReturn(content, statement.text, statement.signature, statement.signing_key, work)


@contextmanager
def read_return_file(path: Path) -> Iterator[ReturnArchive]:
    """Open a return file's header (which round it is for); unseal it with the round's key."""
    with SealedArchive(Path(path), RETURN_KIND, WHAT) as archive:
        yield ReturnArchive(archive)


_SCORE = {"registration": str, "criterion": str, "revision": int, "value": str, "motivation": str, "scored_at": str}
_CHECK = {"registration": str, "criterion": str, "revision": int, "verdict": str, "note": str, "checked_at": str}


_MAX_NUMBER = 2**31 - 1  # revisions: far more than any round makes, and what every database column holds
_MOMENTS = ("scored_at", "checked_at")


def _entries(items: object, shape: dict[str, type]) -> list[dict[str, Any]]:
    """Entries of exactly this shape (every field, of its type, numbers in range, moments ISO 8601); ValueError
    otherwise."""
    if not isinstance(items, list):
        raise ValueError("not a list")
    names, kinds = tuple(shape), tuple(shape.values())
    values = itemgetter(*names)
    moments = [name for name in _MOMENTS if name in shape]
    for item in items:
        if type(item) is not dict or item.keys() != shape.keys():
            raise ValueError("not an entry")
        if tuple(map(type, values(item))) != kinds:
            raise ValueError("a field of the wrong type")
        if not 1 <= item["revision"] <= _MAX_NUMBER:
            raise ValueError("a revision out of range")
        for moment in moments:
            datetime.fromisoformat(item[moment])
    return items  # type: ignore[return-value]


def _sound_fields(fields: dict[str, Any]) -> None:
    """The statement's numbers in range and its moments ISO 8601; ValueError otherwise."""
    if not all(0 <= fields[n] <= _MAX_NUMBER for n in ("work_revision", "package_revision")):
        raise ValueError("a revision out of range")
    for name in ("submitted_at", "created_at"):
        if fields[name] is not None:
            datetime.fromisoformat(fields[name])


def _content(fields: dict[str, Any], work_text: str, file_name: str) -> ReturnContent:
    try:
        _sound_fields(fields)
        work = json.loads(work_text)
        if not isinstance(work, dict):
            raise ValueError("not an object")
        return ReturnContent(
            **{name: fields[name] for name in _FIELDS},
            scores=[ScoreEntry(**s) for s in _entries(work.get("scores"), _SCORE)],
            checks=[CheckEntry(**c) for c in _entries(work.get("checks"), _CHECK)],
        )
    except (TypeError, KeyError, ValueError, RecursionError) as exc:  # RecursionError: JSON nested beyond reason
        raise UserError(f"{WHAT} {file_name} is onbruikbaar: de inhoud heeft niet de verwachte vorm.") from exc


def signed_content(statement: str, work: str) -> ReturnContent:
    """The content of a merged return file from what was kept of it (its signed statement and work member)."""
    try:
        fields = json.loads(statement)
    except ValueError as exc:
        raise UserError("de ondertekende verklaring is onleesbaar") from exc
    return _content(fields, work, "in de database")


def registration_work(content: ReturnContent, ref: str) -> str:
    """The work on one registration in a fixed form (its SHA-256 is in the signed statement): what a dossier carries
    of a return file, and what an auditor checks against the signature."""
    return _work_text(
        ref, [s for s in content.scores if s.registration == ref], [c for c in content.checks if c.registration == ref]
    )


def registrations_work(content: ReturnContent) -> dict[str, str]:
    """registration_work of every registration the content holds, by reference, in one pass over the entries (one
    call per registration would read every entry for each)."""
    scores: dict[str, list[ScoreEntry]] = {}
    checks: dict[str, list[CheckEntry]] = {}
    for s in content.scores:
        scores.setdefault(s.registration, []).append(s)
    for c in content.checks:
        checks.setdefault(c.registration, []).append(c)
    return {ref: _work_text(ref, scores.get(ref, []), checks.get(ref, [])) for ref in sorted(scores.keys() | checks)}


def work_member_text(content: ReturnContent) -> str:
    """The work member of a return file: json.dumps of {"scores": [...], "checks": [...]} (entries as asdict gives
    them, in the content's order) with ensure_ascii=False, indent=2 and sort_keys=True, written as _work_text is."""
    return f'{{\n  "checks": {_entries_text(content.checks)},\n  "scores": {_entries_text(content.scores)}\n}}'


def _work_text(ref: str, scores: list[ScoreEntry], checks: list[CheckEntry]) -> str:
    """json.dumps of {"inschrijving": ref, "scores": [...], "checks": [...]} (each list by criterion, each entry as
    asdict gives it) with ensure_ascii=False, indent=2 and sort_keys=True: the signed form of existing files. Written
    out here, because json.dumps with an indent has only its pure-Python encoder (a return file of 300 registrations
    spent most of its check there); test_return_work holds the two texts equal on awkward values."""
    by_criterion = attrgetter("criterion")
    checks_text, scores_text = (
        _entries_text(sorted(checks, key=by_criterion)),
        _entries_text(sorted(scores, key=by_criterion)),
    )
    return f'{{\n  "checks": {checks_text},\n  "inschrijving": {_quoted(ref)},\n  "scores": {scores_text}\n}}'


_quoted = json.encoder.encode_basestring  # json.dumps' text of a str with ensure_ascii=False
_ENTRY_FIELDS = {
    kind: tuple((name, f"\n      {_quoted(name)}: ") for name in sorted(f.name for f in fields(kind)))
    for kind in (ScoreEntry, CheckEntry)
}  # each entry type's fields in sorted order, each with the text before its value at the entries' depth


def _entries_text(entries: list[ScoreEntry] | list[CheckEntry]) -> str:
    """json.dumps' text of a list of entries at depth 1 of the work (indent=2, sorted keys): a field that holds a text
    or a whole number written as json writes it, any other value by json itself."""
    if not entries:
        return "[]"
    parts = ["["]
    for entry in entries:
        parts.append("\n    {" if len(parts) == 1 else ",\n    {")
        separator = ""
        for name, before in _ENTRY_FIELDS[type(entry)]:
            value = getattr(entry, name)
            kind = type(value)
            text = _quoted(value) if kind is str else int.__repr__(value) if kind is int else _nested(value)
            parts += (separator, before, text)
            separator = ","
        parts.append("\n    }")
    parts.append("\n  ]")
    return "".join(parts)


def _nested(value: Any) -> str:
    """json.dumps' text of a value at an entry field's depth (a crafted or future entry's odd value)."""
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True).replace("\n", "\n      ")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SignedRegistrationWork:
    assessor: str
    revision: int
    round_uid: str
    scores: list[ScoreEntry]
    checks: list[CheckEntry]


def verify_signed_work(statement: str, signature: str, signing_key: str, ref: str, work: str) -> SignedRegistrationWork:
    """One registration's work of a merged return file, checked offline: the signature over the statement with the
    key, and the work against the registration's SHA-256 in the statement. UserError (in Dutch) says what fails."""
    if not all(isinstance(v, str) for v in (statement, signature, signing_key, ref, work)):
        raise UserError("de verklaring, de handtekening, de sleutel of het werk ontbreekt of is geen tekst")
    if not signature_valid(signing_key, statement.encode("utf-8"), signature):
        raise UserError("de handtekening klopt niet bij de verklaring en de sleutel")
    try:
        fields = json.loads(statement)
        signed = fields[PER_REGISTRATION][ref]
        data = json.loads(work)
        entries = SignedRegistrationWork(
            str(fields["assessor"]), int(fields["work_revision"]), str(fields["round_uid"]),
            [ScoreEntry(**e) for e in _entries(data["scores"], _SCORE)],
            [CheckEntry(**e) for e in _entries(data["checks"], _CHECK)],
        )  # fmt: skip
    except (KeyError, TypeError, ValueError) as exc:
        raise UserError(
            "de ondertekende verklaring of het werk is onleesbaar, of noemt deze inschrijving niet"
        ) from exc
    if fields.get("ondertekenaar") != signing_key or fields.get("soort") != RETURN_KIND:
        raise UserError("de verklaring is niet door deze sleutel als retourbestand ondertekend")
    if _sha(work) != signed or data.get("inschrijving") != ref:
        raise UserError("het werk bij deze inschrijving is niet wat de beoordelaar ondertekende")
    return entries
