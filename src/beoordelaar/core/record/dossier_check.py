"""The offline check of a registration's dossier (build_dossier), as an auditor runs it without the app's database or
any secret (`beoordelaar audit returns --dossier`).

It holds when: every return file in the dossier is signed by the key it names, for this registration; every score
or check the dossier says came from a return file is in the file it names, as signed; and each assessor's current
scores and checks on this registration are those of the newest file that assessor signed. A dossier rewritten by
someone with all its keys of their own passes these checks, so the fingerprints are listed to compare with the
proces-verbaal and the assessors' laptops, or given with --vingerafdruk to be compared here.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from beoordelaar.core.errors import UserError
from beoordelaar.core.exchange.return_file import SignedRegistrationWork, verify_signed_work
from beoordelaar.core.files.keys import fingerprint, same_code
from beoordelaar.core.record.signed_returns import DOSSIER_FOLDER, ReturnsCheck, entry_matches

_MAX_MEMBER = 64 << 20


@dataclass(frozen=True)
class _File:
    """One return file of the dossier, its signature checked."""

    id: object
    name: str
    assessor: str
    revision: int
    signed: SignedRegistrationWork


def verify_dossier(path: Path, expected: dict[str, str] | None = None) -> ReturnsCheck:
    """expected: fingerprints by assessor, as the proces-verbaal or the assessors give them (optional)."""
    check = ReturnsCheck()
    members = _members(Path(path))
    problems = check.problems
    problems += _manifest_problems(members)
    registration = _json(members, "inschrijving.json", dict, problems) or {}
    refs = {str(registration.get("number"))}
    if isinstance(registration.get("sequence"), int):
        refs.add(f"{registration['sequence']:03d}")
    scores = _rows(_json(members, "individuele_scores.json", list, problems))
    checks = _rows(_json(members, "controles.json", list, problems))
    files: dict[object, _File] = {}
    for name in sorted(n for n in members if n.startswith(f"{DOSSIER_FOLDER}/")):
        entry = _json(members, name, dict, problems)
        if entry is None:
            continue
        found = _signed_file(entry, refs, problems)
        if found is None:
            continue
        files[found.id] = found
        check.files += 1
        key = fingerprint(str(entry["signing_key"]))
        check.keys[found.assessor] = key
        if expected and found.assessor in expected and not same_code(expected[found.assessor], key):
            problems.append(f"{found.name}: ondertekend met sleutel {key}, niet met {expected[found.assessor]}")
    for kind, rows, field in (("score", scores, "scores"), ("toetsing", checks, "checks")):
        check.rows += sum(1 for r in rows if r.get("source") == "return-file")
        problems += _merged_problems(kind, rows, files, field)
        problems += _current_problems(kind, rows, files, field)
    if expected:
        problems += [f"{who}: geen ondertekend retourbestand in het dossier" for who in expected
                     if who not in check.keys]  # fmt: skip
    return check


def _members(path: Path) -> dict[str, bytes]:
    if not path.is_file():
        raise UserError(f"Het bestand {path} bestaat niet.")
    try:
        with zipfile.ZipFile(path) as archive:
            members = {}
            for info in archive.infolist():
                if info.file_size > _MAX_MEMBER or info.filename.startswith("documenten/"):
                    continue  # documents are not needed for this check; nothing is read whole past the limit
                with archive.open(info) as handle:
                    members[info.filename] = handle.read(_MAX_MEMBER + 1)[:_MAX_MEMBER]
            return members
    except (OSError, zipfile.BadZipFile, EOFError, ValueError, NotImplementedError) as exc:
        raise UserError(f"{path.name} is geen leesbaar dossier van Beoordelaar; er is niets gecontroleerd.") from exc


def _json(members: dict[str, bytes], name: str, kind: type, problems: list[str]) -> Any:
    try:
        value = json.loads(members[name].decode("utf-8"))
    except KeyError:
        problems.append(f"{name} ontbreekt in het dossier")
        return None
    except (UnicodeDecodeError, ValueError):
        problems.append(f"{name} is onleesbaar")
        return None
    if not isinstance(value, kind):
        problems.append(f"{name} heeft niet de vorm van een dossier van Beoordelaar")
        return None
    return value


def _rows(value: object) -> list[dict[str, Any]]:
    return [row for row in value if isinstance(row, dict)] if isinstance(value, list) else []


def _manifest_problems(members: dict[str, bytes]) -> list[str]:
    try:
        listed = json.loads(members["manifest.json"])["files"]
    except (KeyError, TypeError, ValueError):
        return ["manifest.json ontbreekt of is onleesbaar"]
    if not isinstance(listed, dict):
        return ["manifest.json is onleesbaar"]
    return [
        f"{name} klopt niet met het manifest van het dossier"
        for name, digest in sorted(listed.items())
        if name in members and hashlib.sha256(members[name]).hexdigest() != digest
    ]


def _signed_file(entry: dict[str, Any], refs: set[str], problems: list[str]) -> _File | None:
    name = f"{entry.get('file')} ({entry.get('assessor')}, revisie {entry.get('revision')})"
    try:
        signed = verify_signed_work(
            entry.get("statement"), entry.get("signature"), entry.get("signing_key"),  # type: ignore[arg-type]
            entry.get("registration"), entry.get("work"),  # type: ignore[arg-type]
        )  # fmt: skip
    except UserError as exc:
        problems.append(f"{name}: {exc}")
        return None
    if entry.get("registration") not in refs:
        problems.append(f"{name}: gaat over inschrijving {entry.get('registration')}, niet over deze")
        return None
    if signed.assessor != entry.get("assessor") or signed.revision != entry.get("revision"):
        problems.append(f"{name}: ondertekend door {signed.assessor} als revisie {signed.revision}")
        return None
    if entry.get("fingerprint") != fingerprint(str(entry["signing_key"])):
        problems.append(f"{name}: de vingerafdruk hoort niet bij de sleutel")
    return _File(entry.get("return_file_id"), name, signed.assessor, signed.revision, signed)


def _signed_entry(file: _File, field: str, criterion: object) -> Any:
    return next((e for e in getattr(file.signed, field) if e.criterion == criterion), None)


def _merged_problems(kind: str, rows: list[dict[str, Any]], files: dict[object, _File], field: str) -> list[str]:
    """Every row the dossier says came from a return file is in that file, as signed."""
    problems = []
    for row in rows:
        if row.get("source") != "return-file":
            continue
        file = files.get(row.get("return_file_id"))
        where = f"{kind} van {row.get('assessor')} bij {row.get('criterion')} (revisie {row.get('revision')})"
        if file is None:
            problems.append(f"de {where} staat als ingelezen uit een retourbestand dat niet in het dossier zit")
        elif file.assessor != row.get("assessor") or not entry_matches(
            kind, row, _signed_entry(file, field, row.get("criterion"))
        ):
            problems.append(f"de {where} is niet wat de beoordelaar ondertekende in {file.name}")
    return problems


def _current_problems(kind: str, rows: list[dict[str, Any]], files: dict[object, _File], field: str) -> list[str]:
    """Each assessor's current row per criterion is what the newest file that assessor signed holds."""
    newest: dict[str, _File] = {}
    for file in files.values():
        if file.assessor not in newest or file.revision >= newest[file.assessor].revision:
            newest[file.assessor] = file
    current: dict[tuple[object, object], dict[str, Any]] = {}
    for row in rows:
        key = (row.get("assessor"), row.get("criterion"))
        revision = row.get("revision") if isinstance(row.get("revision"), int) else -1
        if key not in current or revision >= current[key].get("revision", -1):
            current[key] = row
    problems = []
    for assessor, file in sorted(newest.items()):
        for entry in getattr(file.signed, field):
            row = current.get((assessor, entry.criterion))
            if row is None:
                problems.append(f"de {kind} van {assessor} bij {entry.criterion} uit {file.name} ontbreekt")
            elif not entry_matches(kind, row, entry):
                source = row.get("source")
                problems.append(
                    f"de huidige {kind} van {assessor} bij {entry.criterion} (revisie {row.get('revision')}, bron "
                    f"{source}) is niet wat de beoordelaar als laatste ondertekende in {file.name}"
                )
    return problems
