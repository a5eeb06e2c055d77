"""The merged PDF of a letter set takes each letter's pages as drawn for the letter's own PDF: page for page the same
drawing, with or without a logo; a letter that drew a character its set did not give a code first is laid out again,
and reads the same. The page streams are compressed, not also ASCII85-encoded; the font subsets are cut and each
stream is compressed once a set."""

from __future__ import annotations

import io
import zlib
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image
from reportlab import rl_config
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFontFace

from beoordelaar.core.decisions import letter_pdf
from beoordelaar.core.decisions.letter_content import LetterContent, ReasonsList, ScoreLine, ScoresTable
from beoordelaar.core.decisions.letter_pdf import letter_characters, render_letter, render_letter_set
from beoordelaar.core.decisions.letter_templates import TextBlock
from beoordelaar.core.files.fonts import BOLD, REGULAR
from letters_round import pdf_text

pikepdf = pytest.importorskip("pikepdf")

MOTIVATION = "De aanpak is overtuigend, concreet en vernieuwend; de commissie ziet één zwakte: de ‘nazorg’. " * 3


def _letter(number: int, name: str) -> LetterContent:
    lines = tuple(
        ScoreLine(f"P{n}", "Visie op normaliseren", Decimal(n % 5 + 1), "voldoende", Decimal(3), "voldoende",
                  MOTIVATION)
        for n in range(1, 6)
    )  # fmt: skip
    return LetterContent(
        kenmerk=f"JH-2026-{number:04d}",
        date_text="4 december 2026",
        subject="Besluit over uw inschrijving: toelating",
        sender_lines=("Regio IJsselland – Inkoop Jeugdhulp", "Postbus 10007, 8000 GA Zwolle"),
        address_lines=(name, "T.a.v. Renée Öztürk", "Molenweg 60", "8127 LS OLST"),
        salutation="Geachte heer, mevrouw,",
        blocks=(
            TextBlock(f"U heeft zich aangemeld met inschrijving {number}. " * 8),
            ReasonsList(("Criterium P2: consensusscore 2 (Onvoldoende).", "Geschiktheidseis G6: niet voldaan.")),
            ScoresTable(lines, total="24"),
            TextBlock("Heeft u vragen over deze brief, stel ze dan via het inkoopplatform."),
        ),
        closing="Met vriendelijke groet,",
        signatory="J. (Jeroen) van Dijk",
        signatory_function="Manager Inkoop Jeugdhulp",
        sender="Regio IJsselland – Inkoop Jeugdhulp",
        title=f"Besluit JH-2026-{number:04d}",
        provider=name,
        mandate="namens het dagelijks bestuur",
    )


LETTERS = [_letter(1, "Centrum Het Anker"), _letter(2, "Coöperatie Zeeën"), _letter(3, "Zorggroep Salland")]


def _pages(pdf: bytes) -> list[bytes]:
    return [page.Contents.read_bytes() for page in pikepdf.open(io.BytesIO(pdf)).pages]


def _render(logo: Path | None = None) -> tuple[list[bytes], bytes]:
    return render_letter_set(LETTERS, title="Besluitbrieven", author="Regio", subject="3 besluitbrieven", logo=logo,
                             head="ab" * 32)  # fmt: skip


def test_the_merged_pdf_draws_every_page_as_the_letter_drew_it(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (60, 30), (20, 80, 160)).save(logo)
    for with_logo in (None, logo):
        letters, merged = _render(with_logo)
        own = [page for letter in letters for page in _pages(letter)]
        assert len(own) > len(letters) and _pages(merged) == own
        first_pages = [number == 0 for letter in letters for number in range(len(_pages(letter)))]
        with_image = [bool(list(page.get_images())) for page in pikepdf.open(io.BytesIO(merged)).pages]
        assert with_image == [first and with_logo is not None for first in first_pages]


def test_a_letter_alone_is_the_same_as_in_a_set_of_one() -> None:
    (alone,), _merged = render_letter_set(LETTERS[:1], title="t", author="a", subject="s", head="ab" * 32)
    assert render_letter(LETTERS[0], head="ab" * 32) == alone
    assert letter_characters(LETTERS) == "".join(sorted("–éÖüöë‘’·"))


def test_a_letter_with_a_character_its_set_did_not_name_is_laid_out_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _letters, merged = _render()
    laid_out: list[str] = []
    story = letter_pdf._story

    def counted(content: LetterContent, *args: object) -> list:
        laid_out.append(content.kenmerk)
        return story(content, *args)

    monkeypatch.setattr(letter_pdf, "_story", counted)
    monkeypatch.setattr(letter_pdf, "letter_characters", lambda _contents: "")
    again, merged_again = _render()
    assert laid_out == [letter.kenmerk for letter in LETTERS for _twice in (1, 2)]  # once more for the merged PDF
    own = [page for letter in again for page in _pages(letter)]
    assert len(_pages(merged_again)) == len(own) == len(_pages(merged))
    (tmp_path / "copied.pdf").write_bytes(merged)
    (tmp_path / "again.pdf").write_bytes(merged_again)
    assert pdf_text(tmp_path / "again.pdf") == pdf_text(tmp_path / "copied.pdf")


def test_the_page_streams_are_compressed_only_and_the_setting_is_left_as_it_was() -> None:
    before = rl_config.useA85
    letters, merged = _render()
    assert rl_config.useA85 == before
    for pdf in [*letters, merged]:
        assert b"/ASCII85Decode" not in pdf and b"/FlateDecode" in pdf


def test_the_font_subsets_are_cut_once_for_the_whole_set(monkeypatch: pytest.MonkeyPatch) -> None:
    faces = [pdfmetrics.getFont(name).face for name in (REGULAR, BOLD)]
    cut: list[int] = []
    make = TTFontFace.makeSubset

    def counted(face: TTFontFace, subset: list[int]) -> bytes:
        cut.append(len(subset))
        return make(face, subset)

    monkeypatch.setattr(TTFontFace, "makeSubset", counted)
    _render()
    assert len(cut) == 2  # the regular and the bold font, for three letters and the merged PDF
    assert not any("makeSubset" in vars(face) for face in faces)  # reportlab's own again for other documents
    _render()
    assert len(cut) == 4  # kept for one set only


def test_each_stream_of_a_set_is_compressed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    compressed: list[bytes] = []
    compress = zlib.compress

    def counted(data: bytes) -> bytes:
        compressed.append(data)
        return compress(data)

    monkeypatch.setattr(zlib, "compress", counted)
    letters, merged = _render()
    assert len(compressed) == len(set(compressed))  # a merged page is its letter's own page: not compressed again
    assert merged.count(b"/Type /Page\n") == sum(pdf.count(b"/Type /Page\n") for pdf in letters)
    assert "encode" not in vars(pdfdoc.PDFZCompress)  # reportlab's own again for other documents
    _render()
    assert len(compressed) > len(set(compressed))  # kept for one set only


def test_each_array_of_numbers_of_a_set_is_written_once(monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[tuple[object, ...]] = []
    own = pdfdoc.PDFArray.format

    def counted(array: pdfdoc.PDFArray, document: object, ind: bytes = b"\n ") -> bytes:
        written.append(tuple(array.sequence))
        return own(array, document, ind)

    monkeypatch.setattr(pdfdoc.PDFArray, "format", counted)
    _render()
    numbers = [s for s in written if s and all(type(e) in (int, float) for e in s)]
    assert numbers and len(numbers) == len(set(numbers))  # the fonts' widths (and every page's box) written once
    assert pdfdoc.PDFArray.format is counted  # reportlab's own again for other documents
