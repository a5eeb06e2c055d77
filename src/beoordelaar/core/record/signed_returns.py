"""What an auditor needs to check merged return files without the app's database or any secret: per file the
statement the assessor's laptop signed, its signature and public key (with fingerprint and who confirmed it), and
the work on one registration exactly as signed; and the check on the chair's database (dossier_check.py checks a
dossier).

Each score and check that a return file brought in must be what the assessor signed: same criterion, value, verdict
and motivation, in a file signed by the key confirmed for that assessor.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.commission.exchange_keys import registration_ref
from beoordelaar.core.errors import UserError
from beoordelaar.core.exchange.return_file import (
    SignedRegistrationWork,
    registration_work,
    registrations_work,
    signed_content,
    verify_signed_work,
)
from beoordelaar.core.files.keys import fingerprint
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage import models as m

DOSSIER_FOLDER = "retourbestanden"


@dataclass
class ReturnsCheck:
    """The outcome: how many files and merged rows were checked, and every problem found (in Dutch)."""

    files: int = 0
    rows: int = 0
    keys: dict[str, str] = field(default_factory=dict)  # assessor -> fingerprint
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and self.files > 0

    def as_json(self) -> dict[str, object]:
        return {"ok": self.ok, "files": self.files, "rows": self.rows, "keys": self.keys, "problems": self.problems}


def dossier_entries(session: Session, rnd: m.Round, registration: m.Registration) -> dict[str, dict[str, Any]]:
    """The dossier's files on the return files that brought scores or checks of this registration, by name."""
    ref = registration_ref(rnd, registration)
    used = set(
        session.execute(
            select(m.ScoreRevision.return_file_id).where(m.ScoreRevision.registration_id == registration.id)
        ).scalars()
    ) | set(
        session.execute(
            select(m.CheckRevision.return_file_id).where(m.CheckRevision.registration_id == registration.id)
        ).scalars()
    )
    files: dict[str, dict[str, Any]] = {}
    query = select(m.ReturnFile, m.Assessor).join(m.Assessor).where(m.ReturnFile.id.in_(used - {None}))
    for record, assessor in session.execute(query.order_by(m.ReturnFile.id)).all():
        if record.signed_statement is None or record.signed_work is None or record.signing_key is None:
            continue
        content = signed_content(record.signed_statement, record.signed_work)
        key = fingerprint(record.signing_key)
        confirmed = next((k for k in confirmed_keys(session, assessor.id) if k["fingerprint"] == key), {})
        files[f"{DOSSIER_FOLDER}/{record.id:04d} {assessor.name} revisie {record.revision}.json"] = {
            "return_file_id": record.id,
            "assessor": assessor.name,
            "revision": record.revision,
            "file": record.file_name,
            "file_sha256": record.sha256,
            "imported_at": record.imported_at,
            "registration": ref,
            "signing_key": record.signing_key,
            "fingerprint": key,
            "key_confirmed_at": confirmed.get("confirmed_at"),
            "key_confirmed_by": confirmed.get("confirmed_by"),
            "key_forgotten_at": confirmed.get("forgotten_at"),
            "statement": record.signed_statement,
            "signature": record.signature,
            "work": registration_work(content, ref),
        }
    return files


def verify_database(sessions: sessionmaker[Session], round_id: int) -> ReturnsCheck:
    """The same checks on the chair's database: every merged return file of the round, whole."""
    check = ReturnsCheck()
    with sessions() as session:
        rnd = find_round(session, round_id)
        refs = {r.id: registration_ref(rnd, r) for r in rnd.registrations}
        codes = {c.id: c.code for c in rnd.framework.criteria}
        query = select(m.ReturnFile, m.Assessor).join(m.Assessor).where(m.ReturnFile.round_id == rnd.id)
        for record, assessor in session.execute(query.order_by(m.ReturnFile.id)).all():
            name = f"{record.file_name} ({assessor.name}, revisie {record.revision})"
            if record.signed_statement is None or record.signed_work is None or record.signing_key is None:
                check.problems.append(f"{name}: ingelezen zonder handtekening van de laptop (oud formaat)")
                continue
            check.files += 1
            confirmed = {k["fingerprint"] for k in confirmed_keys(session, assessor.id)}
            if fingerprint(record.signing_key) not in confirmed:
                check.problems.append(f"{name}: niet ondertekend met een bevestigde sleutel van {assessor.name}")
            content = signed_content(record.signed_statement, record.signed_work)
            check.keys[assessor.name] = fingerprint(record.signing_key)
            merged_scores = _rows(session, m.ScoreRevision, record.id, refs, codes)
            merged_checks = _rows(session, m.CheckRevision, record.id, refs, codes)
            check.rows += len(merged_scores) + len(merged_checks)
            works = registrations_work(content)
            for ref in sorted({r["registration"] for r in [*merged_scores, *merged_checks]}):
                try:
                    signed = verify_signed_work(
                        record.signed_statement, str(record.signature), record.signing_key, ref,
                        works.get(ref) or registration_work(content, ref),
                    )  # fmt: skip
                except UserError as exc:
                    check.problems.append(f"{name}, inschrijving {ref}: {exc}")
                    continue
                mine = [r for r in merged_scores if r["registration"] == ref]
                theirs = [r for r in merged_checks if r["registration"] == ref]
                check.problems += [f"{name}: {p}" for p in _differences(signed, mine, theirs)]
    return check


def _rows(session: Session, model: type, file_id: int, refs: dict[int, str], codes: dict[int, str]) -> list[dict]:
    rows = session.execute(select(model).where(model.return_file_id == file_id)).scalars()  # type: ignore[attr-defined]
    return [
        {
            "registration": refs[r.registration_id], "criterion": codes[r.criterion_id],
            "value": getattr(r, "value", None), "verdict": getattr(r, "verdict", None),
            "motivation": getattr(r, "motivation", None), "note": getattr(r, "note", None),
        }
        for r in rows
    ]  # fmt: skip


def entry_matches(kind: str, row: dict[str, Any], entry: Any) -> bool:
    """Whether a merged row (kind "score" or "toetsing") is the signed entry: same value or verdict, same words."""
    if entry is None:
        return False
    if kind == "score":
        return _number(entry.value) == _number(row.get("value")) and (
            entry.motivation.strip() == str(row.get("motivation") or "").strip()
        )
    return entry.verdict == row.get("verdict") and entry.note.strip() == str(row.get("note") or "").strip()


def _differences(signed: SignedRegistrationWork, scores: Iterable[dict], checks: Iterable[dict]) -> list[str]:
    """Where a merged row is not what was signed: a score or check the file does not hold, or holds otherwise."""
    problems = []
    for kind, rows, entries in (("score", scores, signed.scores), ("toetsing", checks, signed.checks)):
        by_criterion = {e.criterion: e for e in entries}
        problems += [
            f"de {kind} bij {row['criterion']} is niet wat de beoordelaar ondertekende"
            for row in rows
            if not entry_matches(kind, row, by_criterion.get(str(row["criterion"])))
        ]
    return problems


def confirmed_keys(session: Session, assessor_id: int) -> list[dict[str, Any]]:
    """Every laptop key ever confirmed for the member, from the history: fingerprint, when and by whom confirmed, and
    when, by whom and why forgotten (None while it is the member's key)."""
    events = session.execute(
        select(m.AuditEvent)
        .where(
            m.AuditEvent.entity == "assessors", m.AuditEvent.entity_id == str(assessor_id),
            m.AuditEvent.action.in_(("laptop-key-confirmed", "laptop-key-forgotten")),
        )
        .order_by(m.AuditEvent.id)
    ).scalars()  # fmt: skip
    keys: list[dict[str, Any]] = []
    for event in events:
        details = event.after or {}
        if event.action == "laptop-key-confirmed":
            keys.append(
                {"fingerprint": details.get("fingerprint"), "confirmed_at": event.at, "confirmed_by": event.actor,
                 "forgotten_at": None, "forgotten_by": None, "reason": None}
            )  # fmt: skip
        elif keys and keys[-1]["forgotten_at"] is None:
            keys[-1].update(forgotten_at=event.at, forgotten_by=event.actor, reason=details.get("reason"))
    return keys


def _number(value: object) -> Decimal | None:
    try:
        return Decimal(str(value).replace(",", ".")).normalize()
    except InvalidOperation:
        return None
