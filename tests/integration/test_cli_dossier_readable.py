"""The dossier a judge reads without tools: an overview PDF first that lists every file in order with its SHA-256 and
says what they hold, the originals beside it, SHA256SUMS.txt; and the dossier of the whole round."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from beoordelaar.cli import main
from templates import DemoCopies

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "overzicht.pdf"
    path.write_bytes(data)
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
                    .stdout.split())  # fmt: skip


def _sums(archive: zipfile.ZipFile, folder: str = "") -> dict[str, str]:
    lines = archive.read(f"{folder}SHA256SUMS.txt").decode().splitlines()
    return {name: digest for digest, name in (line.split("  ", 1) for line in lines)}


@pytest.fixture
def demo(
    amsterdam: None, capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path, cached_demo: DemoCopies
) -> list[str]:
    db = ["--db", str(db_path)]
    cached_demo.cli(db_path, providers=4)
    assert main([*db, "letters", "1", "--out", str(tmp_path / "brieven")]) == 0
    capsys.readouterr()
    return db


def test_a_registration_dossier_reads_without_tools(demo: list[str], tmp_path: Path) -> None:
    out = tmp_path / "dossier.zip"
    assert main([*demo, "dossier", "1", "DEMO-2026-0002", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        assert names[0] == "00-overzicht.pdf" and names[-2:] == ["SHA256SUMS.txt", "manifest.json"]
        sums = _sums(archive)
        assert set(sums) == set(names[:-2])
        assert all(hashlib.sha256(archive.read(n)).hexdigest() == d for n, d in sums.items())
        originals = [n for n in names if n.endswith(".pdf") and n != "00-overzicht.pdf"]
        assert {"documenten", "verificatie", "brieven"} <= {n.split("/")[0] for n in originals}
        assert any("uitnodiging" in n for n in originals) and any("verslag" in n for n in originals)
        text = _pdf_text(archive.read("00-overzicht.pdf"), tmp_path)
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["made_at"].endswith("Z") and manifest["files"]["00-overzicht.pdf"] == sums["00-overzicht.pdf"]
    # The overview lists every other file in the dossier's order, each with its SHA-256 (in two halves of 32).
    listing = text[text.index("1. Inhoud van dit dossier") : text.index("2. De inschrijving")]
    at = 0
    for name in names[1:-2]:
        found = listing.find(sums[name][:32], at)
        assert found >= 0 and sums[name][32:] in listing, name
        assert name.rsplit("/", 1)[-1][:12] in listing.replace(" ", ""), name
        at = found
    for words in (
        "2. De inschrijving", "Zorggroep Salland", "Opgaven van de aanbieder", "Deels",
        "3. Toetsing van uitsluitingsgronden en eisen", "Twijfel", "Vastgestelde eisen", "4. Individuele scores",
        "5. Consensus", "Consensusbespreking geopend", "6. Verificatiegesprekken", "Verificatiegesprek",
        "7. Besluiten", "Bevestigd", "8. Brieven", "nog niet verzonden", "10. Geschiedenis",
    ):  # fmt: skip
        assert words in text, words
    moments = re.findall(r"\d\d-\d\d-\d{4} \d\d:\d\d(?::\d\d)?(?: \w+)?", text)
    assert moments and all(m.endswith((" CET", " CEST")) for m in moments), [m for m in moments if "CE" not in m]


def test_the_round_dossier_holds_the_proces_verbaal_and_every_dossier(demo: list[str], tmp_path: Path) -> None:
    out = tmp_path / "ronde.zip"
    assert main([*demo, "round-dossier", "1", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        sums = _sums(archive)
        assert names[:4] == ["00-overzicht.pdf", "proces-verbaal.pdf", "beoordelingskader.toml",
                             "controlepunten.json"]  # fmt: skip
        assert all(hashlib.sha256(archive.read(n)).hexdigest() == d for n, d in sums.items())
        folders = {n.split("/")[1] for n in names if n.startswith("inschrijvingen/")}
        assert folders == {f"DEMO-2026-000{i}" for i in range(1, 5)}
        for folder in folders:
            inner = _sums(archive, f"inschrijvingen/{folder}/")
            assert all(
                hashlib.sha256(archive.read(f"inschrijvingen/{folder}/{n}")).hexdigest() == d for n, d in inner.items()
            )
        checkpoints = json.loads(archive.read("controlepunten.json"))
        text = _pdf_text(archive.read("00-overzicht.pdf"), tmp_path)
    assert {c["milestone"] for c in checkpoints} >= {"demo-created", "letters-made"} and all(
        c["ok"] for c in checkpoints
    )
    assert "Dossier van de ronde" in text and "proces-verbaal.pdf" in text and "4 dossiers" in text
