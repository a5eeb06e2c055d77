"""The registrations table model and its proxy, without any widget."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt

from beoordelaar.core.registrations.registrations import RegistrationRow
from beoordelaar.core.rounds.procedure import Outcome
from beoordelaar.ui.common.table_model import ROW_ROLE, SORT_ROLE
from beoordelaar.ui.registrations.registrations_model import Column, RegistrationsModel, RegistrationsProxy, count_text

BASE = RegistrationRow(
    id=1,
    sequence=1,
    number="TN-0001",
    name="Zorggroep Salland",
    kvk="01234567",
    city="Deventer",
    lots="1, 2",
    submitted_at=datetime(2026, 8, 25, 9, 5),
    documents=2,
    missing_documents=0,
    scores=15,
    outcome=Outcome.ADMIT,
    confirmed=True,
)


def _rows() -> list[RegistrationRow]:
    return [
        BASE,
        replace(
            BASE,
            id=2,
            sequence=2,
            number="TN-0002",
            name="Gezinshuis De Brug",
            kvk="76453392",
            city="Zwolle",
            submitted_at=None,
            documents=1,
            missing_documents=1,
            scores=9,
            outcome=Outcome.REJECT,
            confirmed=False,
        ),
        replace(
            BASE,
            id=3,
            sequence=10,
            number="TN-0010",
            name="Centrum Het Anker",
            kvk="55330357",
            city="Ommen",
            submitted_at=datetime(2026, 8, 14, 13, 36),
            scores=100,
            outcome=None,
        ),
    ]


@pytest.fixture
def model(qapp: object) -> RegistrationsModel:
    model = RegistrationsModel()
    model.set_rows(_rows())
    return model


@pytest.fixture
def proxy(model: RegistrationsModel) -> RegistrationsProxy:
    proxy = RegistrationsProxy()
    proxy.setSourceModel(model)
    return proxy


def _display(model: RegistrationsModel | RegistrationsProxy, row: int, column: Column) -> str:
    return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)


def _column(proxy: RegistrationsProxy, column: Column) -> list[str]:
    return [_display(proxy, row, column) for row in range(proxy.rowCount())]


def test_counts_and_dutch_headers(model: RegistrationsModel) -> None:
    assert model.rowCount() == 3
    assert model.columnCount() == 10
    assert model.rowCount(model.index(0, 0)) == 0  # a table, not a tree
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Nr.",
        "Inschrijvingsnummer",
        "Aanbieder",
        "KvK",
        "Plaats",
        "Percelen",
        "Ingediend",
        "Documenten",
        "Scores",
        "Besluit",
    ]
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_display_values(model: RegistrationsModel) -> None:
    assert [_display(model, 0, c) for c in Column] == [
        "1",
        "TN-0001",
        "Zorggroep Salland",
        "01234567",
        "Deventer",
        "1, 2",
        "25-08-2026 09:05",
        "2",
        "15",
        "Toelaten",
    ]
    assert _display(model, 1, Column.SUBMITTED) == ""
    assert _display(model, 1, Column.DOCUMENTS) == "1, 1 ontbreekt"
    assert _display(model, 1, Column.DECISION) == "Afwijzen (voorgesteld)"
    assert _display(model, 2, Column.DECISION) == ""
    assert "ontbreekt" in model.data(model.index(1, Column.DOCUMENTS), Qt.ItemDataRole.ToolTipRole)


def test_row_role_gives_the_plain_row_and_sort_role_raw_values(model: RegistrationsModel) -> None:
    assert model.data(model.index(1, Column.PROVIDER), ROW_ROLE) == _rows()[1]
    assert model.data(model.index(2, Column.SEQUENCE), SORT_ROLE) == 10
    assert model.data(model.index(0, Column.SUBMITTED), SORT_ROLE) == datetime(2026, 8, 25, 9, 5)
    assert model.data(model.index(1, Column.SUBMITTED), SORT_ROLE) is None
    assert model.data(QModelIndex(), Qt.ItemDataRole.DisplayRole) is None


def test_numbers_sort_as_numbers(proxy: RegistrationsProxy) -> None:
    proxy.sort(Column.SEQUENCE, Qt.SortOrder.AscendingOrder)
    assert _column(proxy, Column.SEQUENCE) == ["1", "2", "10"]  # as text "10" would come before "2"
    proxy.sort(Column.SCORES, Qt.SortOrder.DescendingOrder)
    assert _column(proxy, Column.SCORES) == ["100", "15", "9"]


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_dates_sort_as_dates_with_empty_last(proxy: RegistrationsProxy, order: Qt.SortOrder) -> None:
    proxy.sort(Column.SUBMITTED, order)
    expected = ["14-08-2026 13:36", "25-08-2026 09:05"]
    if order == Qt.SortOrder.DescendingOrder:
        expected.reverse()
    assert _column(proxy, Column.SUBMITTED) == [*expected, ""]


def test_names_sort_case_insensitively(model: RegistrationsModel, proxy: RegistrationsProxy) -> None:
    model.set_rows([*_rows(), replace(BASE, id=4, sequence=4, name="bureau Jeugd")])
    proxy.sort(Column.PROVIDER, Qt.SortOrder.AscendingOrder)
    assert _column(proxy, Column.PROVIDER) == [
        "bureau Jeugd",
        "Centrum Het Anker",
        "Gezinshuis De Brug",
        "Zorggroep Salland",
    ]


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("", 3),
        ("ZORGGROEP", 1),  # name, any case
        ("7645", 1),  # KvK
        ("tn-00", 3),  # number
        ("zwolle", 1),  # city
        ("  anker ", 1),  # surrounding spaces ignored
        ("niemand", 0),
    ],
)
def test_search_filters_name_kvk_number_and_city(proxy: RegistrationsProxy, search: str, expected: int) -> None:
    proxy.set_search(search)
    assert proxy.rowCount() == expected


def test_search_result_row_is_the_right_one(proxy: RegistrationsProxy) -> None:
    proxy.set_search("76453392")
    assert proxy.data(proxy.index(0, Column.PROVIDER), ROW_ROLE).name == "Gezinshuis De Brug"


def test_count_text() -> None:
    assert count_text(40, 40) == "40 inschrijvingen"
    assert count_text(3, 40) == "3 van 40 inschrijvingen"
    assert count_text(1, 1) == "1 inschrijving"
    assert count_text(0, 0) == "0 inschrijvingen"
