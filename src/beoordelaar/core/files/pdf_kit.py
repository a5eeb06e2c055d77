"""The house style shared by our reports and forms (not the decision letters, which have their own layout):
DejaVu embedded everywhere, ruled tables, A4 documents that come out byte-identical for equal input, PDF/A-2b with
page numbers and the history's head hash at the foot of each page."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from html import escape
from itertools import islice

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from beoordelaar.core.files.fonts import BOLD, register_fonts
from beoordelaar.core.files.pdf_stream import StreamingCanvas
from beoordelaar.core.files.pdfa import mark_archival

GREY = colors.Color(0.35, 0.35, 0.35)
RULE = colors.Color(0.7, 0.7, 0.7)
HEAD_FILL = colors.Color(0.9, 0.92, 0.95)
CONTENT_WIDTH = A4[0] - 4.5 * cm
# The width a cell takes beyond its text: reportlab's default padding, left and right (6 + 6), and half a point to
# spare for rounding.
CELL_ROOM = 12.5
# The longest word of a table's body that its column is widened for ("verificatiegesprek"); a longer one (a hash, a
# path) breaks where it must, as a column cannot hold it whole.
WHOLE_WORD = 3.6 * cm


def text(value: str) -> str:
    """Plain text made safe for a Paragraph: markup characters escaped, line breaks kept."""
    return escape(value, quote=False).replace("\n", "<br/>")


class _Cell(Paragraph):
    """A table cell's paragraph, which breaks its lines once for a width: a table wraps every cell to measure its
    rows, again to split them over a page and again to draw them, always at the column's width."""

    _wrapped_at: float | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if avail_width != self._wrapped_at:  # a paragraph's lines depend on its width alone, not on the height
            super().wrap(avail_width, avail_height)
            self._wrapped_at = avail_width
        return self.width, self.height


class Styles:
    def __init__(self) -> None:
        font = register_fonts()
        self.font = font
        self.body = ParagraphStyle("body", fontName=font, fontSize=10, leading=14, spaceAfter=8)
        self.small = ParagraphStyle("small", fontName=font, fontSize=8.5, leading=11, textColor=GREY)
        self.head = ParagraphStyle("head", fontName=BOLD, fontSize=12, leading=16, spaceBefore=8, spaceAfter=6)
        self.head2 = ParagraphStyle("head2", fontName=BOLD, fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=4)
        self.title = ParagraphStyle("title", fontName=BOLD, fontSize=15, leading=19, spaceAfter=10)
        self.cell = ParagraphStyle("cell", fontName=font, fontSize=9, leading=12)
        self.cell_bold = ParagraphStyle("cell_bold", parent=self.cell, fontName=BOLD)

    def header_widths(self, header: Sequence[str], widths: Sequence[float]) -> list[float]:
        """The column widths with every column at least as wide as the longest word of its heading (in the heading's
        bold face), so that no heading breaks inside a word ("Cod/e"). What a column gains comes off the columns with
        the most room to spare, so the table keeps its width while any has room."""
        return _fitted(widths, self._heading_needs(header))

    def column_widths(
        self, header: Sequence[str], body: Sequence[Sequence[str]], widths: Sequence[float]
    ) -> list[float]:
        """header_widths, and beyond it every narrow column as wide as the longest word in its cells up to WHOLE_WORD
        ("consensus" in a source column, not "consensu/s") where the other columns have that room to give."""
        heading_needs = self._heading_needs(header)
        needs = [
            max(need, self._longest_word(self.cell, (str(row[c]) for row in body), up_to=WHOLE_WORD))
            if width < WHOLE_WORD else need
            for c, (width, need) in enumerate(zip(widths, heading_needs, strict=True))
        ]  # fmt: skip
        fitted = _fitted(widths, needs)
        return fitted if sum(fitted) <= sum(widths) + 0.01 else _fitted(widths, heading_needs)

    def _heading_needs(self, header: Sequence[str]) -> list[float]:
        return [self._longest_word(self.cell_bold, [str(heading)]) for heading in header]

    def _longest_word(self, style: ParagraphStyle, cells: Iterable[str], up_to: float | None = None) -> float:
        """The width a column needs for the longest word in cells (those up to up_to wide), with the cell's room."""
        size, font = style.fontSize, style.fontName
        words = {word for cell in cells for word in cell.split()}
        measured = (stringWidth(word, font, size) for word in words)
        return CELL_ROOM + max((w for w in measured if up_to is None or w + CELL_ROOM <= up_to), default=0)

    def ruled_table(self, rows: Sequence[Sequence[str]], widths: Sequence[float], header: bool = True) -> Table:
        """A ruled table; with header the first row is a shaded heading, else the first column is the label. No
        heading breaks inside a word, and no word of the body that a column can be given room for."""
        if header and rows:
            widths = self.column_widths(rows[0], rows[1:], widths)
        data = [
            [_Cell(text(str(cell)), self.cell_bold if (r == 0 if header else c == 0) else self.cell)
             for c, cell in enumerate(row)]
            for r, row in enumerate(rows)
        ]  # fmt: skip
        table = Table(data, colWidths=widths, hAlign="LEFT", repeatRows=1 if header else 0)
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.font),  # a table's own default font is Helvetica
                    ("BACKGROUND", (0, 0), (-1, 0) if header else (0, -1), HEAD_FILL),
                    ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return table


def _fitted(widths: Sequence[float], needs: Sequence[float]) -> list[float]:
    """widths with each column at least its need, what it gains taken off the columns with the most to spare."""
    fitted = [max(width, need) for width, need in zip(widths, needs, strict=True)]
    owed = sum(fitted) - sum(widths)
    for column in sorted(range(len(fitted)), key=lambda c: fitted[c] - needs[c], reverse=True):
        if owed <= 0:
            break
        taken = min(owed, fitted[column] - needs[column])
        fitted[column] -= taken
        owed -= taken
    return fitted


class Deferred(Flowable):
    """Flowables made only as the layout comes near them, a part at a time (a long report never holds all of its
    flowables at once): parts yields the lists of flowables in order. The document replaces it as it goes."""

    def __init__(self, parts: Iterator[list[Flowable]]) -> None:
        super().__init__()
        self.parts = parts

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0


class StreamedTable(Flowable):
    """A ruled table with a header whose rows are made as the layout reaches them, a page at a time: it lays out as
    one ruled_table of all the rows would (each page's part is split off by reportlab's own Table.split, the header
    repeated), without ever holding every row's paragraphs. rows may be any iterable, read once."""

    _BATCH = 40  # rows added to the page's table at a time, until it is taller than the page

    def __init__(self, styles: Styles, header: Sequence[str], rows: Iterable[Sequence[str]], widths: Sequence[float]):
        super().__init__()
        self._styles, self._header, self._widths = styles, header, widths
        self._rows = iter(rows)
        self._pending: list[Sequence[str]] = []  # rows taken from the iterator, not laid out yet
        self._exhausted = False

    def _table(self, avail_width: float, avail_height: float) -> Table:
        while True:
            if not self._pending and not self._exhausted:
                self._pull()
            table = self._styles.ruled_table([self._header, *self._pending], self._widths)
            _width, height = table.wrap(avail_width, avail_height)
            if height > avail_height or self._exhausted:
                return table
            self._pull()

    def _pull(self) -> None:
        batch = list(islice(self._rows, self._BATCH))
        self._exhausted = len(batch) < self._BATCH
        self._pending += batch

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, avail_height + 1  # never drawn itself: split hands the frame the page's table

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        table = self._table(avail_width, avail_height)
        if self._exhausted and table.wrap(avail_width, avail_height)[1] <= avail_height:
            return [table]  # the rest fits (reportlab will not "split" a table of its header alone)
        parts = table.split(avail_width, avail_height)
        if not parts or len(parts) == 1:
            return parts
        laid = len(parts[0]._cellvalues) - 1  # the header is not one of the rows
        rest = StreamedTable(self._styles, self._header, self._rows, self._widths)
        rest._pending, rest._exhausted = self._pending[laid:], self._exhausted
        return [parts[0], rest]


# A Deferred is expanded while it is this close to the front: further than any run of flowables kept with the next
# (headings), so that reportlab never groups it in with them, and the layout is the same as with the list whole.
_AHEAD = 60


class _HouseDocument(SimpleDocTemplate):
    """A4 in the house style, PDF/A-2b, each page with its number and, where given, the history's head hash."""

    def __init__(self, buffer: io.BytesIO | str, *, head: str, **kwargs: object) -> None:
        super().__init__(buffer, **kwargs)  # type: ignore[arg-type]
        self._head = head

    def build(self, flowables: list, **kwargs: object) -> None:  # type: ignore[override]
        pages = {"onFirstPage": self._page, "onLaterPages": self._page, "canvasmaker": StreamingCanvas}
        try:
            super().build(flowables, **pages, **kwargs)  # type: ignore[arg-type]
        finally:  # a failed layout leaves the file closed, so that its caller can remove it
            if isinstance(canvas := getattr(self, "canv", None), StreamingCanvas):
                canvas.close()

    def filterFlowables(self, flowables: list) -> None:  # reportlab's hook, before each flowable is laid out
        for index, flowable in enumerate(flowables[:_AHEAD]):
            if isinstance(flowable, Deferred):
                while index < _AHEAD and (part := next(flowable.parts, None)) is not None:
                    flowables[index:index] = part
                    index += len(part)
                if index < _AHEAD:  # its parts are all out
                    del flowables[index]
                return

    def _page(self, canvas: Canvas, doc: SimpleDocTemplate) -> None:
        mark_archival(canvas)
        canvas.saveState()
        canvas.setFont(register_fonts(), 7)
        canvas.setFillColor(GREY)
        y = 1.2 * cm
        if self._head:
            canvas.drawString(self.leftMargin, y, f"Geschiedenis bij opmaken: laatste hash {self._head}")
        canvas.drawRightString(A4[0] - self.rightMargin, y, f"pagina {doc.page}")
        canvas.restoreState()


def document(buffer: io.BytesIO | str, *, title: str, author: str, subject: str, head: str = "") -> SimpleDocTemplate:
    """A document in the house style, into a buffer or a file (its path); head: the history's head hash, printed at
    the foot of every page."""
    return _HouseDocument(
        buffer, head=head, pagesize=A4, leftMargin=2.5 * cm, rightMargin=2 * cm, topMargin=2 * cm,
        bottomMargin=2.2 * cm, title=title, author=author, subject=subject, creator="Beoordelaar", invariant=1,
        initialFontName=register_fonts(),
    )  # fmt: skip
