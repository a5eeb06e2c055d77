"""A csv as Dutch Excel writes it, read as a stream: which encoding it is in, and its rows one at a time.

The encoding is settled by a first pass over the bytes (a line at a time, never the file whole): UTF-8 (with or
without BOM), UTF-16 with BOM, or Windows-1252. A file that is none of these plausibly (Mac-Roman, UTF-8 lines mixed
with Windows-1252 lines) is refused naming the line, rather than read as mojibake ("RenŽe …ztŸrk").
"""

from __future__ import annotations

import codecs
import csv
import logging
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from beoordelaar.core.errors import UserError

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())  # the detail goes to the app's log when one runs, never to the terminal

_LINE_PIECE = 1 << 20  # a line longer than this is scanned in pieces
_RESAVE = "Sla het bestand opnieuw op als CSV UTF-8 (in Excel: Opslaan als, 'CSV UTF-8')."
# What Windows-1252 makes of bytes 0x80-0x9F: punctuation and a few letters. Between two letters one of these is
# almost always another encoding's accented letter (Mac-Roman é is 0x8E, Windows-1252 Ž); the apostrophe of "zo’n"
# is the exception.
_CP1252_HIGH = {bytes([b]).decode("cp1252", errors="ignore") for b in range(0x80, 0xA0)} - {"", "\u2019"}

# A UTF-8 lead byte for é, ö, ü (0xC3) or a no-break space (0xC2) read as Windows-1252, then a continuation byte or
# the end of the line: UTF-8 cut short or with a damaged byte, not Windows-1252 text.
_BROKEN_UTF8 = re.compile("[ÃÂ](?:[\u0080-\u00bf" + "".join(sorted(_CP1252_HIGH | {"\u2019"})) + "]|[\r\n]*$)")


def numbered(count: int) -> str:
    """12345 -> '12.345', as a Dutch reader writes a count."""
    return f"{count:,}".replace(",", ".")


def csv_encoding(path: Path, name: str) -> str:
    """The codec to read path with; UserError when it is not a text file in an encoding Dutch Excel writes."""
    with path.open("rb") as handle:
        if handle.read(2) in (b"\xff\xfe", b"\xfe\xff"):
            return "utf-16"
        handle.seek(0)
        utf8 = codecs.getincrementaldecoder("utf-8")()
        valid_utf8 = True
        utf8_line = other_line = None
        controls = seen = 0
        line = 1
        while piece := handle.readline(_LINE_PIECE):
            if b"\x00" in piece:
                raise UserError(
                    f"{name}: dit is geen tekstbestand in een bekende codering (regel {numbered(line)} bevat "
                    "nul-bytes). Sla het in Excel op als 'CSV (gescheiden door lijstscheidingsteken)' of als .xlsx."
                )
            if seen < 4096:
                controls += sum(1 for b in piece[: 4096 - seen] if b < 32 and b not in b"\r\n\t")
                seen += len(piece)
                if controls > 3:
                    raise UserError(
                        f"{name}: dit lijkt geen tekstbestand (het bevat stuurtekens); is het wel een csv-bestand?"
                    )
            if valid_utf8:
                try:
                    utf8.decode(piece)
                except UnicodeDecodeError:
                    valid_utf8 = False
            if max(piece) >= 0x80:
                try:
                    piece.decode("utf-8")
                    utf8_line = utf8_line or line
                except UnicodeDecodeError:
                    other_line = other_line or line
                    _check_windows_1252(piece, name, line)
            if piece.endswith(b"\n"):
                line += 1
        if valid_utf8:
            try:
                utf8.decode(b"", final=True)
            except UnicodeDecodeError:
                valid_utf8 = False
    if valid_utf8:
        return "utf-8-sig"
    if utf8_line is not None and other_line is not None:
        raise UserError(
            f"{name}: het bestand mengt twee coderingen: regel {numbered(utf8_line)} is UTF-8, regel "
            f"{numbered(other_line)} niet, zodat letters als é en ö verminkt zouden worden. {_RESAVE}"
        )
    return "cp1252"


def _check_windows_1252(piece: bytes, name: str, line: int) -> None:
    try:
        text = piece.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{name}: de tekst is geen UTF-8 en geen Windows-1252 (een onleesbaar teken op regel {numbered(line)}). "
            f"{_RESAVE}"
        ) from exc
    broken = _BROKEN_UTF8.search(text)
    if broken:
        raise UserError(
            f"{name}: regel {numbered(line)} is UTF-8 met een beschadigd of afgebroken teken "
            f"('{text[max(0, broken.start() - 12) : broken.end()].strip()}'). {_RESAVE}"
        )
    for at in range(1, len(text) - 1):
        if text[at] in _CP1252_HIGH and text[at - 1].isalpha() and text[at + 1].isalpha():
            start = at
            while start > 0 and (text[start - 1].isalpha() or text[start - 1] in _CP1252_HIGH):
                start -= 1
            end = at
            while end < len(text) and (text[end].isalpha() or text[end] in _CP1252_HIGH):
                end += 1
            raise UserError(
                f"{name}: de tekst is geen UTF-8 en lijkt ook geen Windows-1252: op regel {numbered(line)} zou "
                f"'{text[start:end][:40]}' komen te staan (misschien is het bestand op een Mac opgeslagen). {_RESAVE}"
            )


def csv_rows(
    path: Path,
    name: str,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[tuple[int, tuple[str, ...]]]:
    """(row number, cells) of a csv, one row at a time; UserError for a file that cannot be read as a table."""
    encoding = csv_encoding(path, name)
    number = 0
    try:
        with path.open("r", encoding=encoding, newline="") as handle:
            delimiter = sniff_delimiter(handle.read(20000))
            handle.seek(0)
            reader = csv.reader(handle, delimiter=delimiter)
            for number, cells in enumerate(reader, start=1):
                if any("\x00" in cell for cell in cells):
                    raise UserError(f"{name}: rij {numbered(number)} bevat nul-tekens; dit is geen gewoon csv-bestand.")
                yield number, tuple(cells)
                if progress is not None and number % 500 == 0:
                    progress(number, 0)
    except csv.Error as exc:
        log.warning("csv %s, rij %d: %s", path, number + 1, exc)
        if "field larger" in str(exc):
            raise UserError(
                f"{name}: rij {numbered(number + 1)} heeft een cel van meer dan "
                f"{numbered(csv.field_size_limit())} tekens; zo'n lange tekst hoort niet in een export. "
                "Controleer die rij in Excel."
            ) from exc
        raise UserError(
            f"{name}: het csv-bestand is niet te lezen rond rij {numbered(number + 1)} (een aanhalingsteken of "
            "scheidingsteken klopt niet). Open het in Excel en sla het opnieuw op als csv."
        ) from exc
    except UnicodeDecodeError as exc:
        log.warning("csv %s, rij %d: %s", path, number + 1, exc)
        raise UserError(
            f"{name}: het bestand is beschadigd (een onleesbaar teken rond rij {numbered(number + 1)}). {_RESAVE}"
        ) from exc


def sniff_delimiter(text: str) -> str:
    """The separator Dutch Excel used: semicolon (Dutch regional settings), comma, or tab."""
    sample = text[:20000].splitlines()[:30]
    best, best_score = ";", -1
    for delimiter in (";", ",", "\t"):
        try:
            widths = [len(r) for r in csv.reader(sample, delimiter=delimiter) if any(c.strip() for c in r)]
        except csv.Error:  # a cut-off quoted field in the sample, or a cell beyond the field limit
            continue
        if not widths or max(widths) < 2:
            continue
        common = max(set(widths), key=widths.count)
        # Favour a width most rows share (a real table) and more columns; title rows are few.
        score = widths.count(common) * (common - 1)
        if score > best_score:
            best, best_score = delimiter, score
    return best
