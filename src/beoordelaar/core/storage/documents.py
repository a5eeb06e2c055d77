"""The document store: files kept by their SHA-256, never overwritten, never renamed, and checked against it on every
read. A database file keeps them in a folder beside it (FolderDocumentStore); a server database keeps them in the
database itself, so every user of the server sees them (server_documents.py). Both have the one interface the
actions use (DocumentStore)."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from beoordelaar.core.errors import UserError, os_reason

CHUNK = 1 << 20
USER_ONLY_FOLDER = 0o700


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def damaged(name: str, sha256: str) -> UserError:
    return UserError(
        f"Het document '{name}' is beschadigd: de opgeslagen inhoud klopt niet met de vastgelegde SHA-256 "
        f"({sha256[:16]}…). Het is niet gebruikt; zet het terug uit een back-up of importeer het opnieuw."
    )


def missing(name: str, where: str) -> UserError:
    return UserError(f"Het document '{name}' staat niet (meer) in de documentenopslag ({where}).")


def checked(chunks: Iterator[bytes], sha256: str, name: str) -> Iterator[bytes]:
    """The chunks as they come, and at their end a Dutch error naming the document if they are not its content: a
    reader that streams (a work package) then stops before it finishes what it writes."""
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
        yield chunk
    if digest.hexdigest() != sha256:
        raise damaged(name, sha256)


def user_only_folder(folder: Path) -> Path:
    """folder made (if needed) readable by the user alone; mkdir's mode yields to the umask, and the folder may be
    older, so it is set every time."""
    folder.mkdir(mode=USER_ONLY_FOLDER, parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(folder, USER_ONLY_FOLDER)
    return folder


def write_checked_copy(chunks: Iterator[bytes], target: Path) -> Path:
    """The chunks written to target through a temporary name (0600) in its folder: a crash, or content that is not
    what its digest says (checked raises at the end), never leaves a file under the name."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


class DocumentStore(Protocol):
    """What the actions do with documents, on any engine. name: the document as the user knows it, for the message
    when it is missing or damaged."""

    @property
    def where(self) -> str: ...

    def has(self, sha256: str) -> bool: ...

    def size(self, sha256: str) -> int: ...

    def add_file(self, source: Path) -> tuple[str, int]: ...

    def add_bytes(self, data: bytes) -> str: ...

    def add_chunks(self, chunks: Iterator[bytes]) -> str: ...

    def chunks(self, sha256: str, name: str) -> Iterator[bytes]: ...

    def read_bytes(self, sha256: str, name: str) -> bytes: ...

    def local_file(self, sha256: str, name: str) -> Path: ...


@dataclass(frozen=True)
class FolderDocumentStore:
    """The store of a database file: a folder beside it (`<name>-documenten/`), one file per content."""

    root: Path

    @property
    def where(self) -> str:
        return str(self.root)

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def size(self, sha256: str) -> int:
        return self.path_for(sha256).stat().st_size

    def add_file(self, source: Path) -> tuple[str, int]:
        """Copy a file into the store (once per content); return its SHA-256 and size."""
        try:
            digest = sha256_of(source)
            target = self.path_for(digest)
            if not target.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                # Copy to a temporary name first: a full disk or a crash never leaves a half file under a digest.
                fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
                os.close(fd)
                try:
                    shutil.copyfile(source, tmp)
                    if sha256_of(Path(tmp)) != digest:  # the source changed while it was read
                        raise damaged(source.name, digest)
                    os.replace(tmp, target)
                finally:
                    Path(tmp).unlink(missing_ok=True)
            return digest, source.stat().st_size
        except OSError as exc:
            raise UserError(
                f"Het document {source} kan niet worden opgeslagen in {self.root}: {os_reason(exc)}."
            ) from exc

    def add_bytes(self, data: bytes) -> str:
        return self.add_chunks(iter([data]))

    def add_chunks(self, chunks: Iterator[bytes]) -> str:
        """Store content that arrives in pieces (a document streamed out of a work package); return its SHA-256.
        The pieces go to a temporary name first, so an error while reading them leaves nothing under a digest."""
        digest = hashlib.sha256()
        tmp: str | None = None
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                for chunk in chunks:
                    digest.update(chunk)
                    handle.write(chunk)
            target = self.path_for(digest.hexdigest())
            if not target.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp, target)
                tmp = None
        except OSError as exc:
            raise UserError(f"Een document kan niet worden opgeslagen in {self.root}: {os_reason(exc)}.") from exc
        finally:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
        return digest.hexdigest()

    def _raw_chunks(self, sha256: str, name: str) -> Iterator[bytes]:
        path = self.path_for(sha256)
        try:
            handle = path.open("rb")
        except FileNotFoundError as exc:
            raise missing(name, str(path)) from exc
        except OSError as exc:
            raise UserError(f"Het document '{name}' kan niet worden gelezen ({path}): {os_reason(exc)}.") from exc
        with handle:
            while chunk := handle.read(CHUNK):
                yield chunk

    def chunks(self, sha256: str, name: str) -> Iterator[bytes]:
        return checked(self._raw_chunks(sha256, name), sha256, name)

    def read_bytes(self, sha256: str, name: str) -> bytes:
        return b"".join(self.chunks(sha256, name))

    def local_file(self, sha256: str, name: str) -> Path:
        """The stored file itself, once it is checked against its digest."""
        for _chunk in self.chunks(sha256, name):
            pass
        return self.path_for(sha256)
