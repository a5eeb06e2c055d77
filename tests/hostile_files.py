"""Hostile spreadsheets from a seeded generator, and the verdict on how read_table met each one.

Used by tests/unit/core/files/test_hostile_imports.py (a few hundred cases) and bench/bench_hostile_imports.py
(thousands). A case is held when read_table either reads the file or refuses it with a UserError whose message names
the file and carries no English or technical fragment of a library; anything else (a traceback, or text read in the
wrong encoding) is a failure.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from beoordelaar.core.errors import UserError
from beoordelaar.core.files.tables import read_table

HEAD = ["Naam", "KvK-nummer", "Plaats", "Antwoord"]
ROWS = [
    ["Renée Öztürk B.V.", "04422671", "'s-Hertogenbosch", "Ja, wij leveren € 12,50 per uur"],
    ["Zoë & Zn.", "12345678", "Hengelo", "Nee — zie bijlage"],
    ["Anker", "00012345", "Sneek", '=HYPERLINK("http://x")'],
]

# Words of a library's (English) message, and the shapes of a technical detail: an exception name, a byte offset.
ENGLISH = re.compile(
    r"\b(error|errors|file|invalid|bad|expected|unexpected|failed|the|not|no such|space left|device|field larger|"
    r"limit \(\d+|crc|syntax|token|codec|decode|can't|cannot|unsupported|found|missing|line \d+|column \d+|"
    r"position|byte 0x|undefined|entity|element|document|archive|header|magic|truncated|zlib|badzip|"
    r"invalidfile|parseerror|exception|traceback|errno)\b",
    re.IGNORECASE,
)

# What another encoding's é, ö, ü become when read as Windows-1252 (Mac-Roman, UTF-8): none is in the sample rows.
_MOJIBAKE = re.compile("[ŽŸ…Ã]")
_ENCODING_KINDS = {"odd encoding", "truncated csv"}


@dataclass(frozen=True)
class Case:
    kind: str
    name: str
    data: bytes


@dataclass(frozen=True)
class Verdict:
    case: Case
    outcome: str  # "read", "refused", "traceback", "english", "unnamed", "mojibake"
    detail: str

    @property
    def held(self) -> bool:
        return self.outcome in {"read", "refused"}


def _score(cells: tuple[str, ...]) -> int:
    return sum(1 for c in cells if c in HEAD)


def judge(case: Case, folder: Path) -> Verdict:
    path = folder / case.name
    path.write_bytes(case.data)
    try:
        table = read_table(path, _score)
    except UserError as exc:
        message = str(exc)
        if path.name not in message:
            return Verdict(case, "unnamed", message)
        found = ENGLISH.search(message)
        if found:
            return Verdict(case, "english", f"{found.group(0)!r} in {message}")
        return Verdict(case, "refused", message)
    except Exception as exc:  # the point: anything else is a traceback the user would see
        return Verdict(case, "traceback", f"{type(exc).__name__}: {exc}"[:300])
    finally:
        path.unlink(missing_ok=True)
    if case.kind not in _ENCODING_KINDS:
        return Verdict(case, "read", "")  # a flipped byte garbles text in a way no reader can tell
    mangled = next((c for r in table.rows for c in r.cells if _MOJIBAKE.search(c)), None)
    if mangled is not None:
        return Verdict(case, "mojibake", mangled[:80])
    return Verdict(case, "read", "")


# -- the files --------------------------------------------------------------------------------------------------


def good_xlsx(rows: list[list[str]] | None = None) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Export inschrijvingen"])
    sheet.append(HEAD)
    for row in rows or ROWS:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def good_csv(encoding: str = "utf-8", rows: list[list[str]] | None = None) -> bytes:
    lines = [";".join(HEAD)] + [";".join(r) for r in rows or ROWS]
    return ("\r\n".join(lines) + "\r\n").encode(encoding, errors="replace")


_BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
    b'<c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)
_XXE = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
    b'<c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>'
)
_MEMBERS = ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "[Content_Types].xml", "xl/styles.xml",
            "xl/_rels/workbook.xml.rels", "docProps/app.xml"]  # fmt: skip


def _bad_xml(rng: random.Random, original: bytes) -> bytes:
    choice = rng.randrange(7)
    if choice == 0:
        return _BILLION_LAUGHS
    if choice == 1:
        return _XXE
    if choice == 2:
        return original[: rng.randrange(1, max(2, len(original)))]
    if choice == 3:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
    if choice == 4:
        return b"<a>" * 50_000 + b"</a>" * 50_000
    if choice == 5:
        flipped = bytearray(original)
        for _ in range(rng.randrange(1, 8)):
            flipped[rng.randrange(len(flipped))] = rng.choice(b"<>&\"'/=\x00\xff")
        return bytes(flipped)
    return original.replace(b"<sheetData>", b'<sheetData><row r="-5"><c r="ZZZZZ0" t="n"><v>x</v></c></row>', 1)


def _replace_member(xlsx: bytes, member: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, content if info.filename == member else source.read(info.filename))
    return out.getvalue()


def _flip(rng: random.Random, data: bytes) -> bytes:
    flipped = bytearray(data)
    for _ in range(rng.randrange(1, 24)):
        flipped[rng.randrange(len(flipped))] = rng.randrange(256)
    return bytes(flipped)


def _odd_encoding(rng: random.Random) -> bytes:
    choice = rng.randrange(8)
    if choice == 0:
        return good_csv("mac_roman")
    if choice == 1:
        return good_csv("utf-16-le")  # no BOM
    if choice == 2:
        return good_csv("utf-32")
    if choice == 3:
        return good_csv("utf-8") + good_csv("cp1252")  # mixed lines
    if choice == 4:
        return good_csv("utf-16")[:-1]  # BOM, cut in the middle of a character
    if choice == 5:
        return good_csv("cp437")
    if choice == 6:
        return good_csv("shift_jis")
    return b"\xef\xbb\xbf" + good_csv("cp1252")  # a UTF-8 BOM on Windows-1252 text


def cases(seed: int, count: int) -> Iterator[Case]:
    """count hostile files, the same ones for the same seed."""
    rng = random.Random(seed)
    xlsx = good_xlsx()
    members = {name: zipfile.ZipFile(io.BytesIO(xlsx)).read(name) for name in _MEMBERS}
    csv_utf8, csv_1252 = good_csv("utf-8"), good_csv("cp1252")
    makers: list[tuple[str, Callable[[], tuple[str, bytes]]]] = [
        ("xlsx byte flips", lambda: ("export.xlsx", _flip(rng, xlsx))),
        ("csv byte flips", lambda: ("export.csv", _flip(rng, rng.choice([csv_utf8, csv_1252])))),
        ("truncated xlsx", lambda: ("export.xlsx", xlsx[: rng.randrange(1, len(xlsx))])),
        ("truncated csv", lambda: ("export.csv", csv_utf8[: rng.randrange(1, len(csv_utf8))])),
        ("wrong extension", lambda: (rng.choice(["export.csv", "export.xls", "export.txt", "export"]), xlsx)),
        ("wrong extension", lambda: (rng.choice(["export.xlsx", "export.xls"]), csv_utf8)),
        ("bad xml member", lambda: ("export.xlsx", _bad_member(rng, xlsx, members))),
        ("huge cell", lambda: _huge_cell(rng)),
        ("nul bytes", lambda: ("export.csv", _nul(rng, csv_utf8))),
        ("odd encoding", lambda: ("export.csv", _odd_encoding(rng))),
        ("not a workbook", lambda: (rng.choice(["export.xlsx", "export.csv"]), _other_zip(rng))),
        ("fake xls", lambda: ("export.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rng.randbytes(rng.randrange(600)))),
    ]
    for number in range(count):
        kind, make = makers[number % len(makers)]
        name, data = make()
        yield Case(kind, name, data)


def _bad_member(rng: random.Random, xlsx: bytes, members: dict[str, bytes]) -> bytes:
    member = rng.choice(_MEMBERS)
    return _replace_member(xlsx, member, _bad_xml(rng, members[member]))


def _huge_cell(rng: random.Random) -> tuple[str, bytes]:
    size = rng.choice([32_768, 140_000, 1_000_000])
    big = "x" * size
    if rng.random() < 0.5:
        return "export.csv", good_csv("utf-8", [[*ROWS[0][:3], big]])
    return "export.xlsx", good_xlsx([[*ROWS[0][:3], big[:32_767]], *ROWS])


def _nul(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + b"\x00" * rng.randrange(1, 5) + data[at:]


def _other_zip(rng: random.Random) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(rng.choice(["leesmij.txt", "../../buiten.txt", "xl/workbook.xml"]), rng.randbytes(50))
    return out.getvalue()
