"""Which stored documents the database still names: the SHA-256 of every document, letter and letters' logo. A
server's round removal keeps what another round names (server_documents.py); the folder store's clean-up at open keeps
it too, and what the history names besides (leftovers.py)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from beoordelaar.core.storage import models as m


def referenced_documents(session: Session) -> set[str]:
    """Every SHA-256 a row of the database names as stored content: documents, letters, the letters' logos."""
    found = set(session.execute(select(m.Document.sha256).where(m.Document.sha256.is_not(None))).scalars())
    found.update(session.execute(select(m.Letter.sha256)).scalars())
    for settings in session.execute(select(m.Round.document_settings)).scalars():
        logo = settings.get("logo") if isinstance(settings, dict) else None
        if isinstance(logo, str):
            found.add(logo)
    return found
