"""A signed zip: the shape of work packages and return files.

The zip holds manifest.json (its kind, format version, the caller's fields and the SHA-256 of every other member)
and the members themselves. The whole archive up to its end record is signed with HMAC-SHA256, and the signature is
kept as the zip's comment, so a change in any byte (manifest, member, or zip structure) is found, and so is a file
cut short in copying. Written to a temporary name and renamed, so a half-written file never carries the final name.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from beoordelaar.core.errors import UserError

MANIFEST = "manifest.json"
SIGNATURE_PREFIX = b"beoordelaar-hmac-sha256:"
_CHUNK = 1 << 20
_COMMENT_LENGTH = 2  # the last field of the zip's end record, before the comment


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _mac_of_file(path: Path, length: int, key: bytes) -> str:
    mac = hmac.new(key, digestmod=hashlib.sha256)
    with path.open("rb") as handle:
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(_CHUNK, remaining))
            if not chunk:
                break
            mac.update(chunk)
            remaining -= len(chunk)
    return mac.hexdigest()


def write_signed_archive(
    path: Path, kind: str, fields: Mapping[str, Any], members: Mapping[str, bytes], key: bytes, what: str
) -> str:
    """Write the archive atomically; return its SHA-256. what names the file in a Dutch message ("Het werkpakket")."""
    path = Path(path)
    manifest = {
        "kind": kind,
        **fields,
        "files": {name: sha256_hex(data) for name, data in sorted(members.items())},
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(fd)
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST, manifest_bytes)
            for name, data in sorted(members.items()):
                archive.writestr(name, data)
        size = os.path.getsize(tmp)
        signature = SIGNATURE_PREFIX + _mac_of_file(Path(tmp), size - _COMMENT_LENGTH, key).encode("ascii")
        with open(tmp, "r+b") as handle:
            handle.seek(size - _COMMENT_LENGTH)
            handle.write(len(signature).to_bytes(2, "little") + signature)
            handle.flush()
            os.fsync(handle.fileno())
        digest = hashlib.sha256(Path(tmp).read_bytes()).hexdigest()
        os.replace(tmp, path)
        tmp = None
        return digest
    except OSError as exc:
        raise UserError(f"{what} kan niet worden geschreven naar {path}: {exc.strerror or exc}.") from exc
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


@dataclass(frozen=True)
class SignedArchive:
    """An archive read whole and checked for shape and digests; its signature is checked with verify(key)."""

    path: Path
    what: str
    sha256: str
    manifest: dict[str, Any]
    members: dict[str, bytes]
    signed_length: int
    signature: str

    def verify(self, key: bytes) -> None:
        """Refuse the archive (UserError) unless it was signed with key and is unchanged since."""
        actual = _mac_of_file(self.path, self.signed_length, key)
        if not hmac.compare_digest(actual, self.signature):
            raise UserError(
                f"{self.what} {self.path.name} is gewijzigd nadat het werd gemaakt, of is niet met de sleutel van "
                "deze ronde en deze beoordelaar ondertekend (de handtekening klopt niet). Het is geweigerd; "
                "er is niets veranderd."
            )

    def field(self, name: str) -> Any:
        if name not in self.manifest:
            raise UserError(f"{self.what} {self.path.name} is onbruikbaar: het manifest mist '{name}'.")
        return self.manifest[name]

    def json_member(self, name: str) -> Any:
        try:
            return json.loads(self.members[name].decode("utf-8"))
        except (KeyError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UserError(
                f"{self.what} {self.path.name} is onbruikbaar: '{name}' ontbreekt of is onleesbaar."
            ) from exc


def read_signed_archive(path: Path, kind: str, what: str) -> SignedArchive:
    """Read and check an archive of this kind: a zip, complete, with a manifest whose digests all match."""
    path = Path(path)
    damaged = f"{what} {path.name} is beschadigd of onvolledig (misschien afgebroken tijdens het schrijven of kopiëren)"
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise UserError(f"Het bestand {path} bestaat niet.") from exc
    except OSError as exc:
        raise UserError(f"Het bestand {path} kan niet worden gelezen: {exc.strerror}.") from exc
    try:
        with zipfile.ZipFile(path) as archive:
            comment = archive.comment
            members = {info.filename: archive.read(info) for info in archive.infolist()}
    except (
        zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, struct.error, EOFError, ValueError, OSError,
        NotImplementedError,
    ) as exc:  # fmt: skip
        raise UserError(f"{damaged}: het is geen volledig zip-bestand ({exc}). Er is niets veranderd.") from exc
    if not comment.startswith(SIGNATURE_PREFIX) or not data.endswith(comment):
        raise UserError(f"{damaged}: de handtekening ontbreekt. Er is niets veranderd.")
    signed_length = len(data) - len(comment) - _COMMENT_LENGTH
    if int.from_bytes(data[signed_length : signed_length + _COMMENT_LENGTH], "little") != len(comment):
        raise UserError(f"{damaged}: het einde van het bestand klopt niet. Er is niets veranderd.")
    manifest_bytes = members.pop(MANIFEST, None)
    if manifest_bytes is None:
        raise UserError(f"{what} {path.name} is onbruikbaar: manifest.json ontbreekt. Er is niets veranderd.")
    try:
        manifest = json.loads(manifest_bytes.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(f"{damaged}: manifest.json is onleesbaar. Er is niets veranderd.") from exc
    if not isinstance(manifest, dict) or manifest.get("kind") != kind:
        raise UserError(
            f"{path.name} is geen {what.removeprefix('Het ').removeprefix('De ')} van Beoordelaar "
            f"(soort: {manifest.get('kind') if isinstance(manifest, dict) else 'onbekend'})."
        )
    listed = manifest.get("files")
    if not isinstance(listed, dict) or set(listed) != set(members):
        raise UserError(f"{damaged}: de bestanden komen niet overeen met het manifest. Er is niets veranderd.")
    for name, digest in listed.items():
        if sha256_hex(members[name]) != digest:
            raise UserError(f"{damaged}: '{name}' klopt niet met zijn SHA-256 in het manifest. Er is niets veranderd.")
    return SignedArchive(
        path=path,
        what=what,
        sha256=hashlib.sha256(data).hexdigest(),
        manifest=manifest,
        members=members,
        signed_length=signed_length,
        signature=comment[len(SIGNATURE_PREFIX) :].decode("ascii", errors="replace"),
    )
