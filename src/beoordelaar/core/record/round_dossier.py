"""The dossier of a whole round, for the procedure as a whole: the proces-verbaal, the framework as applied, the
signed checkpoints of the history, and every registration's dossier in a folder of its own (each with its own
overview), under one overview that lists everything in order and one SHA256SUMS.txt over every file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from beoordelaar.core.record.assessment_report import assessment_report_bytes
from beoordelaar.core.record.dossier import (
    SUMMARY,
    SUMS,
    DossierContent,
    dossier_members,
    gather_dossier,
    json_bytes,
    round_readings,
    sha256_hex,
    two_lines,
    write_zip,
)
from beoordelaar.core.record.dossier_summary_pdf import render_round_overview
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage.audit import head_hash
from beoordelaar.core.storage.checkpoints import check_checkpoints
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.storage.database import Database
from beoordelaar.core.text import count_text, zoned_moment_text

_INSIDE = {SUMMARY: "het overzicht van dit dossier", SUMS: "de SHA-256 van elk bestand van dit dossier",
           "manifest.json": "dezelfde SHA-256's, voor een programma"}  # fmt: skip


def build_round_dossier(
    database: Database,
    round_id: int,
    out: Path,
    *,
    actor: str,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """progress(done, total): after the proces-verbaal and after each registration's dossier."""
    report = progress or (lambda _done, _total: None)
    with database.sessions() as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.RECORD)
        numbers = [r.number for r in sorted(rnd.registrations, key=lambda r: r.sequence)]
        round_name, framework_text, head = rnd.name, rnd.framework.source_text, head_hash(session)
        checkpoints = [c.as_json() for c in check_checkpoints(session) if c.round_id in (rnd.id, None)]
    content = DossierContent(round_name, "", head)
    total = len(numbers) + 1
    report(0, total)
    content.add("proces-verbaal.pdf", assessment_report_bytes(database, round_id, actor=actor), "het proces-verbaal")
    content.add("beoordelingskader.toml", framework_text.encode("utf-8"), "het beoordelingskader zoals toegepast")
    content.add("controlepunten.json", json_bytes(checkpoints), "de ondertekende controlepunten van de geschiedenis")
    report(1, total)
    readings = round_readings(database, round_id)
    for done, number in enumerate(numbers, start=2):
        for name, data in dossier_members(gather_dossier(database, round_id, number, readings)).items():
            content.add(f"inschrijvingen/{number}/{name}", data, _INSIDE.get(name, f"dossier {number}"))
        report(done, total)
    listed = [(name, content.about[name], two_lines(sha256_hex(data))) for name, data in content.files.items()]
    details = [("Inschrijvingen", count_text(len(numbers), "dossier", "dossiers")),
               ("Geschiedenis bij opmaken", f"laatste hash {head}")]  # fmt: skip
    made_at = zoned_moment_text(utcnow())
    members = {SUMMARY: render_round_overview(round_name, made_at, head, details, listed), **content.files}
    members[SUMS] = "".join(f"{sha256_hex(data)}  {name}\n" for name, data in members.items()).encode("utf-8")
    members["manifest.json"] = json_bytes(
        {"round": round_name, "made_at": utcnow().isoformat() + "Z", "audit_head": head,
         "files": {name: sha256_hex(data) for name, data in members.items()}}
    )  # fmt: skip
    return write_zip(out, members)
