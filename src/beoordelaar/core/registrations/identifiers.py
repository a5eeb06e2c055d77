"""Identifiers of a provider, normalised and checked: KvK, vestigingsnummer, AGB, postcode, e-mail.

Pure functions on text. Each returns a Checked: the normalised value (None when the text cannot be used), and a
Dutch message when the text was corrected (a warning) or refused (an error). Spreadsheets drop leading zeros and
write long numbers in scientific notation; both are recognised here, so a provider is never silently mistaken for
another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")
_SCIENTIFIC = re.compile(r"^\d+([.,]\d+)?[eE][+]?\d+$")
_POSTCODE = re.compile(r"^([1-9]\d{3})\s*([A-Za-z]{2})$")
# Deliberately simple: one @, a dot in the domain, no spaces. Full RFC 5322 would accept typos a letter cannot use.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


@dataclass(frozen=True)
class Checked:
    """The outcome of checking one value: value is None when it was refused (error is then set)."""

    value: str | None
    warning: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _digits_only(text: str) -> str:
    """Remove spaces, dots and dashes people type inside numbers ("1234 5678", "12.34.56.78")."""
    return re.sub(r"[\s\u00a0.\-]", "", text)


def _fixed_digits(text: str, length: int, label: str, pad: bool) -> Checked:
    raw = text.strip()
    if not raw:
        return Checked(None)
    if _SCIENTIFIC.match(raw):
        return Checked(
            None,
            error=f"{label} staat in wetenschappelijke notatie ({raw}): de spreadsheet heeft cijfers weggegooid. "
            "Laat de kolom als tekst exporteren.",
        )
    if re.fullmatch(r"\d+\.0+", raw):  # a number cell read as float text: "50081935.0"
        raw = raw.split(".")[0]
    digits = _digits_only(raw)
    if not digits.isdigit() or not digits.isascii():
        return Checked(None, error=f"{label} moet uit {length} cijfers bestaan; '{raw}' bevat andere tekens.")
    if len(digits) == length:
        return Checked(digits)
    if len(digits) < length and pad:
        padded = digits.zfill(length)
        return Checked(
            padded,
            warning=f"{label} had {len(digits)} cijfers; aangevuld met voorloopnullen tot {padded} "
            "(een spreadsheet laat voorloopnullen vallen). Controleer dit nummer.",
        )
    return Checked(None, error=f"{label} moet uit {length} cijfers bestaan; '{raw}' heeft er {len(digits)}.")


def check_kvk(text: str) -> Checked:
    """A KvK number: 8 digits. 7 or fewer digits are padded with leading zeros, with a warning."""
    return _fixed_digits(text, 8, "Het KvK-nummer", pad=True)


def check_vestigingsnummer(text: str) -> Checked:
    """A vestigingsnummer: 12 digits. Shorter numbers are padded (leading zeros dropped), with a warning."""
    return _fixed_digits(text, 12, "Het vestigingsnummer", pad=True)


def check_agb(text: str) -> Checked:
    """An AGB code: 8 digits. The prefix (type of care provider) is not checked: its rules are not settled."""
    return _fixed_digits(text, 8, "De AGB-code", pad=True)


def check_postcode(text: str) -> Checked:
    """A Dutch postcode as "1234 AB"; "1234ab" is normalised with a warning."""
    raw = _SPACES.sub(" ", text.strip())
    if not raw:
        return Checked(None)
    match = _POSTCODE.match(raw)
    if match is None:
        return Checked(None, error=f"'{raw}' is geen postcode (vier cijfers, een spatie, twee letters: 1234 AB).")
    value = f"{match.group(1)} {match.group(2).upper()}"
    if value != raw:
        return Checked(value, warning=f"Postcode '{raw}' genormaliseerd tot '{value}'.")
    return Checked(value)


def check_email(text: str) -> Checked:
    """An e-mail address: trimmed; refused when it cannot be an address (no @, spaces, no domain)."""
    raw = text.strip()
    if not raw:
        return Checked(None)
    if raw.lower().startswith("mailto:"):
        raw = raw[len("mailto:") :]
    if not _EMAIL.match(raw):
        return Checked(None, error=f"'{raw}' is geen bruikbaar e-mailadres.")
    return Checked(raw)
