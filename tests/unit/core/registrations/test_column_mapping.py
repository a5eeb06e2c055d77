from __future__ import annotations

import pytest

from beoordelaar.core.registrations.column_mapping import (
    ColumnMapping,
    HeaderIndex,
    header_signature,
    normalise_header,
    restore_mapping,
    suggest_mapping,
)
from beoordelaar.core.rounds.framework_files import load_framework


@pytest.fixture(scope="module")
def index() -> HeaderIndex:
    return HeaderIndex(load_framework("ijsselland-2022")[0])


@pytest.mark.parametrize("header", ["KvK-nummer", "KVK NUMMER", " kvk nummer: ", "Kvk_Nummer", "KvK"])
def test_kvk_headers_regardless_of_case_spacing_punctuation(index: HeaderIndex, header: str) -> None:
    assert index.exact(header) == "kvk"


def test_normalise_header() -> None:
    assert normalise_header("  Productcategorieën ") == "productcategorieen"
    assert normalise_header("E-mailadres") == normalise_header("e mail adres")


def test_suggest_maps_fields_and_criteria(index: HeaderIndex) -> None:
    headers = [
        "INSCHRIJVINGSNUMMER", "Naam inschrijver", "KvK-nummer", "Vestigingsnr", "AGB code", "ADRES", "Postcode",
        "Woonplaats", "E-mail", "Percelen", "Productcategorieën", "GEDRAGSVERKLARING AANBESTEDEN BIJGEVOEGD",
        "SOLVABILITEIT", "Current ratio", "Plan van aanpak normaliseren", "Opmerkingen intern",
    ]  # fmt: skip
    mapping = suggest_mapping(headers, index)
    assert mapping.targets == (
        "number", "name", "kvk", "vestigingsnummer", "agb", "address", "postcode", "city", "email", "lots",
        "product_categories", "criterion:U2", "criterion:G5", "criterion:G6", "criterion:P1", None,
    )  # fmt: skip


def test_close_spelling_is_matched(index: HeaderIndex) -> None:
    mapping = suggest_mapping(["Naam inschrijver", "Solvabilitijt", "Inschrijvingsnumer"], index)
    assert mapping.targets == ("name", "criterion:G5", "number")


def test_each_target_once(index: HeaderIndex) -> None:
    mapping = suggest_mapping(["KvK", "KvK-nummer"], index)
    assert mapping.targets == ("kvk", None)


def test_header_score_finds_the_header_row(index: HeaderIndex) -> None:
    assert index.score(("Export inschrijvingen 2023",)) == 0
    assert index.score(("Naam", "KvK-nummer", "Plaats", "iets")) == 3


def test_signature_ignores_case_and_spacing_but_not_order() -> None:
    assert header_signature(["KvK-nummer", "Naam"]) == header_signature(["KVK NUMMER", " naam "])
    assert header_signature(["KvK-nummer", "Naam"]) != header_signature(["Naam", "KvK-nummer"])


def test_with_target_moves_a_target() -> None:
    mapping = ColumnMapping(("a", "b"), ("kvk", None)).with_target(1, "kvk")
    assert mapping.targets == (None, "kvk")


def test_restore_drops_unknown_targets() -> None:
    stored = ColumnMapping(("a", "b"), ("kvk", "criterion:X9")).as_json()
    assert restore_mapping(("a", "b"), stored, {"kvk"}) == ColumnMapping(("a", "b"), ("kvk", None))
    assert restore_mapping(("a",), stored, {"kvk"}) is None
