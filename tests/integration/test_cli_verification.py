"""Verification interviews from the command line, and their two PDFs read back as a reader would."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from beoordelaar.cli import main
from templates import DemoCopies

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _fonts(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout


def test_demo_interview_listed_and_its_documents_read_back(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path, cached_demo: DemoCopies
) -> None:
    db = ["--db", str(db_path)]
    cached_demo.cli(db_path, providers=6)
    capsys.readouterr()
    assert main([*db, "interviews", "1", "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["status"] == "approved" and listed["registration"] == "DEMO-2026-0002"
    report, invitation = tmp_path / "verslag.pdf", tmp_path / "uitnodiging.pdf"
    assert main([*db, "interview-report", "1", "DEMO-2026-0002", "--out", str(report)]) == 0
    assert main([*db, "interview-report", "1", "DEMO-2026-0002", "--out", str(invitation), "--uitnodiging"]) == 0
    text = _text(report)
    for expected in ("Verslag verificatiegesprek", "Norm van verantwoorde werktoedeling", "SKJ", "Voldoet",
                     "Goedgekeurd op", "Voor akkoord namens de inschrijver"):  # fmt: skip
        assert expected in text
    invited = _text(invitation)
    assert "Uitnodiging verificatiegesprek" in invited and "niet wijzigen of aanvullen" in invited
    for pdf in (report, invitation):
        fonts = _fonts(pdf)
        assert "Helvetica" not in fonts and "DejaVuSans" in fonts
        assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # every font embedded


def test_from_doubt_to_approved_record_by_command_line(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path, cached_demo: DemoCopies
) -> None:
    db = ["--db", str(db_path)]
    cached_demo.cli(db_path, providers=6)
    assert main([*db, "verify", "1", "DEMO-2026-0004", "G4", "--reden", "Governancecode: alleen 'deels'?"]) == 0
    assert main([*db, "interview", "plan", "1", "DEMO-2026-0004", "--op", "05-11-2026 10:00", "--json"]) == 0
    capsys.readouterr()
    assert main([*db, "interviews", "1", "--json"]) == 0
    planned = next(i for i in json.loads(capsys.readouterr().out) if i["registration"] == "DEMO-2026-0004")
    record = tmp_path / "verslag.json"
    record.write_text(json.dumps({
        "held_at": "05-11-2026 10:00",
        "attendees": [{"name": "Marieke Jansen", "role": "Voorzitter", "side": "region"}],
        "points": [{"criterion": "G4", "reason": "Governancecode: alleen 'deels'?", "question": "Past u de code toe?",
                    "answer": "Ja, volledig sinds 2023.", "only_clarifies": True, "outcome": "voldoet",
                    "motivation": "Verduidelijkt."}],
    }), encoding="utf-8")  # fmt: skip
    assert main([*db, "interview", "record", str(planned["id"]), "--file", str(record)]) == 0
    assert main([*db, "interview", "approve", str(planned["id"]), "--voorzitter", "Marieke Jansen"]) == 0
    assert main([*db, "open-items", "1", "--json"]) == 0
    capsys.readouterr()
    broken = tmp_path / "kapot.json"
    broken.write_text("[1, 2", encoding="utf-8")
    assert main([*db, "interview", "record", str(planned["id"]), "--file", str(broken)]) == 1
    assert "geen leesbaar JSON-bestand" in capsys.readouterr().err
