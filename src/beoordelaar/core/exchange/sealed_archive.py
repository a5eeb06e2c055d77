"""A sealed archive: the shape of work packages and return files (format 2).

A zip of stored (not compressed) members:
- `beoordelaar.json`, in clear: the kind, the format version, the round's uid and how the key is found (the scrypt
  parameters of a package code, or the ephemeral X25519 key of a return file). Nothing about providers or scores.
- `inhoud/manifest`: the signed statement (the kind, the round, the signer's public key, the caller's fields, and per
  member its SHA-256, size and segments) with its Ed25519 signature.
- `inhoud/000001.000000`, ...: every member in segments of at most 1 MiB, so a large plan is never whole in memory.
Every encrypted member is AES-256-GCM with a fresh nonce, bound to the header and its own name; the statement binds
the plaintext of every member. The zip's comment is the SHA-256 of every byte before it, encrypted with the same key,
so no byte of the file (a time in a zip header included) changes unnoticed. A reader checks the header, then with the
key the comment, decrypts the manifest, checks the signature against the key it expects, and only then reads members,
each checked against its SHA-256. Written to a temporary name and renamed,
so a half-written file never carries the final name.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from beoordelaar.core.errors import UserError, os_reason
from beoordelaar.core.files.keys import WrongSecret, decrypt, encrypt, signature_valid

FORMAT = "beoordelaar-verzegeld"
FORMAT_VERSION = 2
HEADER = "beoordelaar.json"
MANIFEST = "inhoud/manifest"
SEGMENT = 1 << 20
_OVERHEAD = 12 + 16  # nonce and tag of AES-GCM
_MAX_HEADER = 64 * 1024
_MAX_MANIFEST = 32 << 20
_MAX_WHOLE = 256 << 20  # a member read whole: the registrations of a round of thousands are a few MB
_MAX_MEMBERS = 200_000
_COMMENT_LENGTH = 2  # the last field of the zip's end record, before the comment
OLD_MANIFEST = "manifest.json"  # format 1 (Beoordelaar 0.1): a plain zip with an HMAC in its comment


def _associated(header_digest: bytes, member: str) -> bytes:
    return header_digest + member.encode("ascii")


class SealedWriter:
    """Write a sealed archive: `with SealedWriter(...) as writer: writer.add(...); writer.close(...)`."""

    def __init__(self, path: Path, header: Mapping[str, Any], key: bytes, what: str) -> None:
        self.path, self.what, self._key = Path(path), what, key
        self._header = json.dumps(
            {"formaat": FORMAT, "versie": FORMAT_VERSION, **header}, ensure_ascii=False, sort_keys=True
        ).encode("utf-8")
        self._digest = hashlib.sha256(self._header).digest()
        self._members: dict[str, dict[str, Any]] = {}
        self._tmp: str | None = None
        self._zip: zipfile.ZipFile | None = None

    def __enter__(self) -> SealedWriter:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, self._tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
            os.close(fd)
            self._zip = zipfile.ZipFile(self._tmp, "w", compression=zipfile.ZIP_STORED)
            self._zip.writestr(HEADER, self._header)
        except OSError as exc:
            self._fail(exc)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._zip is not None:
            self._zip.close()
        if self._tmp is not None:
            Path(self._tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            self._fail(exc)

    def _fail(self, exc: OSError) -> None:
        raise UserError(f"{self.what} kan niet worden geschreven naar {self.path}: {os_reason(exc)}.") from exc

    def add(self, name: str, data: bytes) -> None:
        self.add_chunks(name, (data[i : i + SEGMENT] for i in range(0, max(len(data), 1), SEGMENT)))

    def add_chunks(self, name: str, chunks: Iterator[bytes]) -> None:
        assert self._zip is not None and name not in self._members
        index = len(self._members) + 1
        digest, size, segments = hashlib.sha256(), 0, 0
        for chunk in chunks:
            member = f"inhoud/{index:06d}.{segments:06d}"
            self._zip.writestr(member, encrypt(self._key, chunk, _associated(self._digest, member)))
            digest.update(chunk)
            size += len(chunk)
            segments += 1
        if segments == 0:  # an empty member still has its one (empty) segment
            return self.add_chunks(name, iter([b""]))
        self._members[name] = {"index": index, "segments": segments, "size": size, "sha256": digest.hexdigest()}

    def close(self, fields: Mapping[str, Any], signer: str, sign: Callable[[bytes], str]) -> str:
        """Sign the statement (fields and members) and put the file in place; return the file's SHA-256."""
        assert self._zip is not None and self._tmp is not None
        statement = json.dumps(
            {**fields, "ondertekenaar": signer, "bestanden": self._members}, ensure_ascii=False, sort_keys=True
        )
        manifest = json.dumps({"verklaring": statement, "handtekening": sign(statement.encode("utf-8"))})
        try:
            self._zip.writestr(
                MANIFEST, encrypt(self._key, manifest.encode("utf-8"), _associated(self._digest, MANIFEST))
            )
            self._zip.close()
            self._zip = None
            size = os.path.getsize(self._tmp)
            prefix, _ = _digests(Path(self._tmp), size - _COMMENT_LENGTH)
            comment = encrypt(self._key, prefix, _associated(self._digest, "zip"))
            with open(self._tmp, "rb+") as handle:
                handle.seek(size - _COMMENT_LENGTH)
                handle.write(len(comment).to_bytes(2, "little") + comment)
                handle.flush()
                os.fsync(handle.fileno())
            digest = _file_digest(Path(self._tmp))
            os.replace(self._tmp, self.path)
        except OSError as exc:
            self._fail(exc)
        self._tmp = None
        return digest


def _sound_entry(entry: object) -> bool:
    """A member's entry in the statement as the writer makes it: whole numbers in range and a SHA-256."""
    if not isinstance(entry, dict):
        return False
    index, segments, size, digest = (entry.get(k) for k in ("index", "segments", "size", "sha256"))
    numbers = all(type(v) is int for v in (index, segments, size))
    return (
        numbers and 1 <= index <= _MAX_MEMBERS and 1 <= segments <= _MAX_MEMBERS and 0 <= size <= segments * SEGMENT
        and isinstance(digest, str) and len(digest) == 64
    )  # fmt: skip


def _file_digest(path: Path) -> str:
    return _digests(path, 0)[1]


def _digests(path: Path, prefix_length: int) -> tuple[bytes, str]:
    """The SHA-256 of the file's first prefix_length bytes, and the hex SHA-256 of the whole file (one pass)."""
    prefix, whole = hashlib.sha256(), hashlib.sha256()
    read = 0
    with path.open("rb") as handle:
        while chunk := handle.read(SEGMENT):
            if read < prefix_length:
                prefix.update(chunk[: prefix_length - read])
            whole.update(chunk)
            read += len(chunk)
    return prefix.digest(), whole.hexdigest()


@dataclass(frozen=True)
class Statement:
    """What the signer signed: its text exactly as signed, the signature and the signer's public key."""

    text: str
    signature: str
    signer: str
    fields: dict[str, Any]
    members: dict[str, dict[str, Any]]

    def valid(self) -> bool:
        return signature_valid(self.signer, self.text.encode("utf-8"), self.signature)


class SealedArchive:
    """An archive opened for reading: the header first, then (with the key) the signed statement and the members."""

    def __init__(self, path: Path, kind: str, what: str) -> None:
        self.path, self.what, self.kind = Path(path), what, kind
        self._zip: zipfile.ZipFile | None = None
        self._key: bytes | None = None
        self.statement: Statement | None = None
        self._whole: tuple[bytes, str] | None = None

    def _file_digests(self) -> tuple[bytes, str]:
        """The digest the zip comment seals, and the file's SHA-256: read once, only when asked (opening a file to
        read its header, as the laptop does before it asks for a passphrase, reads no more than the header)."""
        if self._whole is None:
            prefix_length = self.path.stat().st_size - len(self._comment) - _COMMENT_LENGTH
            self._whole = _digests(self.path, prefix_length)
        return self._whole

    @property
    def sha256(self) -> str:
        return self._file_digests()[1]

    @property
    def _damaged(self) -> str:
        return (
            f"{self.what} {self.path.name} is beschadigd of onvolledig (misschien afgebroken tijdens het schrijven "
            "of kopiëren)"
        )

    def __enter__(self) -> SealedArchive:
        try:
            self._zip = zipfile.ZipFile(self.path)
            infos = self._zip.infolist()
            self._comment = self._zip.comment
        except FileNotFoundError as exc:
            raise UserError(f"Het bestand {self.path} bestaat niet.") from exc
        except IsADirectoryError as exc:
            raise UserError(f"{self.path} is een map, geen bestand.") from exc
        except (zipfile.BadZipFile, zipfile.LargeZipFile, struct.error, EOFError, ValueError, OSError) as exc:
            self.close()
            raise UserError(f"{self._damaged}: het is geen volledig zip-bestand. Er is niets veranderd.") from exc
        self._infos = {info.filename: info for info in infos}
        if len(infos) > _MAX_MEMBERS or any(
            info.compress_type != zipfile.ZIP_STORED or info.compress_size != info.file_size for info in infos
        ):
            self.close()
            raise UserError(f"{self._damaged}: het heeft niet de vorm van Beoordelaar. Er is niets veranderd.")
        if HEADER not in self._infos:
            self.close()
            self._refuse_other()
        self.header = self._json(HEADER, self._raw(HEADER, _MAX_HEADER))
        if self.header.get("formaat") != FORMAT or self.header.get("soort") != self.kind:
            self.close()
            raise UserError(f"{self.path.name} is geen {self._noun} van Beoordelaar. Er is niets veranderd.")
        if self.header.get("versie") != FORMAT_VERSION:
            self.close()
            raise UserError(
                f"{self.what} {self.path.name} heeft formaatversie {self.header.get('versie')}; deze versie van "
                f"Beoordelaar leest versie {FORMAT_VERSION}. Werk het programma bij; er is niets veranderd."
            )
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None

    @property
    def _noun(self) -> str:
        return self.what.removeprefix("Het ").removeprefix("De ")

    def _refuse_other(self) -> None:
        if OLD_MANIFEST in self._infos:
            raise UserError(
                f"{self.what} {self.path.name} heeft het oude formaat van Beoordelaar 0.1 (niet versleuteld en niet "
                "ondertekend zoals nu nodig is) en wordt daarom niet meer gelezen; er is niets veranderd. "
                + (
                    "Vraag de voorzitter om een nieuw werkpakket (opnieuw exporteren)."
                    if self.kind.endswith("werkpakket")
                    else "Laat de beoordelaar het nieuwe werkpakket openen en het retourbestand opnieuw maken."
                )
            )
        raise UserError(f"{self.path.name} is geen {self._noun} van Beoordelaar. Er is niets veranderd.")

    def _raw(self, name: str, limit: int) -> bytes:
        assert self._zip is not None
        info = self._infos.get(name)
        if info is None:
            raise UserError(f"{self._damaged}: een deel ontbreekt. Er is niets veranderd.")
        if info.file_size > limit:
            raise UserError(f"{self._damaged}: een deel is groter dan kan. Er is niets veranderd.")
        try:
            return self._zip.read(info)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise UserError(f"{self._damaged}: een deel is onleesbaar. Er is niets veranderd.") from exc

    def _json(self, name: str, data: bytes) -> Any:
        try:
            value = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
            raise UserError(f"{self._damaged}: een deel is onleesbaar. Er is niets veranderd.") from exc
        if not isinstance(value, dict):
            raise UserError(f"{self._damaged}: een deel heeft niet de verwachte vorm. Er is niets veranderd.")
        return value

    def unseal(self, key: bytes, wrong: str) -> Statement:
        """Decrypt the signed statement with key (wrong: the Dutch message when it is not the right key)."""
        digest = hashlib.sha256(self._raw(HEADER, _MAX_HEADER)).digest()
        try:
            whole = decrypt(key, self._comment, _associated(digest, "zip"))
        except WrongSecret as exc:
            raise WrongSecret(wrong) from exc
        if whole != self._file_digests()[0]:
            raise UserError(f"{self._damaged}: het bestand is gewijzigd na het maken. Er is niets veranderd.")
        try:
            manifest = decrypt(key, self._raw(MANIFEST, _MAX_MANIFEST), _associated(digest, MANIFEST))
        except WrongSecret as exc:
            raise UserError(f"{self._damaged}: de inhoudsopgave is gewijzigd. Er is niets veranderd.") from exc
        outer = self._json(MANIFEST, manifest)
        try:
            fields = json.loads(outer["verklaring"])
            statement = Statement(
                text=str(outer["verklaring"]), signature=str(outer["handtekening"]),
                signer=str(fields["ondertekenaar"]), fields=fields, members=dict(fields["bestanden"]),
            )  # fmt: skip
        except (KeyError, TypeError, ValueError, RecursionError) as exc:
            raise UserError(f"{self._damaged}: de inhoudsopgave is onleesbaar. Er is niets veranderd.") from exc
        if fields.get("soort") != self.kind or not all(_sound_entry(e) for e in statement.members.values()):
            raise UserError(
                f"{self._damaged}: de inhoudsopgave heeft niet de vorm van Beoordelaar. Er is niets veranderd."
            )
        if not statement.valid():
            raise UserError(
                f"{self.what} {self.path.name} is gewijzigd nadat het werd ondertekend (de handtekening klopt niet). "
                "Het is geweigerd; er is niets veranderd."
            )
        self._key, self._digest, self.statement = key, digest, statement
        return statement

    def chunks(self, name: str) -> Iterator[bytes]:
        """The member's plaintext, segment by segment; UserError at the end if it is not what the statement signed."""
        assert self.statement is not None and self._key is not None
        entry = self.statement.members.get(name)
        if entry is None:
            raise UserError(f"{self._damaged}: '{name}' ontbreekt. Er is niets veranderd.")
        digest, size = hashlib.sha256(), 0
        for segment in range(int(entry["segments"])):
            member = f"inhoud/{int(entry['index']):06d}.{segment:06d}"
            try:
                chunk = decrypt(self._key, self._raw(member, SEGMENT + _OVERHEAD), _associated(self._digest, member))
            except WrongSecret as exc:
                raise UserError(f"{self._damaged}: een deel is gewijzigd. Er is niets veranderd.") from exc
            digest.update(chunk)
            size += len(chunk)
            yield chunk
        if digest.hexdigest() != entry["sha256"] or size != entry["size"]:
            raise UserError(f"{self._damaged}: '{name}' klopt niet met de handtekening. Er is niets veranderd.")

    def read(self, name: str) -> bytes:
        """A small member whole (the JSON and text members); a document is read with chunks."""
        assert self.statement is not None
        if int(self.statement.members.get(name, {}).get("size", 0)) > _MAX_WHOLE:
            raise UserError(f"{self._damaged}: '{name}' is groter dan kan. Er is niets veranderd.")
        return b"".join(self.chunks(name))

    def read_json(self, name: str) -> Any:
        try:
            return json.loads(self.read(name).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
            raise UserError(f"{self.what} {self.path.name} is onbruikbaar: '{name}' is onleesbaar.") from exc
