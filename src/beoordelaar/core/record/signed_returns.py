"""What an auditor needs to check merged return files without the app's database or any secret: per file the
statement the assessor's laptop signed, its signature and public key (with fingerprint and who confirmed it), and
the work on one registration exactly as signed; and the checks themselves, on a dossier or on the chair's database.

Each score and check that a return file brought in must be what the assessor signed: same criterion, value, verdict
and motivation, in a file signed by the key confirmed for that assessor.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.commission.exchange_keys import registration_ref
from beoordelaar.core.errors import UserError
from beoordelaar.core.exchange.return_file import (
    SignedRegistrationWork,
    registration_work,
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
        files[f"{DOSSIER_FOLDER}/{record.id:04d} {assessor.name} revisie {record.revision}.json"] = {
            "return_file_id": record.id,
            "assessor": assessor.name,
            "revision": record.revision,
            "file": record.file_name,
            "file_sha256": record.sha256,
            "imported_at": record.imported_at,
            "registration": ref,
            "signing_key": record.signing_key,
            "fingerprint": fingerprint(record.signing_key),
            "key_confirmed_at": assessor.laptop_key_confirmed_at,
            "key_confirmed_by": assessor.laptop_key_confirmed_by,
            "statement": record.signed_statement,
            "signature": record.signature,
            "work": registration_work(content, ref),
        }
    return files


def verify_dossier(path: Path) -> ReturnsCheck:
    """Check the return files in a dossier (build_dossier) offline: each signature, each registration's work against
    the statement, and each merged score and check in the dossier against what was signed."""
    check = ReturnsCheck()
    if not Path(path).is_file():
        raise UserError(f"Het bestand {path} bestaat niet.")
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            entries = [json.loads(archive.read(n)) for n in names if n.startswith(f"{DOSSIER_FOLDER}/")]
            scores = json.loads(archive.read("individuele_scores.json"))
            checks = json.loads(archive.read("controles.json"))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UserError(
            f"{Path(path).name} is geen leesbaar dossier van Beoordelaar; er is niets gecontroleerd."
        ) from exc
    for entry in entries:
        name = f"{entry.get('file')} ({entry.get('assessor')}, revisie {entry.get('revision')})"
        try:
            signed = verify_signed_work(
                entry["statement"], entry["signature"], entry["signing_key"], entry["registration"], entry["work"]
            )
        except (UserError, KeyError, TypeError) as exc:
            check.problems.append(f"{name}: {exc}")
            continue
        if entry.get("fingerprint") != fingerprint(entry["signing_key"]):
            check.problems.append(f"{name}: de vingerafdruk hoort niet bij de sleutel")
        if signed.assessor != entry.get("assessor"):
            check.problems.append(f"{name}: ondertekend door {signed.assessor}, niet door {entry.get('assessor')}")
        check.files += 1
        check.keys[str(entry["assessor"])] = str(entry.get("fingerprint"))
        merged_scores = [r for r in scores if r.get("return_file_id") == entry["return_file_id"]]
        merged_checks = [r for r in checks if r.get("return_file_id") == entry["return_file_id"]]
        check.rows += len(merged_scores) + len(merged_checks)
        check.problems += [f"{name}: {p}" for p in _differences(signed, merged_scores, merged_checks)]
    return check


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
            if record.signing_key != assessor.laptop_key:
                check.problems.append(f"{name}: niet ondertekend met de bevestigde sleutel van {assessor.name}")
            content = signed_content(record.signed_statement, record.signed_work)
            check.keys[assessor.name] = fingerprint(record.signing_key)
            merged_scores = _rows(session, m.ScoreRevision, record.id, refs, codes)
            merged_checks = _rows(session, m.CheckRevision, record.id, refs, codes)
            check.rows += len(merged_scores) + len(merged_checks)
            for ref in sorted({r["registration"] for r in [*merged_scores, *merged_checks]}):
                try:
                    signed = verify_signed_work(
                        record.signed_statement, str(record.signature), record.signing_key, ref,
                        registration_work(content, ref),
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


def _differences(signed: SignedRegistrationWork, scores: Iterable[dict], checks: Iterable[dict]) -> list[str]:
    """Where a merged row is not what was signed: a score or check the file does not hold, or holds otherwise."""
    problems = []
    signed_scores = {s.criterion: s for s in signed.scores}
    signed_checks = {c.criterion: c for c in signed.checks}
    for row in scores:
        entry = signed_scores.get(str(row["criterion"]))
        if (
            entry is None
            or _number(entry.value) != _number(row["value"])
            or (entry.motivation.strip() != str(row["motivation"]).strip())
        ):
            problems.append(f"de score bij {row['criterion']} is niet wat de beoordelaar ondertekende")
    for row in checks:
        entry = signed_checks.get(str(row["criterion"]))
        if entry is None or entry.verdict != row["verdict"] or entry.note.strip() != str(row["note"] or "").strip():
            problems.append(f"de toetsing bij {row['criterion']} is niet wat de beoordelaar ondertekende")
    return problems


def _number(value: object) -> Decimal | None:
    try:
        return Decimal(str(value).replace(",", ".")).normalize()
    except InvalidOperation:
        return None
