"""Files that belong to a verification interview (documents the provider handed in on request): kept in the
document store by their SHA-256, listed with the interview and with the registration it concerns."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.registration_documents import DocumentRow
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.storage.database import Database

KIND = "interview"


def _chain(session: Session, interview: m.Interview) -> list[int]:
    """The interview and the revisions it corrects: a correction keeps the files of the record it corrects."""
    ids = [interview.id]
    current: m.Interview | None = interview
    while current is not None and current.supersedes_id is not None:
        ids.append(current.supersedes_id)
        current = session.get(m.Interview, current.supersedes_id)
    return ids


STATEMENT = (
    "De commissie verklaart dat dit stuk al vóór de sluitingstermijn bestond en niets aan de inschrijving verandert: "
    "het verduidelijkt alleen."
)


def add_interview_document(
    database: Database, interview_id: int, path: Path, actor: str, *, existed_before_deadline: bool = False
) -> DocumentRow:
    """Keep a file the provider handed in at the interview, with the record (and its registration); taken only with
    the commission's statement that it existed before the deadline and changes nothing in the bid (verification
    clarifies, it does not complete a bid), and refused once the record is approved."""
    if not existed_before_deadline:
        raise UserError(
            "Een stuk uit een verificatiegesprek wordt alleen bewaard met de verklaring van de commissie dat het al "
            "vóór de sluitingstermijn bestond en niets aan de inschrijving verandert: verificatie verduidelijkt, zij "
            "vult een inschrijving niet aan. Er is niets bewaard."
        )
    if not path.is_file():
        raise UserError(f"Het bestand {path} bestaat niet (meer).")
    with database.sessions() as session:
        interview = session.get(m.Interview, interview_id)
        if interview is None:
            raise UserError(f"Verificatiegesprek {interview_id} bestaat niet.")
        refuse_on_laptop(session, interview.round_id, ChairAction.VERIFY)
        if interview.status == "approved":
            raise UserError("Dit verslag is goedgekeurd en daarmee vastgelegd. Maak een correctie (nieuwe revisie).")
    digest, size = database.documents.add_file(path)
    with unit_of_work(database.sessions, actor) as session:
        interview = session.get_one(m.Interview, interview_id)
        document = m.Document(kind=KIND, interview_id=interview.id, registration_id=interview.registration_id,
                              file_name=path.name, sha256=digest, size=size)  # fmt: skip
        session.add(document)
        session.flush()
        record_action(
            session, "interview-document-added", "documents", str(document.id),
            {"interview": interview.id, "file": path.name, "sha256": digest, "statement": STATEMENT},
        )  # fmt: skip
        return DocumentRow(document.id, document.kind, document.file_name, None, digest, size, document.added_at)


def list_interview_documents(database: Database, interview_id: int) -> list[DocumentRow]:
    with database.sessions() as session:
        interview = session.get(m.Interview, interview_id)
        if interview is None:
            return []
        rows = session.execute(
            select(m.Document).where(m.Document.interview_id.in_(_chain(session, interview))).order_by(m.Document.id)
        ).scalars()
        return [DocumentRow(d.id, d.kind, d.file_name, None, d.sha256, d.size, d.added_at) for d in rows]
