"""The proces-verbaal as a lawyer reads it: every part in the order of the procedure, each time with its zone, each
status in Dutch, the commission's approval, the checkpoints, and the history's head on every page."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from beoordelaar.cli import main
from templates import DemoCopies

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")

MEMBERS = ("Marieke Jansen", "Anouk de Vries", "Bram Hendriks", "Chantal Smit")


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def recorded(amsterdam: None, capsys: pytest.CaptureFixture[str], db_path: Path, cached_demo: DemoCopies) -> list[str]:
    db = ["--db", str(db_path)]
    cached_demo.cli(db_path, providers=8)
    assert (
        main(
            [
                *db,
                "procedure-facts",
                "1",
                "--publicatie",
                "2026-06-01",
                "--aankondiging",
                "TenderNed, kenmerk 412345",
                "--vragen",
                "Nota van inlichtingen 1 op 15-06-2026",
                "--sluiting",
                "2026-08-31 12:00",
                "--ontvangen",
                "9",
                "--te-laat",
                "Eén, om 12:14, niet behandeld",
            ]
        )
        == 0
    )
    assert main([*db, "consensus-meeting", "1", "DEMO-2026-0001", "--aanwezig", *MEMBERS, "--samenvatting",
                 "P1: de hoge score woog een passage over een ander perceel mee; vastgesteld op voldoende.",
                 "--datum", "2026-10-01"]) == 0  # fmt: skip
    capsys.readouterr()
    return db


def test_the_proces_verbaal_holds_every_part_in_order(
    recorded: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first = tmp_path / "pv-gelezen.pdf"
    assert main([*recorded, "report", "1", "--out", str(first)]) == 0
    assert "nog niet door de commissie goedgekeurd" in " ".join(_text(first).split())
    capsys.readouterr()
    assert main([*recorded, "--als", "Marieke Jansen", "report-approve", "1", "--leden", "Anouk de Vries",
                 "Bram Hendriks", "--bestand", str(first), "--json"]) == 0  # fmt: skip
    approval = json.loads(capsys.readouterr().out)
    out = tmp_path / "proces-verbaal.pdf"
    assert main([*recorded, "report", "1", "--out", str(out)]) == 0
    text = _text(out)
    flat = " ".join(text.split())
    order = (
        "1. De procedure", "TenderNed, kenmerk 412345", "31-08-2026 12:00 CEST", "9; ingelezen in Beoordelaar: 8",
        "2. Het beoordelingskader zoals toegepast", "Uitsluitingsgronden", "Geschiktheidseisen",
        "Plan van aanpak: criteria, wegingen en minima", "Zeer goed", "3. Beoordelingscommissie",
        "Was tot 2025 werkzaam bij deze aanbieder", "4. Toewijzing en inlevering", "plancriteria te scoren",
        "5. Opening van de consensusbespreking", "geopend na de inlevering van alle beoordelaars",
        "6. Beoordeling per inschrijving", "DEMO-2026-0001", "Toetsing door de leden", "Anouk de Vries",
        "Na bespreking van de uiteenlopende beoordelingen", "Consensusbespreking geopend",
        "Aanwezig op 01-10-2026: Marieke Jansen, Anouk de Vries, Bram Hendriks en Chantal Smit",
        "woog een passage over een ander perceel mee", "Individueel", "Besluit: Toelaten (bevestigd",
        "Verificatiegesprek", "goedgekeurd", "Besluit: Afwijzen", "7. Overeenstemming", "8. Verloop",
        "9. Vastlegging", "Ondertekende controlepunten", "Demoronde aangemaakt",
        "Proces-verbaal goedgekeurd door de commissie", "10. Goedkeuring door de commissie",
        "Goedgekeurd door Marieke Jansen met Anouk de Vries en Bram Hendriks op",
    )  # fmt: skip
    at = 0
    for words in order:
        found = flat.find(words, at)
        assert found >= 0, f"{words!r} not after position {at}"
        at = found
    assert approval["report_sha256"] in flat.replace(" ", "") or approval["report_sha256"][:32] in flat
    # Every time with its zone; no stored (ISO, UTC) time and no English status word.
    moments = re.findall(r"\d\d-\d\d-\d{4} \d\d:\d\d(?: \w+)?", flat)
    assert moments and all(m.endswith((" CET", " CEST")) for m in moments), [m for m in moments if "CE" not in m]
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", flat)
    assert not re.search(r"\b(confirmed|proposed|approved|planned|held|admit|reject)\b", flat)
    # The history's head on every page, and the checkpoints that audit verify checks.
    capsys.readouterr()
    assert main([*recorded, "audit", "verify", "--json"]) == 0
    verify = json.loads(capsys.readouterr().out)
    pages = text.split("\f")[:-1]
    assert len(pages) > 10
    assert all(f"laatste hash {verify['head']}" in " ".join(page.split()) for page in pages)
    assert {c["milestone"] for c in verify["checkpoints"]} == {"demo-created", "report-approved"}
    assert all(c["ok"] and c["in_database"] and c["outside_database"] for c in verify["checkpoints"][1:])
