"""A registration's documents: listing them, and the stored file to open (the UI opens it with the system viewer)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from beoordelaar.core.errors import UserError, os_reason
from beoordelaar.core.registrations.viewing_copies import write_viewing_copy
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database


@dataclass(frozen=True)
class DocumentRow:
    id: int
    kind: str
    file_name: str
    criterion: str | None
    sha256: str | None
    size: int | None
    added_at: datetime

    @property
    def missing(self) -> bool:
        return self.sha256 is None

    @property
    def viewable_pdf(self) -> bool:
        """A PDF that was handed in: the app can show it itself."""
        return not self.missing and self.file_name.lower().endswith(".pdf")


def document_to_show(rows: Sequence[DocumentRow]) -> int:
    """The position of the document to show first: the plan of approach as a PDF, else any PDF, else the first
    handed in, else the first; -1 without documents."""

    def rank(row: DocumentRow) -> tuple[bool, bool, bool]:
        return (not (row.viewable_pdf and row.kind == "plan"), not row.viewable_pdf, row.missing)

    return min(range(len(rows)), key=lambda i: (rank(rows[i]), i)) if rows else -1


def list_documents(database: Database, registration_id: int) -> list[DocumentRow]:
    with database.sessions() as session:
        rows = session.execute(
            select(m.Document, m.Criterion.code)
            .outerjoin(m.Criterion, m.Criterion.id == m.Document.criterion_id)
            .where(m.Document.registration_id == registration_id)
            .order_by(m.Document.id)
        ).all()
        return [DocumentRow(d.id, d.kind, d.file_name, code, d.sha256, d.size, d.added_at) for d, code in rows]


def document_file(database: Database, document_id: int) -> Path:
    """The stored file of a document (checked against its SHA-256), to open in the app; UserError (Dutch) when it is
    missing or damaged."""
    with database.sessions() as session:
        document = session.get(m.Document, document_id)
        if document is None:
            raise UserError(f"Document {document_id} bestaat niet.")
        if document.sha256 is None:
            raise UserError(
                f"Het document '{document.file_name}' ontbreekt: het stond in de export, maar het bestand is niet "
                "aangeleverd. Importeer de export opnieuw met de map waarin het staat."
            )
        sha256, name = document.sha256, document.file_name
    return database.documents.local_file(sha256, name)


def document_for_viewing(database: Database, document_id: int) -> Path:
    """A copy of the document for the system viewer, named after the file that was handed in, in the app's folder
    of opened documents (user-only, emptied when the app closes). The stored original is never handed out."""
    stored = document_file(database, document_id)
    with database.sessions() as session:
        document = session.get_one(m.Document, document_id)
        original, sha256 = Path(Path(document.file_name).name or "document"), str(document.sha256)
    # The digest in the name: two documents of the same name are two copies, the same document is one.
    name = f"{original.stem} (kopie ter inzage {sha256[:8]}){original.suffix}"
    try:
        return write_viewing_copy(stored, name)
    except OSError as exc:
        raise UserError(
            f"Het document '{original.name}' kan niet worden klaargezet om te openen: {os_reason(exc)}."
        ) from exc
