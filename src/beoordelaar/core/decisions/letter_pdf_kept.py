"""What the documents of one letter set make alike, made once for the set while each is written: font subsets, the
operators of the footer's fixed lines, compressed streams and arrays of numbers. Reportlab makes them again for every
document; a set of 300 letters and their merged PDF would cut, compress and write the same fonts 301 times.
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFArray, PDFZCompress

from beoordelaar.core.files.fonts import BOLD, REGULAR

# Both settings below are reportlab's, for every document: one letter document is written at a time, so that each
# puts back what it found. Another document written meanwhile is only written the same way, and as correctly.
_SAVING = threading.Lock()


@contextmanager
def _binary_streams() -> Iterator[None]:
    """The page streams compressed only, not also written out in ASCII85 (reportlab's default, for 7-bit channels
    no PDF travels by today): each page stream a fifth smaller, and no pure-Python encoding of every page.
    Reportlab reads the setting as it writes the document."""
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


# The font files embedded, by font and the characters they hold: letters given the same characters embed the same
# subsets, which are then cut from the font once for the whole set.
_Subsets = dict[tuple[str, tuple[int, ...]], bytes]


@dataclass
class Kept:
    """What the documents of one set make alike, made once for the set: the font subsets; the operators of a text
    drawn on every page alike (by the characters primed, the font, size, leading, place and text); each stream's
    compressed bytes (a merged page is its letter's own page, and every document embeds the same fonts)."""

    subsets: _Subsets = field(default_factory=dict)
    strings: dict[tuple[str, str, float, float, float, float, str], str] = field(default_factory=dict)
    streams: dict[bytes, bytes] = field(default_factory=dict)
    arrays: dict[tuple[Any, ...], bytes] = field(default_factory=dict)  # arrays of numbers (the fonts' widths)


@contextmanager
def _kept_streams(kept: dict[bytes, bytes]) -> Iterator[None]:
    """While a document is written, a stream compressed before (the same bytes) is taken from kept, else compressed
    and kept: zlib gives the same bytes for the same input. Reportlab compresses every stream of every document."""

    def encode(text: str | bytes) -> bytes:
        data = text.encode("utf8") if isinstance(text, str) else text
        found = kept.get(data)
        if found is None:
            found = kept[data] = zlib.compress(data)
        return found

    PDFZCompress.encode = encode
    try:
        yield
    finally:
        del PDFZCompress.encode  # reportlab's own again


@contextmanager
def _kept_arrays(kept: dict[tuple[Any, ...], bytes]) -> Iterator[None]:
    """While a document is written, an array of numbers written before (the same numbers, of the same types) is
    taken from kept: its text depends on nothing else. Every letter embeds the same fonts, with their widths."""
    own = PDFArray.format

    def format_array(array: PDFArray, document: Any, ind: bytes = b"\n ") -> bytes:
        sequence = array.sequence
        if not all(type(e) in _NUMBERS for e in sequence):
            return own(array, document, ind)
        key = (array.multiline, rl_config.pdfMultiLine, ind, tuple(sequence), tuple(map(type, sequence)))
        found = kept.get(key)
        if found is None:
            found = kept[key] = own(array, document, ind)
        return found

    PDFArray.format = format_array
    try:
        yield
    finally:
        PDFArray.format = own


_NUMBERS = (int, float)


@contextmanager
def _kept_subsets(kept: _Subsets) -> Iterator[None]:
    """While a document is written, each font subset is taken from kept where it was made before (and kept once
    made). Reportlab cuts the subset from the font for every document, the same bytes for the same characters."""
    faces = {name: pdfmetrics.getFont(name).face for name in (REGULAR, BOLD)}
    for name, face in faces.items():
        face.makeSubset = partial(_kept_subset, kept, name, type(face).makeSubset.__get__(face))
    try:
        yield
    finally:
        for face in faces.values():
            del face.makeSubset  # reportlab's own again


def _kept_subset(kept: _Subsets, font: str, make: Callable[[list[int]], bytes], subset: list[int]) -> bytes:
    key = (font, tuple(subset))
    if key not in kept:
        kept[key] = make(subset)
    return kept[key]


@contextmanager
def saving(kept: Kept) -> Iterator[None]:
    """While one letter document is written: streams compressed only, and what the set made before taken from kept."""
    with (
        _SAVING,
        _binary_streams(),
        _kept_subsets(kept.subsets),
        _kept_streams(kept.streams),
        _kept_arrays(kept.arrays),
    ):
        yield
