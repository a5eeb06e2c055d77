"""A registration's declared answers and documents as table models, without any widget."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt

from beoordelaar.core.registrations.registration_details import DeclaredAnswerRow
from beoordelaar.core.registrations.registration_documents import DocumentRow
from beoordelaar.ui.common.table_model import ROW_ROLE, SORT_ROLE
from beoordelaar.ui.registrations.registration_details_model import (
    MISSING,
    AnswerColumn,
    AnswersModel,
    DocumentColumn,
    DocumentsModel,
    format_size,
)
from beoordelaar.ui.registrations.registrations_model import MISSING_COLOUR

SHA = "83db69123d289274d343860d694ff8e099b5a91341aa2d96dce27efde4372f1e"
PLAN = DocumentRow(1, "plan", "PvA.pdf", "P1", SHA, 43865, datetime(2026, 8, 1))
GONE = DocumentRow(2, "evidence", "HKZ-certificaat.pdf", "G2", None, None, datetime(2026, 8, 1))


def test_sizes_in_dutch() -> None:
    assert format_size(None) == ""
    assert format_size(512) == "512 B"
    assert format_size(43865) == "42,8 kB"
    assert format_size(5 * 1024 * 1024) == "5,0 MB"


def test_answers_model() -> None:
    model = AnswersModel()
    model.set_rows([DeclaredAnswerRow("G3", "Norm van verantwoorde werktoedeling", "requirement", "Deels")])
    assert model.rowCount() == 1 and model.columnCount() == 4
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Code", "Eis", "Onderdeel", "Opgave"]
    assert [model.index(0, c).data() for c in AnswerColumn] == [
        "G3", "Norm van verantwoorde werktoedeling", "Geschiktheidseis", "Deels",
    ]  # fmt: skip
    assert model.index(0, AnswerColumn.CODE).data(SORT_ROLE) == "g3"
    assert model.index(0, 0).data(ROW_ROLE).answer == "Deels"


def test_documents_model_marks_missing_documents_in_red() -> None:
    model = DocumentsModel()
    model.set_rows([PLAN, GONE])
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Document", "Soort", "Criterium", "Grootte", "SHA-256", ""]
    assert [model.index(0, c).data() for c in DocumentColumn] == [
        "PvA.pdf", "plan van aanpak", "P1", "42,8 kB", SHA[:12], "",
    ]  # fmt: skip
    assert model.index(1, DocumentColumn.SHA).data() == MISSING
    assert model.index(1, DocumentColumn.SIZE).data() == MISSING
    assert model.index(1, DocumentColumn.SHA).data(Qt.ItemDataRole.ForegroundRole).color() == MISSING_COLOUR
    assert model.index(0, DocumentColumn.SHA).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(0, DocumentColumn.SHA).data(Qt.ItemDataRole.ToolTipRole) == f"SHA-256: {SHA}"
    assert model.index(0, DocumentColumn.SIZE).data(SORT_ROLE) == 43865
    assert model.index(1, DocumentColumn.SIZE).data(SORT_ROLE) == -1
