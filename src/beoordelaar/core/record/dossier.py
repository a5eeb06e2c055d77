"""The dossier of one registration: everything about it in one zip, for an auditor or a court.

The registration as imported, its documents, every individual score and check with motivation and revision, the
consensus and settled verdicts with their history, the verification interviews (record and report), the decisions,
the letters sent, its audit events, the return files that brought its scores in (each as its assessor's laptop
signed it, with the key: signed_returns.py checks them offline), and a manifest with the SHA-256 of every file and
the audit head hash.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from sqlalchemy import select

from beoordelaar.core.decisions.letter_sending import registration_sendings
from beoordelaar.core.errors import UserError
from beoordelaar.core.record.history import registration_history
from beoordelaar.core.record.history_text import HistoryNames, event_lines
from beoordelaar.core.record.signed_returns import dossier_entries
from beoordelaar.core.registrations.registrations import find_registration
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import head_hash, json_ready
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.storage.database import Database
from beoordelaar.core.verification.interview_documents import report_pdf
from beoordelaar.core.verification.verification import list_interviews


def _json(data: Any) -> bytes:
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


def build_dossier(database: Database, round_id: int, registration_number: str, out: Path) -> Path:
    files: dict[str, bytes] = {}
    missing: list[str] = []
    with database.sessions() as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.RECORD)
        registration = find_registration(session, rnd, registration_number)
        codes = {c.id: c.code for c in rnd.framework.criteria}
        names = {a.id: a.name for a in rnd.assessors}

        def with_names(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
            for row in rows:
                if "criterion_id" in row:
                    row["criterion"] = codes.get(row["criterion_id"])
                if "assessor_id" in row:
                    row["assessor"] = names.get(row["assessor_id"])
            return rows

        files["inschrijving.json"] = _json(
            {
                "round": rnd.name,
                "number": registration.number,
                "kvk": registration.provider.kvk,
                **{c.key: getattr(registration, c.key) for c in m.Registration.__table__.columns},
                "lots": [lot.code for lot in registration.lots],
                "declared_answers": {codes[a.criterion_id]: a.value for a in registration.answers},
            }
        )
        for document in registration.documents:
            if document.sha256 is None or not database.documents.has(document.sha256):
                missing.append(document.file_name)
                continue
            name = f"documenten/{_safe_name(document.file_name)}"
            files[name] = database.documents.path_for(document.sha256).read_bytes()
        order = (m.ScoreRevision.criterion_id, m.ScoreRevision.assessor_id, m.ScoreRevision.revision)
        files["individuele_scores.json"] = _json(with_names(_rows(session, m.ScoreRevision, registration.id, order)))
        order = (m.CheckRevision.criterion_id, m.CheckRevision.assessor_id, m.CheckRevision.revision)
        files["controles.json"] = _json(with_names(_rows(session, m.CheckRevision, registration.id, order)))
        order = (m.ConsensusScore.criterion_id, m.ConsensusScore.revision)
        files["consensus.json"] = _json(with_names(_rows(session, m.ConsensusScore, registration.id, order)))
        order = (m.RequirementVerdict.criterion_id, m.RequirementVerdict.revision)
        files["vastgestelde_eisen.json"] = _json(
            with_names(_rows(session, m.RequirementVerdict, registration.id, order))
        )
        decisions = _rows(session, m.Decision, registration.id, (m.Decision.id,))
        files["besluiten.json"] = _json(decisions)
        letters = session.execute(
            select(m.Letter).where(m.Letter.decision_id.in_([d["id"] for d in decisions])).order_by(m.Letter.id)
        ).scalars()
        sendings = {row.letter_id: row for row in registration_sendings(session, rnd, registration)}
        for letter in letters:
            name = _letter_name(letter.file_name, sendings[letter.id].superseded)
            if database.documents.has(letter.sha256):
                files[name] = database.documents.path_for(letter.sha256).read_bytes()
            else:
                missing.append(letter.file_name)
        # Per letter: made, planned and recorded sending, the standstill that counts, and whether it is superseded.
        files["brieven.json"] = _json([row.as_json() for row in sendings.values()])
        for name, entry in dossier_entries(session, rnd, registration).items():
            files[name] = _json(entry)
        round_name, number, registration_id = rnd.name, registration.number, registration.id
        head = head_hash(session)
    for record in list_interviews(database.sessions, round_id):
        if record.registration_id != registration_id:
            continue
        files[f"verificatie/gesprek-{record.id}-revisie-{record.revision}.json"] = _json(record.as_json())
        files[f"verificatie/verslag-{record.id}-revisie-{record.revision}.pdf"] = report_pdf(database, record.id)
    history = registration_history(database.sessions, round_id, number)
    files["geschiedenis.json"] = _json([e.as_json() for e in history])
    # The same history for a reader: Dutch words and local time (the JSON keeps the stored values).
    readable = [line for event in history for line in event_lines(event, HistoryNames(codes, names))]
    files["geschiedenis.txt"] = ("\n".join(readable) + "\n").encode("utf-8")
    manifest = {
        "round": round_name,
        "registration": number,
        "made_at": utcnow().isoformat(),
        "audit_head": head,
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
        "missing_documents": missing,
    }
    files["manifest.json"] = _json(manifest)
    return _write_zip(out, files)


def _write_zip(out: Path, files: dict[str, bytes]) -> Path:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".dossier-", suffix=".zip")
        os.close(fd)
        try:
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for name, data in sorted(files.items()):
                    # A fixed timestamp: the same dossier content gives the same bytes.
                    entry = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
                    archive.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED)
            os.replace(tmp, out)
        finally:
            Path(tmp).unlink(missing_ok=True)
    except OSError as exc:
        raise UserError(f"Het dossier kan niet worden geschreven naar {out}: {exc.strerror}.") from exc
    return out
