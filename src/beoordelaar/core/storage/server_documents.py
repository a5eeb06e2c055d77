"""The document store of a server database: every document in the database itself, so each user of the server sees
what any of them imported. A document is one row (stored_documents, by its SHA-256) and its content in pieces of at
most 1 MiB (document_parts, bytea, in order), written and read piece by piece: a 50 MB plan is never whole in memory.
Pieces of bytea rather than large objects: rows go with their transaction, with pg_dump and with the row-level
security of the other tables, and removing a row removes its content (large objects need lo_unlink and vacuumlo).

Each store is its own short transaction, as a file written beside a database file is: the action's own unit of work
then records the document's row. The content is checked on the way in (the server's SHA-256 of what it holds) and on
the way out (every read, as the pieces arrive)."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import IO

from sqlalchemy import Connection, Engine, delete, insert, select, text, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from beoordelaar.core.errors import UserError, os_reason
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.storage.document_references import referenced_documents
from beoordelaar.core.storage.documents import (
    CHUNK,
    checked,
    damaged,
    missing,
    sha256_of,
    user_only_folder,
    write_checked_copy,
)

# A round removed takes the content only it referenced, unless it was stored this recently: an import still running
# on another computer may have stored it and not yet committed the row that names it.
REMOVAL_GRACE = timedelta(hours=6)


# The server's own SHA-256 of the content it holds, pieces in order.
_RENEW = text("SELECT beoordelaar_renew_document(:sha256, :renewed)")
_HELD = text(
    "SELECT encode(sha256(string_agg(content, ''::bytea ORDER BY part)), 'hex') FROM document_parts "
    "WHERE sha256 = :sha256"
)


def _pieces(handle: IO[bytes]) -> Iterator[bytes]:
    while chunk := handle.read(CHUNK):
        yield chunk


@dataclass(frozen=True)
class ServerDocumentStore:
    engine: Engine
    copies: Path  # where local_file puts its checked copies: the user's own folder of opened documents
    shown: str  # the server database, as the user reads it (without a password)

    @property
    def where(self) -> str:
        return f"de database {self.shown}"

    def has(self, sha256: str) -> bool:
        with self.engine.connect() as connection:
            found = connection.execute(select(m.StoredDocument.sha256).where(m.StoredDocument.sha256 == sha256))
            return found.first() is not None

    def size(self, sha256: str) -> int:
        with self.engine.connect() as connection:
            size = connection.execute(select(m.StoredDocument.size).where(m.StoredDocument.sha256 == sha256)).scalar()
        if size is None:
            raise missing(sha256[:16], self.where)
        return int(size)

    def add_file(self, source: Path) -> tuple[str, int]:
        """Store a file (once per content); return its SHA-256 and size."""
        try:
            digest = sha256_of(source)
            with source.open("rb") as handle:
                size = self._store(digest, _pieces(handle), source.name)
        except OSError as exc:
            raise UserError(f"Het document {source} kan niet worden gelezen: {os_reason(exc)}.") from exc
        return digest, size

    def add_bytes(self, data: bytes) -> str:
        return self.add_chunks(iter([data]))

    def add_chunks(self, chunks: Iterator[bytes]) -> str:
        """Store content that arrives in pieces (a document streamed out of a work package); return its SHA-256.
        The pieces are spooled to a temporary file first (the digest, the row's key, is known only at their end)."""
        digest = hashlib.sha256()
        with tempfile.TemporaryFile() as spool:
            for chunk in chunks:
                digest.update(chunk)
                spool.write(chunk)
            spool.seek(0)
            self._store(digest.hexdigest(), _pieces(spool), "een document")
        return digest.hexdigest()

    def _store(self, sha256: str, pieces: Iterable[bytes], name: str) -> int:
        try:
            with self.engine.begin() as connection:
                return self._stored(connection, sha256, pieces, name)
        except OperationalError as exc:
            raise UserError(
                f"Het document '{name}' kan niet worden opgeslagen in {self.where}: de server antwoordt niet "
                "(meer). Er is niets opgeslagen."
            ) from exc

    def _stored(self, connection: Connection, sha256: str, pieces: Iterable[bytes], name: str) -> int:
        from sqlalchemy.dialects.postgresql import insert as pg_insert  # a laptop's start need not load PostgreSQL's

        now = utcnow()
        while True:
            new = connection.execute(
                pg_insert(m.StoredDocument)
                .values(sha256=sha256, size=0, stored_at=now)
                .on_conflict_do_nothing(index_elements=["sha256"])
                .returning(m.StoredDocument.sha256)
            ).first()
            if new is not None:
                break
            # There already (perhaps being written by a colleague, whose commit this waited for): renew it.
            # Through 0019's function: the row may be one this user cannot see (stored for another procedure).
            renewed = connection.execute(_RENEW, {"sha256": sha256, "renewed": now}).scalar()
            if renewed is not None:
                return int(renewed)
            # Removed meanwhile (with a round): store it anew.
        digest, size, part = hashlib.sha256(), 0, 0
        for part, chunk in enumerate(pieces):
            digest.update(chunk)
            size += len(chunk)
            connection.execute(insert(m.DocumentPart).values(sha256=sha256, part=part, content=chunk))
        if size == 0:
            connection.execute(insert(m.DocumentPart).values(sha256=sha256, part=0, content=b""))
        held = connection.execute(_HELD, {"sha256": sha256}).scalar()
        if digest.hexdigest() != sha256 or held != sha256:  # the file changed while it was read, or the server
            raise damaged(name, sha256)  # holds other bytes than were sent: rolled back, nothing stored
        connection.execute(update(m.StoredDocument).where(m.StoredDocument.sha256 == sha256).values(size=size))
        return size

    def _raw_chunks(self, sha256: str, name: str) -> Iterator[bytes]:
        with self.engine.connect() as connection:
            known = connection.execute(select(m.StoredDocument.sha256).where(m.StoredDocument.sha256 == sha256))
            if known.first() is None:
                raise missing(name, self.where)
            parts = connection.execution_options(stream_results=True, yield_per=1).execute(
                select(m.DocumentPart.content).where(m.DocumentPart.sha256 == sha256).order_by(m.DocumentPart.part)
            )
            for (content,) in parts:
                yield bytes(content)

    def chunks(self, sha256: str, name: str) -> Iterator[bytes]:
        return checked(self._raw_chunks(sha256, name), sha256, name)

    def read_bytes(self, sha256: str, name: str) -> bytes:
        return b"".join(self.chunks(sha256, name))

    def local_file(self, sha256: str, name: str) -> Path:
        """A checked copy on this computer, for what needs a file (the plan viewer, a logo in a letter): in the
        user's own folder of opened documents, which the app empties when it closes."""
        try:
            target = user_only_folder(self.copies) / f"opgeslagen-{sha256}"
            if target.is_file() and sha256_of(target) == sha256:
                return target
            return write_checked_copy(self.chunks(sha256, name), target)
        except OSError as exc:
            reason = os_reason(exc)
            raise UserError(f"Het document '{name}' kan niet worden klaargezet om te openen: {reason}.") from exc


def release_documents(session: Session, candidates: set[str]) -> int:
    """Remove, in the session's transaction, the stored content of candidates that no row names any more (and that
    was not stored within REMOVAL_GRACE); return how many went. A database file keeps none here: nothing happens."""
    unreferenced = candidates - referenced_documents(session)
    if not unreferenced:
        return 0
    removed = session.execute(
        delete(m.StoredDocument).where(
            m.StoredDocument.sha256.in_(unreferenced), m.StoredDocument.stored_at < utcnow() - REMOVAL_GRACE
        )
    )
    return int(removed.rowcount or 0)
