"""Export files for the import tests, built in each test's tmp_path (tests never read ../shared)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from beoordelaar.core.storage import models as m
    from beoordelaar.core.storage.database import Database

HEADERS = [
    "Inschrijvingsnummer", "Naam inschrijver", "KvK-nummer", "Vestigingsnummer", "AGB-code", "Adres", "Postcode",
    "Plaats", "Contactpersoon", "E-mailadres", "Telefoonnummer", "Datum inschrijving", "Percelen",
    "Productcategorieën", "Uitsluitingsgronden van toepassing (UEA deel III)", "Wtza-melding gedaan", "Solvabiliteit",
    "Current ratio", "Plan van aanpak normaliseren",
]  # fmt: skip


def row(i: int, **changes: str) -> list[str]:
    values = {
        "Inschrijvingsnummer": f"INS-{i:04d}",
        "Naam inschrijver": f"Jeugdhulp {i} B.V.",
        "KvK-nummer": f"{10000000 + i:08d}",
        "Vestigingsnummer": f"{100000000000 + i:012d}",
        "AGB-code": f"{75000000 + i:08d}",
        "Adres": f"Dorpsstraat {i}",
        "Postcode": "8011 AB",
        "Plaats": "Zwolle",
        "Contactpersoon": "Renée Öztürk",
        "E-mailadres": f"inkoop{i}@voorbeeld.nl",
        "Telefoonnummer": "038-1234567",
        "Datum inschrijving": "06-07-2022 14:30",
        "Percelen": "Perceel 1: Ambulante jeugdhulp; Perceel 3: Dagbehandeling",
        "Productcategorieën": "45; 41",
        "Uitsluitingsgronden van toepassing (UEA deel III)": "Nee",
        "Wtza-melding gedaan": "Ja",
        "Solvabiliteit": "0,34",
        "Current ratio": "1,05",
        "Plan van aanpak normaliseren": f"PvA_{i:04d}.pdf",
    }
    by_key = {_key(h): h for h in HEADERS}
    for name, value in changes.items():
        values[by_key[_key(name)]] = value  # KvK_nummer= sets "KvK-nummer"
    return [values[h] for h in HEADERS]


def _key(name: str) -> str:
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def rows(n: int, start: int = 1) -> list[list[str]]:
    return [row(i) for i in range(start, start + n)]


def write_xlsx(path: Path, data: Sequence[Sequence[object]], headers: Sequence[str] = HEADERS) -> Path:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Inschrijvingen")
    sheet.append(list(headers))
    for values in data:
        sheet.append(list(values))
    book.save(path)
    return path


def write_csv(
    path: Path,
    data: Sequence[Sequence[object]],
    headers: Sequence[str] = HEADERS,
    *,
    encoding: str = "utf-8-sig",
    delimiter: str = ";",
    title_rows: Sequence[str] = (),
) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        for title in title_rows:
            writer.writerow([title])
        writer.writerow(headers)
        writer.writerows(data)
    return path


def plan_folder(folder: Path, numbers: Sequence[int]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in numbers:
        (folder / f"PvA_{i:04d}.pdf").write_bytes(b"%PDF-1.4\n% plan " + str(i).encode() + b"\n%%EOF\n")
    return folder


# A questionnaire-shaped export: one row per bidder and question, as Negometrix structures submissions.
LONG_HEADERS_NL = ["Inschrijver", "KvK-nummer", "Vraagnummer", "Vraag", "Antwoord"]
LONG_HEADERS_EN = ["Supplier name", "Organisation number", "Question number", "Question", "Answer"]
LONG_QUESTIONS = [
    ("1.1", "Inschrijvingsnummer", "Inschrijvingsnummer"),
    ("1.2", "Datum inschrijving", "Datum inschrijving"),
    ("1.3", "Percelen", "Percelen"),
    ("2.1", "Bent u uitgesloten (UEA deel III)?", "Uitsluitingsgronden van toepassing (UEA deel III)"),
    ("G5", "Wat is uw solvabiliteit?", "Solvabiliteit"),
    ("3.1", "Plan van aanpak", "Plan van aanpak normaliseren"),
]


def long_rows(numbers: Sequence[int], **changes: str) -> list[list[str]]:
    """Per bidder one row per question of LONG_QUESTIONS, the answers those of row(i); the lots over two rows."""
    result = []
    for i in numbers:
        wide = dict(zip(HEADERS, row(i, **changes), strict=True))
        name, kvk = wide["Naam inschrijver"], wide["KvK-nummer"]
        for code, question, header in LONG_QUESTIONS:
            if header == "Percelen":
                result.append([name, kvk, code, question, "Perceel 1: Ambulante jeugdhulp"])
                result.append([name, kvk, code, question, "Perceel 3: Dagbehandeling"])
            else:
                result.append([name, kvk, code, question, wide[header]])
    return result


def stored_registrations(db: Database) -> list[m.Registration]:
    """The round's registrations as stored, with provider, lots, answers and documents loaded, in order."""
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from beoordelaar.core.storage import models as m

    with db.sessions() as session:
        return list(
            session.execute(
                select(m.Registration)
                .options(
                    selectinload(m.Registration.provider),
                    selectinload(m.Registration.lots),
                    selectinload(m.Registration.answers).selectinload(m.DeclaredAnswer.criterion),
                    selectinload(m.Registration.documents),
                )
                .order_by(m.Registration.sequence)
            ).scalars()
        )
