"""Which column is which: header normalisation, matching against the round's fields and the framework's criteria,
and the signature that recognises an export of the same shape next time.

Headers are compared after normalising case, accents, spacing and punctuation, so "KvK-nummer", "KVK NUMMER" and
"kvk nummer:" are one header. The usual Dutch and English headers of TenderNed, Negometrix and team spreadsheets
are known ("Supplier name", "Organisation number": Negometrix's English export names the KvK number so).
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from beoordelaar.core.registrations.import_fields import Field, criterion_target, targets
from beoordelaar.core.rounds.framework import Framework

FIELD_ALIASES: dict[Field, tuple[str, ...]] = {
    Field.NUMBER: (
        "inschrijvingsnummer", "inschrijfnummer", "inschrijving nummer", "inschrijving nr", "nummer inschrijving",
        "registratienummer", "referentie", "referentienummer", "kenmerk", "kenmerk inschrijving", "id inschrijving",
        "inzending", "inzendingsnummer", "offertenummer", "bid id", "submission id", "submission number",
        "submission reference", "bid number", "bid reference", "tender reference", "reference", "reference number",
        "registration id", "response id", "nummer inzending", "inschrijving id",
    ),
    Field.NAME: (
        "naam inschrijver", "inschrijver", "naam", "naam organisatie", "organisatie", "organisatienaam",
        "naam aanbieder", "aanbieder", "zorgaanbieder", "naam zorgaanbieder", "statutaire naam", "bedrijfsnaam",
        "handelsnaam", "naam onderneming", "onderneming", "leverancier", "naam leverancier", "company name",
        "supplier name", "supplier", "bidder", "bidder name", "tenderer", "tenderer name", "organisation name",
        "organization name", "organisation", "organization", "company", "legal name", "trade name", "name",
        "naam bedrijf", "naam inschrijvende partij", "inschrijvende partij", "gegadigde", "naam gegadigde",
    ),
    Field.KVK: (
        "kvk-nummer", "kvk", "kvk nummer", "kvknr", "kvk nr", "kamer van koophandel", "kamer van koophandel nummer",
        "inschrijfnummer kvk", "kvk-nummer inschrijver", "kvk nummer organisatie", "chamber of commerce",
        "coc number", "coc", "kvk number", "chamber of commerce number", "organisation number", "organization number",
        "company number", "company registration number", "organisatienummer", "handelsregisternummer",
    ),
    Field.VESTIGINGSNUMMER: (
        "vestigingsnummer", "vestigingsnr", "vestiging nummer", "kvk vestigingsnummer", "branch number",
        "establishment number",
    ),
    Field.AGB: (
        "agb-code", "agb", "agb code", "agbcode", "agb-code organisatie", "agb code onderneming", "agb nummer",
        "agb number",
    ),
    Field.ADDRESS: (
        "adres", "straat en huisnummer", "straat huisnummer", "bezoekadres", "vestigingsadres", "postadres",
        "adres inschrijver", "straat", "address", "street", "street address", "visiting address", "postal address",
    ),
    Field.POSTCODE: (
        "postcode", "postcode inschrijver", "postcode vestiging", "postal code", "zip code", "zip", "post code",
    ),
    Field.CITY: (
        "plaats", "woonplaats", "vestigingsplaats", "plaatsnaam", "stad", "plaats inschrijver", "city", "town", "place",
    ),
    Field.CONTACT_NAME: (
        "contactpersoon", "naam contactpersoon", "contact", "contactpersoon inschrijving", "contact person",
        "contact name",
    ),
    Field.EMAIL: (
        "e-mailadres", "e-mail", "email", "emailadres", "e-mail contactpersoon", "e-mailadres contactpersoon",
        "mailadres", "mail", "email address", "e-mail address", "contact email",
    ),
    Field.PHONE: (
        "telefoonnummer", "telefoon", "tel", "telefoonnr", "telefoonnummer contactpersoon", "mobiel", "phone",
        "phone number", "telephone", "telephone number",
    ),
    Field.SUBMITTED_AT: (
        "datum inschrijving", "inschrijfdatum", "datum ontvangst", "ingediend op", "datum indiening",
        "tijdstip inschrijving", "tijdstip indiening", "ontvangen op", "datum", "submission date", "submitted",
        "submitted at", "submitted on", "date submitted", "submission time", "received", "received at",
        "datum en tijd indiening", "datum ingediend",
    ),
    Field.LOTS: (
        "percelen", "perceel", "gekozen percelen", "ingeschreven percelen", "percelen ingeschreven", "lots", "lot",
        "selected lots",
    ),
    Field.PRODUCT_CATEGORIES: (
        "productcategorieen", "productcategorie", "ijw productcategorieen", "categorieen", "productcategorieen ijw",
        "product categories", "product category",
    ),
}  # fmt: skip

FUZZY_CUTOFF = 0.88


def normalise_header(text: str) -> str:
    """Case, accents, spacing and punctuation removed: "  KvK-Nummer: " -> "kvknummer"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z]+", "", plain)


def header_signature(headers: Sequence[str]) -> str:
    """The same shape of export gives the same signature, whatever the case or spacing of its headers."""
    joined = "\x1f".join(normalise_header(h) for h in headers)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ColumnMapping:
    """For each column (by position) its target, or None when the column is ignored."""

    headers: tuple[str, ...]
    targets: tuple[str | None, ...]

    def column_of(self, target: str) -> int | None:
        try:
            return self.targets.index(target)
        except ValueError:
            return None

    def header_of(self, target: str | None) -> str:
        index = None if target is None else self.column_of(target)
        return "" if index is None else self.headers[index]

    def with_target(self, column: int, target: str | None) -> ColumnMapping:
        """This mapping with one column changed; another column that had the same target loses it."""
        new = [None if (t == target and target is not None) else t for t in self.targets]
        new[column] = target
        return ColumnMapping(self.headers, tuple(new))

    def as_json(self) -> dict[str, object]:
        columns = zip(self.headers, self.targets, strict=True)
        return {"version": 1, "columns": [{"header": h, "target": t} for h, t in columns]}


class HeaderIndex:
    """Known names of every target for one framework, normalised."""

    def __init__(self, framework: Framework) -> None:
        self.labels = targets(framework)
        self.known: dict[str, str] = {}
        for field, aliases in FIELD_ALIASES.items():
            for alias in (field.label, *aliases):
                self.known.setdefault(normalise_header(alias), field.value)
        for criterion in framework.criteria:
            target = criterion_target(criterion.code)
            for alias in (*criterion.headers, criterion.title):
                self.known.setdefault(normalise_header(alias), target)
        for criterion in framework.criteria:
            # A bare code as a header ("G5") only when no word means the same.
            self.known.setdefault(normalise_header(criterion.code), criterion_target(criterion.code))

    def exact(self, header: str) -> str | None:
        return self.known.get(normalise_header(header))

    def score(self, cells: tuple[str, ...]) -> int:
        """How many cells of a row are known headers: finds the header row below title rows."""
        return sum(1 for c in cells if c and normalise_header(c) in self.known)

    def fuzzy(self, header: str) -> str | None:
        key = normalise_header(header)
        if len(key) < 5:
            return None
        close = difflib.get_close_matches(key, list(self.known), n=1, cutoff=FUZZY_CUTOFF)
        return self.known[close[0]] if close else None


def suggest_mapping(headers: Sequence[str], index: HeaderIndex) -> ColumnMapping:
    """The best guess: exact known headers first, then close spellings; each target used by one column only."""
    chosen: list[str | None] = [index.exact(h) for h in headers]
    used: set[str] = set()
    for i, target in enumerate(chosen):
        if target is not None and target in used:
            chosen[i] = None  # a second column with the same meaning: the first one wins, the chair can switch
        elif target is not None:
            used.add(target)
    for i, header in enumerate(headers):
        if chosen[i] is None:
            guess = index.fuzzy(header)
            if guess is not None and guess not in used:
                chosen[i] = guess
                used.add(guess)
    return ColumnMapping(tuple(headers), tuple(chosen))


def restore_mapping(headers: Sequence[str], stored: Mapping[str, object], valid: set[str]) -> ColumnMapping | None:
    """A remembered mapping for these headers, without targets this round does not know; None if unusable."""
    columns = stored.get("columns")
    if not isinstance(columns, list) or len(columns) != len(headers):
        return None
    result: list[str | None] = []
    for column in columns:
        target = column.get("target") if isinstance(column, dict) else None
        result.append(target if isinstance(target, str) and target in valid else None)
    return ColumnMapping(tuple(headers), tuple(result))
