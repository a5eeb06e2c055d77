"""The one table model and its proxy: the general parts the models lean on, without any widget."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt

from beoordelaar.ui.common.table_model import ROW_ROLE, SORT_ROLE, Column, RowSortProxy, RowTableModel

ROWS = [("b", "1"), ("a", "2"), ("b", "3"), ("", "4"), ("a", "5")]
COLUMNS = (
    Column("Sleutel", lambda r: r[0], sort=lambda r: r[0] or None),
    Column("Naam", lambda r: r[1], in_row_order=True, accessible=lambda r: f"rij {r[1]}"),
)


def _order(proxy: RowSortProxy) -> list[str]:
    return [proxy.index(r, 0).data(ROW_ROLE)[1] for r in range(proxy.rowCount())]


def _proxy(rows: list[tuple[str, str]] = ROWS, **options: bool) -> RowSortProxy:
    proxy = RowSortProxy(lambda row, needle: needle in row[1], **options)
    model = RowTableModel(COLUMNS, proxy)  # the proxy keeps its model alive
    model.set_rows(rows)
    proxy.setSourceModel(model)
    return proxy


def test_ties_in_row_order_reversed_when_descending() -> None:
    proxy = _proxy()
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert _order(proxy) == ["2", "5", "1", "3", "4"]  # empty last
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert _order(proxy) == ["3", "1", "5", "2", "4"]


@pytest.mark.parametrize(
    "orders",
    [[Qt.SortOrder.DescendingOrder], [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder]],
)
def test_kept_ties_sort_as_a_plain_proxy(orders: list[Qt.SortOrder]) -> None:
    kept = _proxy([row for row in ROWS if row[0]], keep_ties=True)  # Qt sorts empty values its own way
    plain = QSortFilterProxyModel(kept)
    plain.setSortRole(SORT_ROLE)
    plain.setSourceModel(kept.sourceModel())
    for order in orders:
        kept.sort(0, order)
        plain.sort(0, order)
    assert _order(kept) == [plain.index(r, 1).data() for r in range(plain.rowCount())]


def test_a_column_in_row_order_and_its_accessible_text() -> None:
    proxy = _proxy()
    assert proxy.sourceModel().index(2, 1).data(SORT_ROLE) == 2
    assert proxy.sourceModel().index(2, 1).data(Qt.ItemDataRole.AccessibleTextRole) == "rij 3"
    assert proxy.sourceModel().index(2, 0).data(Qt.ItemDataRole.AccessibleTextRole) is None
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    assert _order(proxy) == ["5", "4", "3", "2", "1"]


def test_search_and_qt_filter_together() -> None:
    proxy = _proxy()
    proxy.set_search(" 3 ")
    assert _order(proxy) == ["3"]
    proxy.set_search("")
    proxy.setFilterFixedString("a")
    assert _order(proxy) == ["2", "5"]
