"""A reportlab canvas whose PDF goes to its file as the pages are made: each finished page and its content stream
are written at once and only their offsets kept for the cross-reference table. reportlab by itself keeps every page's
objects until the save, so a long report's memory grows with its pages; written this way it stays that of one page,
and eight bytes per object written. The objects shared by the pages (the fonts, which know their glyphs only at the
end, the page tree, the catalog and the document information) are written at the save, as reportlab writes them.
"""

from __future__ import annotations

import io
from array import array
from typing import IO

from reportlab.pdfbase.pdfdoc import (
    NoEncryption,
    PDFDocument,
    PDFFile,
    PDFIndirectObject,
    PDFObject,
    PDFPage,
    PDFPages,
    PDFStream,
    PDFTrailer,
    PDFZCompress,
)
from reportlab.pdfgen.canvas import Canvas


class _Kids(PDFObject):
    """The page tree's kids from the pages' object numbers alone (the pages themselves are written already), laid out
    as reportlab lays out an array: ten to a line."""

    def __init__(self, numbers: array) -> None:
        self.numbers = numbers

    def format(self, document: PDFDocument) -> bytes:
        lines = (b" ".join(b"%d 0 R" % n for n in self.numbers[i : i + 10]) for i in range(0, len(self.numbers), 10))
        return b"[ " + b"\n ".join(lines) + b" ]"


class _PageTree(PDFPages):
    """The page tree of a streamed document: pages holds the page being finished, numbers those already written."""

    def __init__(self) -> None:
        super().__init__()
        self.numbers = array("L")

    def check_format(self, document: PDFDocument) -> None:
        if self.pages:
            raise ValueError("a page was not written before the save")
        self.Kids = _Kids(self.numbers)
        self.Count = len(self.numbers)


class _StreamedDocument(PDFDocument):
    """reportlab's document, writing each finished page to the target at once (write_page) and the rest at the save.
    StreamingCanvas turns the canvas's own document into one (_begin) before its first page."""

    def _begin(self, target: str | IO[bytes]) -> None:
        if not isinstance(self.encrypt, NoEncryption):
            raise ValueError("a streamed PDF is not encrypted: the pages are written before the key is set up")
        self.ensureMinPdfVersion("transparency")  # the most reportlab raises it to, as a page drawn later may
        self.Pages = self.Catalog.Pages = _PageTree()
        self._target = target
        self._out: IO[bytes] | None = None
        self._offset = 0
        self._offsets = array("Q")  # by object number - 1; 0: not written yet (the header is at offset 0)
        self._header_version = self._pdfVersion

    def _write(self, data: bytes) -> int:
        """Write data at the end of the file; its offset."""
        if self._out is None:
            self._out = open(self._target, "wb") if isinstance(self._target, str) else self._target  # noqa: SIM115
            header = PDFFile(self._pdfVersion)  # reportlab's header, which it makes with its collector
            self._offset = 0
            self._write(b"".join(header.strings))
        start = self._offset
        self._out.write(data)
        self._offset += len(data)
        return start

    def _write_object(self, name: str, *, forget: bool = False) -> None:
        """Write the object registered under name; forget: keep nothing of it but its offset (no object refers to
        it by name any more: a page and its content stream, which the page tree lists by number)."""
        offset = self._write(PDFIndirectObject(name, self.idToObject[name]).format(self))
        number = self.idToObjectNumberAndVersion[name][0]
        if forget:
            del self.idToObject[name], self.numberToId[number], self.idToObjectNumberAndVersion[name]
        if len(self._offsets) < number:
            self._offsets.extend([0] * (number - len(self._offsets)))
        self._offsets[number - 1] = offset

    def write_page(self) -> None:
        """Write the page just finished and its content stream (formatting the page registers the stream)."""
        page: PDFPage = self.Pages.pages.pop()
        name = page.__InternalName__  # type: ignore[attr-defined]
        if page.stream and not page.Contents:  # compressed only: reportlab would also ASCII85 it, a quarter longer
            page.Contents = PDFStream(content=page.stream, filters=[PDFZCompress] if page.compression else None)
            page.stream = None
        number = self.idToObjectNumberAndVersion[name][0]
        self._write_object(name, forget=True)
        self._write_object(page.Contents.__InternalName__, forget=True)  # type: ignore[attr-defined]
        self.Pages.numbers.append(number)

    def format(self) -> bytes:
        """Write what is not written yet (objects may register others as they are written), the cross-reference
        table and the trailer; nothing is left to return."""
        if self._pdfVersion != self._header_version:
            raise ValueError("the PDF version was raised after the header was written")
        self.Reference(self.Catalog)
        self.Reference(self.info)
        number = 0
        while number < self.objectcounter:
            number += 1
            if number > len(self._offsets) or not self._offsets[number - 1]:
                self._write_object(self.numberToId[number])
        start = self._write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(self._offsets) + 1))
        for first in range(0, len(self._offsets), 1000):
            self._write(b"".join(b"%010d 00000 n \n" % offset for offset in self._offsets[first : first + 1000]))
        trailer = PDFTrailer(
            startxref=start, Size=len(self._offsets) + 1, Root=self.Reference(self.Catalog),
            Info=self.Reference(self.info), ID=self.ID(),
        )  # fmt: skip
        self._write(trailer.format(self))
        return b""

    def SaveToFile(self, filename: object, canvas: Canvas) -> None:  # reportlab's name; the target is set already
        self.GetPDFData(canvas)  # realises the fonts and the outline, then format() writes the rest
        self.close()

    def close(self) -> None:
        """Close the file where the document opened it (a buffer or a file handed in stays open)."""
        if self._out is not None and isinstance(self._target, str):
            self._out.close()
        self._out = None


class StreamingCanvas(Canvas):
    """A canvas that writes each page to its file as soon as it is finished (see the module)."""

    def __init__(self, filename: str | io.BytesIO, *args: object, **kwargs: object) -> None:
        super().__init__(filename, *args, **kwargs)  # type: ignore[arg-type]
        # The canvas makes reportlab's own document (the module's name, not a parameter) and registers its first
        # objects in it; it becomes the streamed one here, before any page.
        self._doc.__class__ = _StreamedDocument
        self._doc._begin(filename)

    def showPage(self) -> None:  # reportlab's name
        super().showPage()
        self._doc.write_page()

    def close(self) -> None:
        """Close the file after a failed layout (a finished one is closed by the save)."""
        self._doc.close()
