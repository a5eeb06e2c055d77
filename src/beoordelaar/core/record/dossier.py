"""The dossier of one registration: everything about it in one zip, for an auditor or a court, readable without tools.

First a PDF overview (00-overzicht.pdf) that lists every file of the dossier in order with its SHA-256 and says in
words what they hold; beside it the originals: the registration as imported, its documents, every individual score
and check with motivation and revision, the consensus and settled verdicts, the verification interviews (record,
invitation and report), the decisions, the letters with their sending, the return files that brought its scores in
(each as its assessor's laptop signed it, with the key: signed_returns.py checks them offline), its history, and the
framework as applied; last SHA256SUMS.txt (for sha256sum -c) and manifest.json with the history's head hash.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select

from beoordelaar.core.consolidation.consensus import consensus_sheet
from beoordelaar.core.consolidation.settlement import RequirementRow, round_requirement_sheets
from beoordelaar.core.decisions.letter_sending import registration_sendings
from beoordelaar.core.errors import UserError, os_reason
from beoordelaar.core.record.dossier_summary import DossierSummary, gather_summary
from beoordelaar.core.record.dossier_summary_pdf import render_summary
from beoordelaar.core.record.history import registration_history
from beoordelaar.core.record.history_text import HistoryNames, event_lines
from beoordelaar.core.record.report_sections import interview_lines
from beoordelaar.core.record.signed_returns import dossier_entries
from beoordelaar.core.registrations.registrations import find_registration
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import head_hash, json_ready
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.storage.database import Database
from beoordelaar.core.text import word, zoned_moment_text
from beoordelaar.core.verification.interview_documents import invitation_pdf, report_pdf
from beoordelaar.core.verification.verification import InterviewRecord, list_interviews

SUMMARY = "00-overzicht.pdf"
SUMS = "SHA256SUMS.txt"


def json_bytes(data: Any) -> bytes:
    return json.dumps(json_ready(data), ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


def _safe_name(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_. " else "_" for ch in name).strip() or "document"


def _letter_name(file_name: str, superseded: bool) -> str:
    """brieven/Besluit_X_v1_vervangen.pdf for a letter a later version replaced."""
    safe = _safe_name(file_name)
    if superseded:
        stem, dot, ext = safe.rpartition(".")
        safe = f"{stem}_vervangen.{ext}" if dot else f"{safe}_vervangen"
    return f"brieven/{safe}"


def _rows(session: Any, model: type, registration_id: int, order: tuple) -> list[dict[str, Any]]:
    query = select(model).where(model.registration_id == registration_id).order_by(*order)  # type: ignore[attr-defined]
    return [{c.key: getattr(row, c.key) for c in row.__table__.columns} for row in session.execute(query).scalars()]


@dataclass
class DossierContent:
    """A registration's dossier before it is written: its files in the order of the procedure, what each is, and
    the summary that describes them."""

    round_name: str
    number: str
    head: str
    files: dict[str, bytes] = field(default_factory=dict)
    about: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    summary: DossierSummary | None = None

    def add(self, name: str, data: bytes, about: str) -> None:
        self.files[name] = data
        self.about[name] = about


@dataclass(frozen=True)
class RoundReadings:
    """What every registration's dossier of a round reads from the whole round, read once for a round's dossier."""

    requirements: dict[int, list[RequirementRow]]
    interviews: list[InterviewRecord]


def round_readings(database: Database, round_id: int) -> RoundReadings:
    return RoundReadings(
        round_requirement_sheets(database.sessions, round_id), list_interviews(database.sessions, round_id)
    )


def gather_dossier(
    database: Database, round_id: int, registration_number: str, readings: RoundReadings | None = None
) -> DossierContent:
    """Everything about one registration, as files and as the summary that lists and describes them."""
    readings = readings or round_readings(database, round_id)
    requirement_sheets = readings.requirements
    with database.sessions() as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.RECORD)
        registration = find_registration(session, rnd, registration_number)
        sheet = consensus_sheet(database.sessions, rnd.id, registration.number)
        codes = {c.id: c.code for c in rnd.framework.criteria}
        names = {a.id: a.name for a in rnd.assessors}
        content = DossierContent(rnd.name, registration.number, head_hash(session))

        def with_names(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
            for row in rows:
                if "criterion_id" in row:
                    row["criterion"] = codes.get(row["criterion_id"])
                if "assessor_id" in row:
                    row["assessor"] = names.get(row["assessor_id"])
            return rows

        content.add(
            "inschrijving.json",
            json_bytes(
                {
                    "round": rnd.name,
                    "number": registration.number,
                    "kvk": registration.provider.kvk,
                    **{c.key: getattr(registration, c.key) for c in m.Registration.__table__.columns},
                    "lots": [lot.code for lot in registration.lots],
                    "declared_answers": {codes[a.criterion_id]: a.value for a in registration.answers},
                }
            ),
            "de inschrijving zoals ingelezen: gegevens, percelen en opgaven",
        )
        for document in registration.documents:
            if document.sha256 is None or not database.documents.has(document.sha256):
                content.missing.append(document.file_name)
                continue
            content.add(
                f"documenten/{_safe_name(document.file_name)}",
                database.documents.read_bytes(document.sha256, document.file_name),
                f"origineel: {word('document_kind', document.kind)}",
            )
        for name, model, order, about in (
            ("controles.json", m.CheckRevision,
             (m.CheckRevision.criterion_id, m.CheckRevision.assessor_id, m.CheckRevision.revision),
             "elke toetsing van de leden, met revisie"),
            ("vastgestelde_eisen.json", m.RequirementVerdict,
             (m.RequirementVerdict.criterion_id, m.RequirementVerdict.revision), "de vastgestelde eisen, met revisie"),
            ("individuele_scores.json", m.ScoreRevision,
             (m.ScoreRevision.criterion_id, m.ScoreRevision.assessor_id, m.ScoreRevision.revision),
             "elke individuele score en motivering, met revisie"),
            ("consensus.json", m.ConsensusScore, (m.ConsensusScore.criterion_id, m.ConsensusScore.revision),
             "de consensusscores en hun motivering, met revisie"),
        ):  # fmt: skip
            content.add(name, json_bytes(with_names(_rows(session, model, registration.id, order))), about)
        decisions = _rows(session, m.Decision, registration.id, (m.Decision.id,))
        letters = session.execute(
            select(m.Letter).where(m.Letter.decision_id.in_([d["id"] for d in decisions])).order_by(m.Letter.id)
        ).scalars()
        sendings = {row.letter_id: row for row in registration_sendings(session, rnd, registration)}
        letter_files = []
        for letter in letters:
            name = _letter_name(letter.file_name, sendings[letter.id].superseded)
            if database.documents.has(letter.sha256):
                letter_files.append((name, database.documents.read_bytes(letter.sha256, letter.file_name), letter))
            else:
                content.missing.append(letter.file_name)
        returns = dossier_entries(session, rnd, registration)
        summary = gather_summary(
            session, rnd, registration, requirements=tuple(requirement_sheets.get(registration.id, ())), sheet=sheet,
            made_at=zoned_moment_text(utcnow()), head=content.head,
        )  # fmt: skip
        framework_text, registration_id = rnd.framework.source_text, registration.id
    interview_lines_ = []
    for record in readings.interviews:
        if record.registration_id != registration_id:
            continue
        which = f"{record.id}-revisie-{record.revision}"
        content.add(f"verificatie/gesprek-{which}.json", json_bytes(record.as_json()), "de gegevens van het gesprek")
        content.add(f"verificatie/uitnodiging-{which}.pdf", invitation_pdf(database, record.id), "de uitnodiging")
        content.add(f"verificatie/verslag-{which}.pdf", report_pdf(database, record.id), "het verslag van het gesprek")
        interview_lines_.append(interview_lines(record))
    content.add("besluiten.json", json_bytes(decisions), "elk besluit met zijn redenen, met revisie")
    for name, data, letter in letter_files:
        superseded = " (vervangen)" if sendings[letter.id].superseded else ""
        content.add(name, data, f"brief versie {letter.version}, kenmerk {letter.kenmerk}{superseded}")
    # Per letter: made, planned and recorded sending, the standstill that counts, and whether it is superseded.
    content.add(
        "brieven.json", json_bytes([row.as_json() for row in sendings.values()]), "de verzending van elke brief"
    )
    for name, entry in returns.items():
        content.add(name, json_bytes(entry), f"ondertekend werk uit het retourbestand van {entry['assessor']}")
    history = registration_history(database.sessions, round_id, content.number)
    content.add("geschiedenis.json", json_bytes([e.as_json() for e in history]), "de geschiedenis (opgeslagen waarden)")
    # The same history for a reader: Dutch words and local time (the JSON keeps the stored values).
    readable = [line for event in history for line in event_lines(event, HistoryNames(codes, names))]
    content.add("geschiedenis.txt", ("\n".join(readable) + "\n").encode("utf-8"), "de geschiedenis, leesbaar")
    content.add("beoordelingskader.toml", framework_text.encode("utf-8"), "het beoordelingskader zoals toegepast")
    content.summary = replace(
        summary, interviews=tuple(interview_lines_),
        # One line per event (when, who, what); every field before and after stands in geschiedenis.txt.
        history=tuple(event_lines(event, HistoryNames(codes, names))[0] for event in history),
        returns=tuple(
            (e["file"], f"{e['assessor']}, revisie {e['revision']}", zoned_moment_text(e["imported_at"]),
             e["file_sha256"], e["fingerprint"])
            for e in returns.values()
        ),
    )  # fmt: skip
    return content


def dossier_members(content: DossierContent) -> dict[str, bytes]:
    """The dossier's files as written: the summary first, then the files in order, then their digests."""
    assert content.summary is not None
    listed = tuple((name, content.about[name], two_lines(sha256_hex(data))) for name, data in content.files.items())
    pdf = render_summary(replace(content.summary, files=listed))
    members = {SUMMARY: pdf, **content.files}
    members[SUMS] = "".join(f"{sha256_hex(data)}  {name}\n" for name, data in members.items()).encode("utf-8")
    manifest = {
        "round": content.round_name,
        "registration": content.number,
        "made_at": utcnow().isoformat() + "Z",
        "audit_head": content.head,
        "files": {name: sha256_hex(data) for name, data in members.items()},
        "missing_documents": content.missing,
    }
    members["manifest.json"] = json_bytes(manifest)
    return members


def build_dossier(database: Database, round_id: int, registration_number: str, out: Path) -> Path:
    return write_zip(out, dossier_members(gather_dossier(database, round_id, registration_number)))


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def two_lines(digest: str) -> str:
    """A SHA-256 in two halves, so that it fits a column and reads (and compares) in groups."""
    return f"{digest[:32]}\n{digest[32:]}"


def write_zip(out: Path, files: dict[str, bytes]) -> Path:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".dossier-", suffix=".zip")
        os.close(fd)
        try:
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for name, data in files.items():
                    # A fixed timestamp: the same dossier content gives the same bytes.
                    entry = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
                    archive.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED)
            os.replace(tmp, out)
        finally:
            Path(tmp).unlink(missing_ok=True)
    except OSError as exc:
        raise UserError(f"Het dossier kan niet worden geschreven naar {out}: {os_reason(exc)}.") from exc
    return out
