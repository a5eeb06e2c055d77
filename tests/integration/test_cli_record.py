"""The record: assessment report, dossier and round export, read back and checked for content."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from beoordelaar.cli import main
from templates import DemoCopies


@pytest.fixture
def demo(capsys: pytest.CaptureFixture[str], db_path: Path, cached_demo: DemoCopies) -> list[str]:
    db = ["--db", str(db_path)]
    cached_demo.cli(db_path, providers=8)
    capsys.readouterr()
    return db


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")
def test_assessment_report_reads_as_a_record(
    demo: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "proces-verbaal.pdf"
    assert main([*demo, "report", "1", "--out", str(out)]) == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    capsys.readouterr()
    assert main([*demo, "audit", "verify", "--json"]) == 0
    head = json.loads(capsys.readouterr().out)["head"]
    expected = (
        "Proces-verbaal van de beoordeling", "Open House", "Beoordelingscommissie", "Marieke Jansen",
        "Was tot 2025 werkzaam bij deze aanbieder", "Verloop", "Krippendorff", "DEMO-2026-0008",
        "Na bespreking van de uiteenlopende beoordelingen", "Verificatiegesprek", "Besluit: Afwijzen",
    )  # fmt: skip
    flat = " ".join(text.split())
    for words in expected:
        assert words in flat, words
    assert head[:40] in text.replace("\n", "").replace(" ", "")
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "Helvetica" not in fonts


def test_dossier_holds_everything_with_a_manifest(demo: list[str], tmp_path: Path) -> None:
    out = tmp_path / "dossier.zip"
    assert main([*demo, "dossier", "1", "DEMO-2026-0002", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
        for name, digest in manifest["files"].items():
            assert hashlib.sha256(archive.read(name)).hexdigest() == digest
        assert {"inschrijving.json", "individuele_scores.json", "consensus.json", "vastgestelde_eisen.json",
                "besluiten.json", "geschiedenis.json", "controles.json"} <= names  # fmt: skip
        assert any(n.startswith("documenten/") and n.endswith(".pdf") for n in names)
        assert any(n.startswith("verificatie/verslag-") for n in names)
        scores = json.loads(archive.read("individuele_scores.json"))
        assert scores and all(s["motivation"] and s["assessor"] and s["criterion"] for s in scores)
        registration = json.loads(archive.read("inschrijving.json"))
        assert registration["number"] == "DEMO-2026-0002" and registration["declared_answers"]["G3"] == "Deels"
        history = json.loads(archive.read("geschiedenis.json"))
        assert any(e["entity"] == "requirement_verdicts" and (e["after"] or {}).get("interview_id") for e in history)
        assert len(manifest["audit_head"]) == 64


def test_round_export_has_every_part(demo: list[str], tmp_path: Path) -> None:
    out = tmp_path / "ronde.xlsx"
    assert main([*demo, "export", "1", "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert {"Inschrijvingen", "Individuele scores", "Consensus", "Totalen", "Eisen", "Besluiten",
            "Verificatie"} <= set(book.sheetnames)  # fmt: skip
    registrations = book["Inschrijvingen"]
    assert registrations.max_row == 9
    kvk_cells = [row[2] for row in registrations.iter_rows(min_row=2)]
    assert all(c.data_type == "s" and len(c.value) == 8 for c in kvk_cells)  # leading zeros kept, as text


def test_history_of_a_criterion(demo: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*demo, "history", "1", "DEMO-2026-0002", "--criterium", "G3", "--json"]) == 0
    events = json.loads(capsys.readouterr().out)
    sources = [e["source"] for e in events if e["entity"] == "requirement_verdicts"]
    assert sources == ["demo", "demo"]  # the demo wrote both revisions; the second one links the interview
    assert events[-1]["after"]["interview_id"] is not None
