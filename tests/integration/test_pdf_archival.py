"""Letters, the proces-verbaal and the dossier's overview as PDF/A-2b, checked for what can be checked without a PDF/A
validator (none can be had from the package registries this project reaches: veraPDF is a Java download): the XMP
metadata says PDF/A-2b and agrees with the document information, an sRGB output intent, no encryption, a file id,
every font embedded (pdffonts), and equal input still gives equal bytes."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from PIL import ImageCms

from beoordelaar.cli import main
from beoordelaar.core.files.pdf_kit import Styles, document
from templates import DemoCopies

pikepdf = pytest.importorskip("pikepdf")
pytestmark = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts (poppler-utils) is missing")


def archival_problems(data: bytes) -> list[str]:
    problems = []
    pdf = pikepdf.open(io.BytesIO(data))
    if pdf.is_encrypted or "/ID" not in pdf.trailer:
        problems.append("encrypted or without a file id")
    metadata = pdf.Root.get("/Metadata")
    if metadata is None or "/Filter" in metadata or metadata.get("/Subtype") != "/XML":
        problems.append("no plain XMP metadata stream")
    meta = pdf.open_metadata()
    if (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) != ("2", "B"):
        problems.append("the XMP does not say PDF/A-2b")
    info = pdf.docinfo
    for key, xmp in (("/Title", "dc:title"), ("/Producer", "pdf:Producer"), ("/Creator", "xmp:CreatorTool"),
                     ("/Subject", "dc:description")):  # fmt: skip
        if str(info.get(key)) != str(meta.get(xmp)):
            problems.append(f"{key} differs from {xmp}")
    intents = pdf.Root.get("/OutputIntents") or []
    if len(intents) != 1 or intents[0].S != "/GTS_PDFA1" or int(intents[0].DestOutputProfile.N) != 3:
        problems.append("no sRGB output intent")
    else:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(intents[0].DestOutputProfile.read_bytes()))
        if profile.profile.xcolor_space.strip() != "RGB":
            problems.append("the output intent's profile is not RGB")
    return problems


def fonts_problems(path: Path) -> list[str]:
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    fonts = lines[2:]
    return (
        ([] if fonts else ["no fonts"])
        + [f"not embedded: {line}" for line in fonts if " yes " not in line]
        + [f"standard font: {line}" for line in fonts if "Helvetica" in line or "Times" in line]
    )


def test_the_house_style_is_pdf_a_2b_and_stays_byte_identical() -> None:
    def made() -> bytes:
        from reportlab.platypus import Paragraph

        buffer = io.BytesIO()
        styles = Styles()
        document(buffer, title="Proef – ĳsbeer", author="Beoordelaar", subject="Proef", head="ab" * 32).build(
            [Paragraph("Een ĳsbeer en een €.", styles.body)]
        )
        return buffer.getvalue()

    first = made()
    assert first == made()
    assert archival_problems(first) == []


def test_letters_proces_verbaal_and_dossier_are_pdf_a_2b(
    db_path: Path, cached_demo: DemoCopies, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(db_path)]
    cached_demo.cli(db_path, providers=3)
    letters, report, dossier = tmp_path / "brieven", tmp_path / "pv.pdf", tmp_path / "dossier.zip"
    assert main([*db, "letters", "1", "--out", str(letters)]) == 0
    assert main([*db, "report", "1", "--out", str(report)]) == 0
    assert main([*db, "dossier", "1", "DEMO-2026-0002", "--out", str(dossier)]) == 0
    with zipfile.ZipFile(dossier) as archive:
        (tmp_path / "overzicht.pdf").write_bytes(archive.read("00-overzicht.pdf"))
    paths = [*sorted(letters.glob("*.pdf")), report, tmp_path / "overzicht.pdf"]
    assert len(paths) >= 5
    for path in paths:
        assert archival_problems(path.read_bytes()) == [], path.name
        assert fonts_problems(path) == [], path.name
