"""Checking one row of an export and folding duplicate rows: the rules, without files or a database.

A row arrives as text per target (see import_fields). It leaves as a ParsedRow: normalised values ready to store,
and Issues. An error blocks the row; a warning is a correction or a doubt the chair should see.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any

from beoordelaar.core.registrations import identifiers
from beoordelaar.core.registrations.answers import parse_decimal
from beoordelaar.core.registrations.import_fields import Field, criterion_code, is_document
from beoordelaar.core.rounds.framework import AnswerKind, Criterion, Lot
from beoordelaar.core.text import word

LONG_TEXT = 4000


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return word("severity", self.value)


@dataclass(frozen=True)
class Issue:
    row: int | None
    target: str | None
    value: str
    message: str
    severity: Severity


@dataclass(frozen=True)
class RowRules:
    """What a row is checked against: the round's lots, the iJw categories, the framework's criteria."""

    lots: Sequence[Lot]
    categories: Mapping[str, str]
    historic_categories: Mapping[str, str]
    criteria: Mapping[str, Criterion]


@dataclass
class ParsedRow:
    row: int
    fields: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    cell_rows: Mapping[str, int] = field(default_factory=dict)  # a pivoted cell's own row in the file

    @property
    def has_errors(self) -> bool:
        return any(i.severity is Severity.ERROR for i in self.issues)

    @property
    def kvk(self) -> str | None:
        return self.fields.get(Field.KVK)

    def content(self) -> tuple:
        """Everything this row would store, for comparing duplicate rows."""
        return (
            tuple(sorted((k, repr(v)) for k, v in self.fields.items())),
            tuple(sorted(self.answers.items())),
            tuple(sorted(self.documents.items())),
        )

    def note(self, target: str | None, value: str, message: str, severity: Severity) -> None:
        row = self.cell_rows.get(target, self.row) if target is not None else self.row
        self.issues.append(Issue(row, target, value, message, severity))


_ID_CHECKS = {
    Field.KVK: identifiers.check_kvk,
    Field.VESTIGINGSNUMMER: identifiers.check_vestigingsnummer,
    Field.AGB: identifiers.check_agb,
    Field.POSTCODE: identifiers.check_postcode,
}
_FIELD_LIMITS = {
    Field.NUMBER: 40,
    Field.NAME: 300,
    Field.ADDRESS: 300,
    Field.CITY: 100,
    Field.CONTACT_NAME: 200,
    Field.PHONE: 40,
    Field.EMAIL: 254,
}


def parse_row(
    row: int, cells: Mapping[str, str], rules: RowRules, cell_rows: Mapping[str, int] | None = None
) -> ParsedRow:
    """Check and normalise one row (cells: target -> text as read; cell_rows: the row of a cell that came from
    another row of the file, in a pivoted export). Never raises on bad input."""
    parsed = ParsedRow(row, cell_rows=cell_rows or {})
    for target, raw in cells.items():
        text = _clean(raw)
        if text.startswith(("=", "+", "@")) and len(text) > 1 and not parse_decimal(text):
            parsed.note(
                target,
                text,
                "De waarde begint met een formuleteken; ze is als gewone tekst ingelezen, niet uitgevoerd.",
                Severity.WARNING,
            )
        code = criterion_code(target)
        if code is not None:
            _criterion_cell(parsed, target, text, rules.criteria.get(code))
        else:
            _field_cell(parsed, _FIELDS[target], text, rules)
    for required in (Field.KVK, Field.NAME):
        if not parsed.fields.get(required) and not _has_error(parsed, required):
            parsed.note(required, cells.get(required, ""), f"{required.label} ontbreekt (verplicht).", Severity.ERROR)
    return parsed


_FIELDS = {f.value: f for f in Field}
_MESSY_SPACE = re.compile(r"[ \t\u00a0]{2,}|[\t\u00a0]")


def _clean(raw: str) -> str:
    # Non-breaking spaces and stray line breaks come from copy-paste out of web portals.
    text = raw.strip()
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _MESSY_SPACE.search(text):
        text = re.sub(r"[ \t\u00a0]+", " ", text)
    return text


def _has_error(parsed: ParsedRow, target: str) -> bool:
    return any(i.target == target and i.severity is Severity.ERROR for i in parsed.issues)


def _field_cell(parsed: ParsedRow, target: Field, text: str, rules: RowRules) -> None:
    if not text:
        return
    if target in _ID_CHECKS:
        checked = _ID_CHECKS[target](text)
        if checked.warning:
            parsed.note(target, text, checked.warning, Severity.WARNING)
        if checked.error:
            parsed.note(target, text, checked.error, Severity.ERROR)
        elif checked.value is not None:
            parsed.fields[target] = checked.value
    elif target is Field.EMAIL:
        checked = identifiers.check_email(text)
        if checked.error:
            # Kept as given: a typo in an address must not keep a provider out of the assessment.
            parsed.note(target, text, f"{checked.error} Het adres is overgenomen zoals het is.", Severity.WARNING)
            parsed.fields[target] = text[: _FIELD_LIMITS[target]]
        else:
            parsed.fields[target] = checked.value
    elif target is Field.SUBMITTED_AT:
        moment = parse_datetime(text)
        if moment is None:
            parsed.note(
                target, text, f"'{text}' is geen datum (verwacht bijvoorbeeld 06-07-2022 14:30).", Severity.ERROR
            )
        else:
            parsed.fields[target] = moment
    elif target is Field.LOTS:
        codes = _lots(parsed, text, rules.lots)
        if codes is not None:
            parsed.fields[target] = codes
    elif target is Field.PRODUCT_CATEGORIES:
        parsed.fields[target] = _categories(parsed, text, rules)
    else:
        limit = _FIELD_LIMITS[target]
        if len(text) > limit:
            parsed.note(
                target,
                text,
                f"{target.label} is {len(text)} tekens lang; er passen er {limit}. Kort de waarde in.",
                Severity.ERROR,
            )
            return
        parsed.fields[target] = text


def _criterion_cell(parsed: ParsedRow, target: str, text: str, criterion: Criterion | None) -> None:
    if criterion is None or not text:
        return
    if is_document(criterion):
        if "/" in text or "\\" in text:
            text = re.split(r"[\\/]", text)[-1]
        parsed.documents[criterion.code] = text
        return
    if len(text) > LONG_TEXT:
        parsed.note(
            target,
            text,
            f"Het antwoord is {len(text)} tekens lang; platforms staan er {LONG_TEXT} toe. Het is volledig bewaard.",
            Severity.WARNING,
        )
    if criterion.answer is AnswerKind.NUMBER and parse_decimal(text) is None:
        parsed.note(
            target,
            text,
            f"'{text}' is geen getal; het antwoord is bewaard zoals opgegeven en de drempel kan niet "
            "automatisch worden getoetst.",
            Severity.WARNING,
        )
    parsed.answers[criterion.code] = text


_LOT_PART = re.compile(r"^(?:perceel|lot|pc)?\s*([0-9]+[A-Za-z]?)\s*(?:[:.\-–)]\s*(.*))?$", re.IGNORECASE)


def _norm(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.casefold())


def _lots(parsed: ParsedRow, text: str, lots: Sequence[Lot]) -> tuple[str, ...] | None:
    """Lot codes from a cell like "Perceel 1: Ambulante jeugdhulp; Perceel 3: Dagbehandeling"."""
    by_code, by_name = _lot_index(tuple(lots))
    found: list[str] = []
    failed = False
    for part in _split_list(text):
        lot = _match_lot(part, by_code, by_name)
        if isinstance(lot, str):
            parsed.note(Field.LOTS, text, lot, Severity.ERROR)
            failed = True
        elif lot.code not in found:
            found.append(lot.code)
    return None if failed else tuple(sorted(found))


@lru_cache(maxsize=16)
def _lot_index(lots: tuple[Lot, ...]) -> tuple[dict[str, Lot], dict[str, Lot]]:
    return {_norm(lot.code): lot for lot in lots}, {_norm(lot.name): lot for lot in lots}


def _split_list(text: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"[;\n|]+", text) if p.strip()]
    return parts


def _match_lot(part: str, by_code: dict[str, Lot], by_name: dict[str, Lot]) -> Lot | str:
    key = _norm(part)
    if key in by_name:
        return by_name[key]
    match = _LOT_PART.match(part)
    lot = None if match is None else by_code.get(_norm(match.group(1)))
    if match is None or lot is None:
        known = ", ".join(f"{lot.code} ({lot.name})" for lot in by_code.values()) or "geen"
        return f"Onbekend perceel '{part}' (percelen van deze ronde: {known})."
    name = match.group(2) or ""
    if name and _norm(name) != _norm(lot.name):
        return f"'{part}': perceel {lot.code} heet '{lot.name}', niet '{name}'. Welk perceel is bedoeld?"
    return lot


def _categories(parsed: ParsedRow, text: str, rules: RowRules) -> tuple[str, ...]:
    codes: list[str] = []
    for code in (c for c in re.split(r"[;,\s|/]+", text) if c):
        if code in rules.categories:
            pass
        elif code in rules.historic_categories:
            parsed.note(
                Field.PRODUCT_CATEGORIES,
                text,
                f"Productcategorie {code} is verouderd ({rules.historic_categories[code]}).",
                Severity.WARNING,
            )
        else:
            parsed.note(
                Field.PRODUCT_CATEGORIES,
                text,
                f"Onbekende iJw-productcategorie '{code}' (verwacht een code als 45 of 54). "
                "Overgenomen zoals opgegeven.",
                Severity.WARNING,
            )
        if code not in codes:
            codes.append(code)
    return tuple(codes)


_DATE_FORMATS = (
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
    "%d-%m-%y %H:%M",
    "%d-%m-%y",
)


_DUTCH_MOMENT = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def _iso_moment(value: str) -> datetime | None:
    """ISO 8601 as platforms' APIs write it: "2022-07-06T12:30:00Z", "...T14:30:00.250+02:00", "...+0200". A moment
    with an offset becomes this computer's wall-clock time, as every other moment on screen is (core.text)."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    return moment.replace(microsecond=0)


def parse_datetime(text: str) -> datetime | None:
    """A moment as Dutch exports write it (day first), or ISO. None when it is not one."""
    value = re.sub(r"\s+", " ", text.strip())
    quick = _DUTCH_MOMENT.match(value)
    if quick is not None:  # the common case, without strptime's cost
        day, month, year, hour, minute, second = (int(g) if g else 0 for g in quick.groups())
        try:
            return datetime(year, month, day, hour, minute, second)
        except ValueError:
            return None
    if _ISO_MOMENT.match(value):
        return _iso_moment(value)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


def fold_duplicates(rows: Sequence[ParsedRow]) -> list[ParsedRow]:
    """Merge exact duplicate rows (warning on the later copy) and mark conflicting rows for one KvK number or one
    inschrijvingsnummer (error on each). Returns the rows to go on with; merged copies are left out."""
    kept: list[ParsedRow] = []
    first_by_kvk: dict[str, ParsedRow] = {}
    conflicts: dict[str, list[ParsedRow]] = {}
    for parsed in rows:
        kvk = parsed.kvk
        if kvk is None:
            kept.append(parsed)
            continue
        first = first_by_kvk.get(kvk)
        if first is None:
            first_by_kvk[kvk] = parsed
            kept.append(parsed)
        elif first.content() == parsed.content():
            parsed.note(
                None,
                kvk,
                f"Dubbele rij: gelijk aan rij {first.row} (KvK {kvk}); samengevoegd, één keer ingelezen.",
                Severity.WARNING,
            )
            # Keep the copy's own findings (a padded KvK number) visible: they were shown for the first row too.
        else:
            conflicts.setdefault(kvk, [first]).append(parsed)
            kept.append(parsed)
    for kvk, group in conflicts.items():
        numbers = ", ".join(str(p.row) for p in group)
        for parsed in group:
            parsed.note(
                Field.KVK,
                kvk,
                f"KvK-nummer {kvk} staat in meer rijen ({numbers}) met verschillende gegevens. Eén aanbieder "
                "kan maar één inschrijving hebben: verwijder of herstel de verkeerde rij.",
                Severity.ERROR,
            )
    _conflicting_numbers(kept)
    return kept


def _conflicting_numbers(rows: Sequence[ParsedRow]) -> None:
    by_number: dict[str, list[ParsedRow]] = {}
    for parsed in rows:
        number = parsed.fields.get(Field.NUMBER)
        if number:
            by_number.setdefault(number, []).append(parsed)
    for number, group in by_number.items():
        kvks = {p.kvk for p in group}
        if len(group) > 1 and len(kvks) > 1:
            where = ", ".join(str(p.row) for p in group)
            for parsed in group:
                parsed.note(
                    Field.NUMBER,
                    number,
                    f"Inschrijvingsnummer {number} staat in meer rijen ({where}) met verschillende KvK-nummers.",
                    Severity.ERROR,
                )
