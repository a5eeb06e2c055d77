"""Decision letters as PDF: A4, the layout of a Dutch business letter, DejaVu embedded, byte-identical output.

Sender block (and logo) at the top, the address in the window of a window envelope (left, 4.5 cm from the top),
date, kenmerk and subject, salutation, body, score table, reasons, signature, and a footer with the kenmerk and
"pagina 1 van 2". Several letters can go into one PDF for printing in one go: page numbers restart per letter.
"""

from __future__ import annotations

import gc
import io
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, is_dataclass
from html import escape
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from beoordelaar.core.decisions.letter_content import LetterContent, ReasonsList, ScoresTable
from beoordelaar.core.decisions.letter_pdf_kept import Kept, saving
from beoordelaar.core.decisions.letter_templates import TextBlock
from beoordelaar.core.files.fonts import BOLD, REGULAR, register_fonts
from beoordelaar.core.files.pdfa import mark_archival
from beoordelaar.core.storage.bulk import collection_paused

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = 2.5 * cm
RIGHT = 2.0 * cm
TOP = 2.2 * cm
BOTTOM = 2.6 * cm
LOGO_TOP = 1.2 * cm
LOGO_BOX = (5.0 * cm, 2.2 * cm)
ADDRESS_TOP = 4.5 * cm  # the window of a window envelope (venster links)
ADDRESS_WIDTH = 8.5 * cm
ADDRESS_HEIGHT = 3.6 * cm  # the window is 4.5 cm high; the first line starts 10 pt below its top
ADDRESS_SIZES = (10.0, 9.0, 8.0)
REFERENCE_TOP = 9.2 * cm
CELL_PADDING = 4
GREY = colors.Color(0.35, 0.35, 0.35)
RULE = colors.Color(0.7, 0.7, 0.7)
HEAD_FILL = colors.Color(0.9, 0.92, 0.95)
BELOW_FILL = colors.Color(0.99, 0.93, 0.9)


class _Styles:
    def __init__(self) -> None:
        font = register_fonts()
        common = {"fontName": font, "bulletFontName": font}
        self.body = ParagraphStyle("body", fontSize=10, leading=14, spaceAfter=8, **common)
        self.bold = ParagraphStyle("bold", parent=self.body, fontName=BOLD, spaceAfter=0)
        self.plain = ParagraphStyle("plain", parent=self.body, spaceAfter=0)
        self.small = ParagraphStyle("small", fontSize=8.5, leading=11, **common)
        self.small_bold = ParagraphStyle("small_bold", parent=self.small, fontName=BOLD)
        self.reason = ParagraphStyle(
            "reason", parent=self.body, leftIndent=0.8 * cm, bulletIndent=0.1 * cm, spaceAfter=6
        )
        self.label = ParagraphStyle("label", fontSize=9, leading=12, textColor=GREY, **common)
        self.value = ParagraphStyle("value", fontSize=10, leading=13, **common)
        self.value_bold = ParagraphStyle("value_bold", parent=self.value, fontName=BOLD)


class _Paragraph(Paragraph):
    """A Paragraph that keeps its lines for the width it was last wrapped to: reportlab wraps a paragraph again at the
    same width (a table measures its rows, then draws them; a frame measures, then places), and the lines come out
    the same every time. A split that could not split drops the lines, and they are made again."""

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._wrapped is None or self._wrapped[0] != avail_width or "blPara" not in self.__dict__:
            self._wrapped = (avail_width, super().wrap(avail_width, avail_height))
        return self._wrapped[1]


def _text(value: str) -> str:
    """Plain text made safe for a Paragraph: markup characters escaped, line breaks kept."""
    return escape(value, quote=False).replace("\n", "<br/>")


class LetterHead(Flowable):
    """The first-page head of one letter, drawn at fixed places on the page whatever the frame: logo, sender,
    address window, and the date/kenmerk/subject block. It also tells the canvas which letter the pages are of."""

    def __init__(self, content: LetterContent, index: int, styles: _Styles, logo: Path | None) -> None:
        super().__init__()
        self.content = content
        self.index = index
        self.styles = styles
        self.logo = logo
        widths = [2.6 * cm, PAGE_WIDTH - LEFT - RIGHT - 2.6 * cm]
        cells, cell_style = _text_cells(
            [
                [("Datum", styles.label), (content.date_text, styles.value)],
                [("Kenmerk", styles.label), (content.kenmerk, styles.value)],
                [("Onderwerp", styles.label), (content.subject, styles.value_bold)],
            ],
            widths,
            padding=0,
        )
        self.reference = Table(
            cells,
            colWidths=widths,
            style=TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), styles.body.fontName),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    *cell_style,
                ]
            ),
        )

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _w, reference_height = self.reference.wrap(PAGE_WIDTH - LEFT - RIGHT, PAGE_HEIGHT)
        self.reference_height = reference_height
        self.height = (REFERENCE_TOP - TOP) + reference_height + 0.9 * cm
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas._letter_marker = (self.index, self.content.kenmerk, self.content.sender)  # for the footer
        origin_x, origin_y = canvas.absolutePosition(0, 0)
        canvas.saveState()
        canvas.translate(-origin_x, -origin_y)  # from here on: page coordinates
        if self.logo is not None:
            _draw_logo(canvas, self.logo)
        self._draw_sender(canvas)
        self._draw_address(canvas)
        self.reference.drawOn(canvas, LEFT, PAGE_HEIGHT - REFERENCE_TOP - self.reference_height)
        canvas.restoreState()

    def _draw_sender(self, canvas: Canvas) -> None:
        font = self.styles.body.fontName
        right = PAGE_WIDTH - RIGHT
        y = PAGE_HEIGHT - LOGO_TOP - 9
        for number, line in enumerate(self.content.sender_lines):
            canvas.setFont(BOLD if number == 0 else font, 9 if number == 0 else 8.5)
            canvas.setFillColor(colors.black if number == 0 else GREY)
            canvas.drawRightString(right, y, line)
            y -= 11.5
        canvas.setFillColor(colors.black)

    def _draw_address(self, canvas: Canvas) -> None:
        size, lines = address_layout(self.content.address_lines, self.styles.body.fontName)
        y = PAGE_HEIGHT - ADDRESS_TOP - 10
        for bold, text in lines:
            canvas.setFont(BOLD if bold else self.styles.body.fontName, size)
            canvas.drawString(LEFT, y, text)
            y -= size * 1.3


def _draw_logo(canvas: Canvas, logo: Path) -> None:
    width, height = LOGO_BOX
    canvas.drawImage(
        str(logo), LEFT, PAGE_HEIGHT - LOGO_TOP - height, width, height,
        preserveAspectRatio=True, anchor="nw", mask="auto",
    )  # fmt: skip


def address_layout(address: Sequence[str], font: str) -> tuple[float, list[tuple[bool, str]]]:
    """The address block as printed lines (bold, text): the full legal name wrapped at spaces, never cut; when the
    wrapped block would not fit the envelope's window, a smaller size (down to 8 pt) is taken."""
    for size in ADDRESS_SIZES:
        lines: list[tuple[bool, str]] = []
        fits = True
        for number, line in enumerate(address):
            face = BOLD if number == 0 else font
            parts = simpleSplit(line, face, size, ADDRESS_WIDTH) or [""]
            fits = fits and all(stringWidth(part, face, size) <= ADDRESS_WIDTH for part in parts)
            lines += [(number == 0, part) for part in parts]
        if fits and len(lines) * size * 1.3 <= ADDRESS_HEIGHT:
            return size, lines
    return ADDRESS_SIZES[-1], lines


class _NumberedCanvas(Canvas):
    """Holds the pages back until the end, then writes each page's footer: kenmerk and 'pagina n van N', counted
    per letter (the letter is known from the marker its LetterHead left on the canvas).

    characters: the letters' characters outside ASCII, given their codes in both fonts before anything is drawn, so
    that every document made with the same characters encodes a text alike (reportlab gives ASCII fixed codes, the
    rest in the order first drawn): a page drawn for a letter's own PDF is then also right in the merged PDF."""

    def __init__(
        self,
        *args: Any,
        head: str = "",
        characters: str = "",
        kept: Kept | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kept = Kept() if kept is None else kept
        self.characters = characters
        self.head = head  # the history's head hash when the letters were made, printed under each footer
        self._letter_marker: tuple[int, str, str] = (0, "", "")
        self._held: list[dict[str, Any]] = []
        self._assigned = _prime_fonts(self._doc, characters)
        self.drawn: list[_DrawnPage] = []  # after save: each page as drawn before its footer
        self.drew_only_primed = False  # after save: no character drawn had to be given a code of its own
        mark_archival(self)  # PDF/A-2b

    def showPage(self) -> None:  # reportlab's name
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        totals = Counter(state["_letter_marker"][0] for state in self._held)
        seen: Counter[int] = Counter()
        drawn = [_DrawnPage.of(state) for state in self._held]
        only_primed = _assigned(self._doc) == self._assigned
        for state in self._held:
            self.__dict__.update(state)
            index, kenmerk, sender = self._letter_marker
            seen[index] += 1
            self._footer(kenmerk, sender, seen[index], totals[index])
            super().showPage()
        self.drawn, self.drew_only_primed = drawn, only_primed  # set after the pages' states are restored
        with saving(self.kept):
            super().save()

    def _footer(self, kenmerk: str, sender: str, page: int, pages: int) -> None:
        font = register_fonts()
        y = 1.5 * cm
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(LEFT, y + 11, PAGE_WIDTH - RIGHT, y + 11)
        self.setFont(font, 8)
        self.setFillColor(GREY)
        self._fixed_string(LEFT, y, sender)
        self.drawRightString(PAGE_WIDTH - RIGHT, y, f"Kenmerk {kenmerk} · pagina {page} van {pages}")
        if self.head:
            self.setFont(font, 6)
            self._fixed_string(LEFT, y - 9, f"Controlegetal geschiedenis bij opmaken: {self.head}")
        self.restoreState()

    def _fixed_string(self, x: float, y: float, text: str) -> None:
        """drawString of a text every page has alike: its operators made once and then copied. They are the same in
        every document primed with the same characters, when each of the text's characters is primed (else drawn)."""
        key = (self.characters, self._fontname, self._fontsize, self._leading, x, y, text)
        code = self.kept.strings.get(key)
        if code is None:
            self.drawString(x, y, text)
            if _characters(text) <= set(self.characters):
                self.kept.strings[key] = self._code[-1]
        else:
            self._code.append(code)


def letter_characters(contents: Sequence[LetterContent]) -> str:
    """The characters outside ASCII in the letters' texts (and the footer's), in a fixed order."""
    found: set[str] = {"·"}
    for content in contents:
        found |= _characters(content)
    return "".join(sorted(found))


def _characters(value: object) -> set[str]:
    if isinstance(value, str):
        return {character for character in set(value) if character > "\x7f"}  # each character tested once
    if is_dataclass(value):
        return set().union(*(_characters(getattr(value, field.name)) for field in fields(value)))
    if isinstance(value, tuple):
        return set().union(*map(_characters, value))
    return set()


def _prime_fonts(doc: object, characters: str) -> tuple[int, ...]:
    """Both fonts named in doc, in a fixed order, with the characters' codes assigned; how many codes each has."""
    for name in (REGULAR, BOLD):
        font = pdfmetrics.getFont(name)
        font.splitString(characters, doc)
        font.getSubsetInternalName(0, doc)
    return _assigned(doc)


def _assigned(doc: object) -> tuple[int, ...]:
    return tuple(len(pdfmetrics.getFont(name).state[doc].assignments) for name in (REGULAR, BOLD))


@dataclass(frozen=True)
class _DrawnPage:
    """A page's drawing operators (before its footer), the images it uses, and whether it can be copied into another
    document as it is (it uses no annotations, colour spaces, shadings or transparency, which are kept elsewhere)."""

    code: tuple[str, ...]
    forms: tuple[str, ...]
    portable: bool

    @classmethod
    def of(cls, state: dict[str, Any]) -> _DrawnPage:
        plain = not (state["_annotationrefs"] or state["_colorsUsed"] or state["_shadingUsed"])
        return cls(tuple(state["_code"]), tuple(state["_formsinuse"]), plain and not state["_extgstate"].getState())


def _fitting_width(texts: Sequence[str], size: float) -> float:
    """A score column wide enough for its widest word in bold, so "(onvoldoende)" never breaks inside."""
    widest = max((stringWidth(word, BOLD, size) for text in texts for word in text.split()), default=0.0)
    return min(max(widest + 2 * CELL_PADDING + 2, 2.2 * cm), 3.8 * cm)


def _scores_table(block: ScoresTable, styles: _Styles) -> Table:
    small, bold = styles.small, styles.small_bold
    rows: list[list[tuple[str, ParagraphStyle] | None]] = [
        [("Criterium", bold), ("Score", bold), ("Minimum", bold), ("Motivering van de commissie", bold)]
    ]
    below: list[int] = []
    for line in block.lines:
        rows.append(
            [
                (f"{line.code} {line.title}", small),
                (line.score_text, bold if not line.meets_minimum else small),
                (line.minimum_text, small),
                (line.motivation, small),
            ]
        )
        if not line.meets_minimum:
            below.append(len(rows) - 1)
    if block.total is not None:
        rows.append([("Gewogen totaalscore", bold), (block.total, bold), None, None])
    width = PAGE_WIDTH - LEFT - RIGHT
    score_width = _fitting_width([line.score_text for line in block.lines] + ["Score"], small.fontSize)
    minimum_width = _fitting_width([line.minimum_text for line in block.lines] + ["Minimum"], small.fontSize)
    widths = [3.6 * cm, score_width, minimum_width, width - 3.6 * cm - score_width - minimum_width]
    cells, cell_style = _text_cells(rows, widths, padding=CELL_PADDING)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), small.fontName),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        *cell_style,
    ]
    style += [("BACKGROUND", (0, row), (-1, row), BELOW_FILL) for row in below]
    return Table(cells, colWidths=widths, repeatRows=1, style=TableStyle(style), hAlign="LEFT")


def _text_cells(
    rows: Sequence[Sequence[tuple[str, ParagraphStyle] | None]], widths: Sequence[float], *, padding: float
) -> tuple[list[list[Any]], list[tuple[Any, ...]]]:
    """A table's cells, each a text in a style (None: empty), and the style commands they need. A text whose lines
    each fit the column as they are is given as a plain string in the style's font, size, leading and colour: the
    table draws it at the very places a Paragraph would, without parsing and wrapping it; any other is a Paragraph."""
    cells: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = []
    for row_number, row in enumerate(rows):
        cells.append([])
        for column, cell in enumerate(row):
            if cell is None:
                cells[-1].append("")
                continue
            text, style = cell
            if _fits_plain(text, style, widths[column] - 2 * padding):
                at = ((column, row_number), (column, row_number))
                commands += [("FONTNAME", *at, style.fontName), ("FONTSIZE", *at, style.fontSize),
                             ("LEADING", *at, style.leading), ("TEXTCOLOR", *at, style.textColor)]  # fmt: skip
                cells[-1].append(text)
            else:
                cells[-1].append(_Paragraph(_text(text), style))
    return cells, commands


_OTHER_SPACE = re.compile(r"[^\S ]")  # white space other than a space (\s is str.isspace)


def _fits_plain(text: str, style: ParagraphStyle, width: float) -> bool:
    """Whether a Paragraph would print every line of text as it stands: no line wider than width (a hair less, to
    be safe), and no spacing a Paragraph would fold (runs of spaces, spaces at the ends, other white space)."""
    return bool(text) and all(
        line.strip(" ") == line and "  " not in line and not _OTHER_SPACE.search(line)
        and _narrower(line, style.fontName, style.fontSize, width - 0.01)
        for line in text.split("\n")
    )  # fmt: skip


def _narrower(line: str, font: str, size: float, limit: float) -> bool:
    """stringWidth(line) < limit. A long line (a motivation) is first measured by its start, which most often is
    already wider (widths only add up): the rest of its characters are not looked up one by one."""
    start = int(limit / (0.3 * size)) + 1
    if len(line) > start and stringWidth(line[:start], font, size) > limit + 1:
        return False
    return stringWidth(line, font, size) < limit


def _story(content: LetterContent, index: int, styles: _Styles, logo: Path | None) -> list[Flowable]:
    story: list[Flowable] = [
        LetterHead(content, index, styles, logo),
        _Paragraph(_text(content.salutation), styles.body),
    ]
    blocks = list(content.blocks)
    # The last paragraph goes with the signature, so that a signature never stands alone on the last page.
    last = blocks.pop() if blocks and isinstance(blocks[-1], TextBlock) else None
    for block in blocks:
        if isinstance(block, TextBlock):
            story.append(_Paragraph(_text(block.text), styles.body))
        elif isinstance(block, ScoresTable):
            story += [_scores_table(block, styles), Spacer(1, 0.4 * cm)]
        elif isinstance(block, ReasonsList):
            story += [
                _Paragraph(_text(reason), styles.reason, bulletText=f"{number}.")
                for number, reason in enumerate(block.reasons, start=1)
            ]
    story.append(
        KeepTogether(
            [
                *([_Paragraph(_text(last.text), styles.body)] if last is not None else []),
                Spacer(1, 0.2 * cm),
                _Paragraph(_text(content.closing), styles.plain),
                *([Spacer(1, 0.3 * cm), _Paragraph(_text(content.mandate), styles.plain)] if content.mandate else []),
                Spacer(1, 1.5 * cm),
                _Paragraph(_text(content.signatory), styles.bold),
                _Paragraph(_text(content.signatory_function), styles.plain),
                _Paragraph(_text(content.sender), styles.plain),
            ]
        )
    )
    return story


def _document(buffer: io.BytesIO, *, title: str, author: str, subject: str) -> BaseDocTemplate:
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=title,
        author=author,
        subject=subject,
        creator="Beoordelaar",
        invariant=1,
        initialFontName=register_fonts(),
    )
    frame = Frame(LEFT, BOTTOM, PAGE_WIDTH - LEFT - RIGHT, PAGE_HEIGHT - TOP - BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)  # fmt: skip
    document.addPageTemplates([PageTemplate(id="letter", frames=[frame])])
    return document


class _CopiedPage(Flowable):
    """A page of a letter as drawn for the letter's own PDF, put into the merged PDF as it is (the same operators:
    both documents encode the text alike); the page is marked as that letter's, for its footer."""

    def __init__(self, page: _DrawnPage, marker: tuple[int, str, str]) -> None:
        super().__init__()
        self.page = page
        self.marker = marker

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        canvas._code.extend(self.page.code)  # type: ignore[attr-defined]
        canvas._formsinuse.extend(self.page.forms)  # type: ignore[attr-defined]
        canvas._letter_marker = self.marker  # type: ignore[attr-defined]


def _canvas_maker(
    made: list[_NumberedCanvas],
    *,
    head: str,
    characters: str,
    kept: Kept | None = None,
    logo: Path | None = None,
) -> Callable[..., _NumberedCanvas]:
    """The documents' canvas, kept in made; with logo, the logo is in the document before any page is copied in."""

    def make(*args: Any, **kwargs: Any) -> _NumberedCanvas:
        canvas = _NumberedCanvas(*args, head=head, characters=characters, kept=kept, **kwargs)
        if logo is not None:
            _draw_logo(canvas, logo)
            del canvas._code[:]  # only the image object is wanted, not where it was drawn
            canvas._formsinuse.clear()
        made.append(canvas)
        return canvas

    return make


def render_letter_set(
    contents: Sequence[LetterContent],
    *,
    title: str,
    author: str,
    subject: str,
    logo: Path | None = None,
    head: str = "",
    rendered: Callable[[int], object] | None = None,
) -> tuple[list[bytes], bytes]:
    """Each letter as its own PDF (as render_letter makes it) and all of them in one PDF, in order, each starting on
    a new page and numbered on its own. Each letter is laid out and drawn once: the merged PDF takes the pages of the
    letters' own PDFs as they were drawn (a letter that drew something those pages cannot carry along is laid out
    again). rendered: told how many letters are done, after each."""
    if not contents:
        raise ValueError("no letters to render")
    styles = _Styles()
    characters = letter_characters(contents)
    kept = Kept()
    letters: list[bytes] = []
    story: list[Flowable] = []
    with collection_paused():
        for index, content in enumerate(contents):
            _render_into(letters, story, index, content, styles, logo, head, characters, kept)
            # Only what the letter made is collected (its document and canvas hold cycles): the collector's own full
            # collections would walk every object of the process, again and again over a round's letters.
            gc.collect(1)
            if rendered is not None:
                rendered(len(letters))
    buffer = io.BytesIO()
    merged = _document(buffer, title=title, author=author, subject=subject)
    maker = _canvas_maker([], head=head, characters=characters, kept=kept, logo=logo)
    merged.build(story, canvasmaker=maker)
    return letters, buffer.getvalue()


def _render_into(
    letters: list[bytes],
    story: list[Flowable],
    index: int,
    content: LetterContent,
    styles: _Styles,
    logo: Path | None,
    head: str,
    characters: str,
    kept: Kept,
) -> None:
    """One letter's own PDF added to letters, and its pages (copied as drawn, or its story) to the merged story."""
    made: list[_NumberedCanvas] = []
    maker = _canvas_maker(made, head=head, characters=characters, kept=kept)
    pdf, _count = _letter_pdf(content, styles, logo, maker)
    letters.append(pdf)
    story += [PageBreak()] if story else []
    drawn = made[-1].drawn
    if made[-1].drew_only_primed and all(page.portable for page in drawn):
        marker = (index, content.kenmerk, content.sender)
        story += _between_pages([_CopiedPage(page, marker) for page in drawn])
    else:
        story += _story(content, index, styles, logo)


def _between_pages(pages: list[Flowable]) -> list[Flowable]:
    return [flowable for number, page in enumerate(pages) for flowable in ([PageBreak()] if number else []) + [page]]


def _letter_pdf(
    content: LetterContent, styles: _Styles, logo: Path | None, canvasmaker: Callable[..., Canvas]
) -> tuple[bytes, int]:
    """One letter as its own PDF, with its metadata (title, author: the sender, subject: the addressee); and its
    number of pages."""
    buffer = io.BytesIO()
    document = _document(buffer, title=content.title, author=content.sender, subject=f"Besluit voor {content.provider}")
    document.build(_story(content, 0, styles, logo), canvasmaker=canvasmaker)
    return buffer.getvalue(), document.page


def render_letter(content: LetterContent, logo: Path | None = None, head: str = "") -> bytes:
    """One letter as its own PDF; head: the history's head hash, printed at the foot of each page."""
    maker = _canvas_maker([], head=head, characters=letter_characters([content]))
    return _letter_pdf(content, _Styles(), logo, maker)[0]
