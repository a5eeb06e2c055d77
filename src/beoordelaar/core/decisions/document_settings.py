"""A round's document settings: read, checked and saved (templates and kenmerk pattern refused when unusable)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.decisions.document_settings_rules import (
    DocumentSettings,
    kenmerk_problems,
    standstill_days_problems,
)
from beoordelaar.core.decisions.letter_template_files import default_templates
from beoordelaar.core.decisions.letter_templates import LetterTemplate, TemplateKey, template_problems
from beoordelaar.core.errors import UserError, os_reason
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.procedure import Procedure
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.storage.documents import DocumentStore

IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


def get_document_settings(sessions: sessionmaker[Session], round_id: int) -> tuple[DocumentSettings, Procedure]:
    with sessions() as session:
        rnd = find_round(session, round_id)
        return DocumentSettings.from_json(rnd.document_settings), Procedure(rnd.procedure)


def effective_templates(settings: DocumentSettings) -> dict[TemplateKey, LetterTemplate]:
    """The built-in templates, with the round's edited ones in their place."""
    return {**default_templates(), **settings.templates}


def save_document_settings(
    sessions: sessionmaker[Session], round_id: int, settings: DocumentSettings, *, actor: str
) -> DocumentSettings:
    """Save the settings. An unusable template or kenmerk pattern is refused whole (nothing saved); a field left
    empty may be saved, and is listed as blocking the letters until it is filled."""
    problems = kenmerk_problems(settings.kenmerk_pattern)
    for key, template in sorted(settings.templates.items()):
        problems += [f"Sjabloon '{key.label}': {p}" for p in template_problems(key, template)]
    if settings.standstill_days < 0:
        problems.append("De opschortende termijn kan niet negatief zijn.")
    if problems:
        raise UserError("De documentinstellingen zijn niet opgeslagen:\n- " + "\n- ".join(problems))
    # An edited template identical to the built-in one is not kept: a later improvement of the default reaches it.
    defaults = default_templates()
    templates = {k: t for k, t in settings.templates.items() if defaults.get(k) != t}
    settings = DocumentSettings.from_json({**settings.as_json(), "templates": {k.value: t.as_json() for k, t in
                                                                                templates.items()}})  # fmt: skip
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.DOCUMENT_SETTINGS)
        short = standstill_days_problems(settings, Procedure(rnd.procedure))
        if short:
            raise UserError("De documentinstellingen zijn niet opgeslagen:\n- " + "\n- ".join(short))
        rnd.document_settings = {**(rnd.document_settings or {}), **settings.as_json()}
        session.flush()
        record_action(session, "document-settings-saved", "rounds", str(rnd.id), None)
    return settings


def store_logo(documents: DocumentStore, path: Path) -> tuple[str, str]:
    """Keep a logo image (PNG or JPEG) in the document store; returns its SHA-256 and file name."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise UserError(f"Het logo {path} kan niet worden gelezen: {os_reason(exc)}.") from exc
    if not any(head.startswith(signature) for signature in IMAGE_SIGNATURES):
        raise UserError(f"Het logo {path.name} is geen PNG- of JPEG-afbeelding.")
    digest, _size = documents.add_file(path)
    return digest, path.name
