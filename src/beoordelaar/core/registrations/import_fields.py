"""What a column of an export can be: a field of the registration, or the answer to a criterion of the framework.

A target is a short string, so a confirmed mapping can be stored as JSON: a field name ("kvk"), or
"criterion:<code>" for a declared answer (or, for a plan criterion, the plan's file name).
"""

from __future__ import annotations

from enum import StrEnum

from beoordelaar.core.rounds.framework import AnswerKind, Criterion, Framework


class Field(StrEnum):
    NUMBER = "number"
    NAME = "name"
    KVK = "kvk"
    VESTIGINGSNUMMER = "vestigingsnummer"
    AGB = "agb"
    ADDRESS = "address"
    POSTCODE = "postcode"
    CITY = "city"
    CONTACT_NAME = "contact_name"
    EMAIL = "email"
    PHONE = "phone"
    SUBMITTED_AT = "submitted_at"
    LOTS = "lots"
    PRODUCT_CATEGORIES = "product_categories"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Field.NUMBER: "Inschrijvingsnummer",
    Field.NAME: "Naam inschrijver",
    Field.KVK: "KvK-nummer",
    Field.VESTIGINGSNUMMER: "Vestigingsnummer",
    Field.AGB: "AGB-code",
    Field.ADDRESS: "Adres",
    Field.POSTCODE: "Postcode",
    Field.CITY: "Plaats",
    Field.CONTACT_NAME: "Contactpersoon",
    Field.EMAIL: "E-mailadres",
    Field.PHONE: "Telefoonnummer",
    Field.SUBMITTED_AT: "Datum inschrijving",
    Field.LOTS: "Percelen",
    Field.PRODUCT_CATEGORIES: "Productcategorieën",
}

REQUIRED_FIELDS = (Field.KVK, Field.NAME)
CRITERION_PREFIX = "criterion:"


def criterion_target(code: str) -> str:
    return f"{CRITERION_PREFIX}{code}"


def criterion_code(target: str) -> str | None:
    """The criterion code of a target, or None when the target is a field."""
    return target[len(CRITERION_PREFIX) :] if target.startswith(CRITERION_PREFIX) else None


def is_document(criterion: Criterion) -> bool:
    """A plan criterion (or a document requirement) takes a file name, not a declared answer."""
    return criterion.is_scored or criterion.answer is AnswerKind.DOCUMENT


def targets(framework: Framework) -> dict[str, str]:
    """Every target a column can be mapped to, with its Dutch label, in the order a chair expects."""
    result = {field.value: field.label for field in Field}
    for criterion in framework.criteria:
        suffix = " (bestandsnaam document)" if is_document(criterion) else ""
        result[criterion_target(criterion.code)] = f"{criterion.code} – {criterion.title}{suffix}"
    return result
