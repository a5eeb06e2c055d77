"""The document store: files kept by their SHA-256 beside the database, never overwritten, never renamed."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from beoordelaar.core.errors import UserError

CHUNK = 1 << 20


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class DocumentStore:
    root: Path

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

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
                    os.replace(tmp, target)
                finally:
                    Path(tmp).unlink(missing_ok=True)
            return digest, source.stat().st_size
        except OSError as exc:
            raise UserError(
                f"Het document {source} kan niet worden opgeslagen in {self.root}: {exc.strerror}."
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
            raise UserError(f"Een document kan niet worden opgeslagen in {self.root}: {exc.strerror}.") from exc
        finally:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
        return digest.hexdigest()
