"""The worklist and commission table models, without any widget."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt

from beoordelaar.core.exchange.commission_work import MemberProgress
from beoordelaar.core.rounds.procedure import Role
from beoordelaar.core.scoring.scoring import WorkRow
from beoordelaar.ui.commission.commission_model import CommissionModel, MemberColumn
from beoordelaar.ui.common.table_model import ROW_ROLE, SORT_ROLE
from beoordelaar.ui.scoring.worklist_model import WorkColumn, WorklistModel, progress_text, status_text

WORK = [
    WorkRow(1, "001", "Inschrijving 001", 5, 5, 9, 9),
    WorkRow(2, "002", "Inschrijving 002", 2, 5, 0, 9),
    WorkRow(3, "003", "Inschrijving 003", 0, 5, 0, 0),
]


def test_worklist_model_shows_progress_and_status() -> None:
    model = WorklistModel()
    model.set_rows(WORK)
    assert (model.rowCount(), model.columnCount()) == (3, 3)
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.headerData(WorkColumn.PROGRESS, Qt.Orientation.Horizontal) == "Gedaan"
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert [model.index(r, WorkColumn.REGISTRATION).data() for r in range(3)] == [w.label for w in WORK]
    assert [model.index(r, WorkColumn.PROGRESS).data() for r in range(3)] == ["14 van 14", "2 van 14", "0 van 5"]
    assert [model.index(r, WorkColumn.STATUS).data() for r in range(3)] == ["Klaar", "Bezig", "Nog te doen"]
    assert model.index(1, WorkColumn.STATUS).data(ROW_ROLE) == WORK[1]
    assert model.index(0, WorkColumn.STATUS).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(QModelIndex()) is None
    assert status_text(WORK[2]) == "Nog te doen" and progress_text(12, 40) == "12 van 40 gedaan"


def test_worklist_sorts_by_raw_values_and_back_to_round_order() -> None:
    model = WorklistModel()
    model.set_rows(WORK)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(WorkColumn.PROGRESS, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data(ROW_ROLE).ref for r in range(3)] == ["003", "002", "001"]
    proxy.sort(WorkColumn.REGISTRATION, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data(ROW_ROLE).ref for r in range(3)] == ["001", "002", "003"]


def _member(name: str, **changes: object) -> MemberProgress:
    values: dict[str, object] = dict(
        id=1, name=name, role=Role.ASSESSOR, done=12, total=40, submitted_at=None, work_revision=1,
        confidentiality_declared_at=datetime(2027, 1, 4, 9, 0), conflicts=(), package_revision=None,
        return_revision=None, conflicts_declared_at=datetime(2027, 1, 4, 9, 0),
    )  # fmt: skip
    values.update(changes)
    return MemberProgress(**values)  # type: ignore[arg-type]


def test_commission_model_shows_members_without_scores() -> None:
    rows = [
        _member("Bram", submitted_at=datetime(2027, 2, 1, 16, 30), done=40, package_revision=2, return_revision=2),
        _member("Anna", confidentiality_declared_at=None, conflicts=("INS-003 Stichting Aanbieder 3",)),
        _member("Marieke", role=Role.CHAIR, done=0, total=0, work_revision=2),
    ]
    model = CommissionModel()
    model.set_rows(rows)
    assert (model.rowCount(), model.columnCount()) == (3, len(MemberColumn))

    def text(row: int, column: MemberColumn) -> str:
        return model.index(row, column).data()

    assert [text(r, MemberColumn.PROGRESS) for r in range(3)] == [
        "40 van 40 gedaan", "12 van 40 gedaan", "niets toegewezen",
    ]  # fmt: skip
    assert text(0, MemberColumn.HANDED_IN) == "ja, 01-02-2027"
    assert text(1, MemberColumn.HANDED_IN) == "nee"
    assert text(2, MemberColumn.HANDED_IN) == "nee (heropend, revisie 2)"
    assert text(0, MemberColumn.DECLARATION) == "getekend 04-01-2027"
    assert text(1, MemberColumn.DECLARATION) == "niet getekend"
    assert model.index(1, MemberColumn.DECLARATION).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert text(1, MemberColumn.CONFLICTS) == "INS-003 Stichting Aanbieder 3"
    assert model.index(1, MemberColumn.CONFLICTS).data(Qt.ItemDataRole.ToolTipRole) == (
        "INS-003 Stichting Aanbieder 3\nVerklaard op 04-01-2027"
    )
    assert text(0, MemberColumn.CONFLICTS) == "geen"
    unstated = _member("Dirk", conflicts_declared_at=None)
    model.set_rows([unstated])
    assert model.index(0, MemberColumn.CONFLICTS).data() == "niet verklaard"
    assert model.index(0, MemberColumn.CONFLICTS).data(Qt.ItemDataRole.ForegroundRole) is not None
    model.set_rows(rows)
    assert text(0, MemberColumn.EXCHANGE) == "pakket 2 · retour 2"
    assert text(1, MemberColumn.EXCHANGE) == "geen pakket · geen retour"
    assert text(2, MemberColumn.ROLE) == "Voorzitter"
    assert model.headerData(MemberColumn.CONFLICTS, Qt.Orientation.Horizontal) == "Belangenverstrengeling"
    assert model.index(0, 0).data(ROW_ROLE) == rows[0]

    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    for column in MemberColumn:  # every column sorts on raw values without error
        proxy.sort(column, Qt.SortOrder.DescendingOrder)
    proxy.sort(MemberColumn.PROGRESS, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["Bram", "Anna", "Marieke"]
    proxy.sort(MemberColumn.NAME, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["Anna", "Bram", "Marieke"]
