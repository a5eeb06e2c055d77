"""The table models of the verification screen (doubts, interviews, questions per criterion), without widgets."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt

from beoordelaar.core.rounds.framework import Part
from beoordelaar.core.verification.interview_rules import InterviewStatus, PointOutcome
from beoordelaar.core.verification.verification import Attendee, Doubt, EqualTreatment, InterviewRecord, PointRow
from beoordelaar.ui.common.table_model import ROW_ROLE, SORT_ROLE
from beoordelaar.ui.registrations.registrations_model import RegistrationsProxy
from beoordelaar.ui.verification.attendees_table import NAME, ROLE, SIDE, AttendeesModel
from beoordelaar.ui.verification.doubts_model import DoubtColumn, DoubtsModel
from beoordelaar.ui.verification.equal_treatment_panel import QuestionsModel, per_lot_text, question_rows
from beoordelaar.ui.verification.interviews_model import InterviewColumn, InterviewsModel

DISPLAY = Qt.ItemDataRole.DisplayRole

G3 = Doubt(1, "INS-001", "Stichting Een", "G3", "Norm van verantwoorde werktoedeling", Part.REQUIREMENT,
           "Antwoord 'Deels'.", None)  # fmt: skip
P2 = Doubt(2, "INS-002", "Stichting Twee", "P2", "Eigen kracht en netwerk", Part.PLAN, "Welk netwerk?", 7)


def _record(
    id_: int, status: InterviewStatus, held: datetime | None, approved: datetime | None = None
) -> InterviewRecord:
    point = PointRow("G3", "reden", outcome=PointOutcome.MEETS, title="Norm", part=Part.REQUIREMENT)
    return InterviewRecord(
        id=id_, round_id=1, registration_id=id_, registration=f"INS-00{id_}", label=f"Stichting {id_}", revision=1,
        status=status, planned_at=datetime(2026, 10, id_, 14, 0), held_at=held, location="Zwolle",
        attendees=(Attendee("A", "Voorzitter", "region"),), points=(point,), approved_at=approved,
        approved_by="Marieke Jansen" if approved else None,
    )  # fmt: skip


def test_doubts_model_shows_reason_and_coverage() -> None:
    model = DoubtsModel()
    model.set_rows([G3, P2])
    assert model.rowCount() == 2 and model.columnCount() == len(DoubtColumn)
    assert model.headerData(DoubtColumn.REASON, Qt.Orientation.Horizontal) == "Reden van de twijfel"
    assert model.index(0, DoubtColumn.CRITERION).data(DISPLAY) == "G3 Norm van verantwoorde werktoedeling"
    assert model.index(0, DoubtColumn.PART).data(DISPLAY) == "Geschiktheidseis"
    assert model.index(1, DoubtColumn.PART).data(DISPLAY) == Part.PLAN.label
    assert model.index(0, DoubtColumn.INTERVIEW).data(DISPLAY) == "Nog niet gepland"
    assert model.index(1, DoubtColumn.INTERVIEW).data(DISPLAY) == "In voorbereiding"
    assert model.index(1, 0).data(ROW_ROLE) is P2
    assert model.index(1, DoubtColumn.INTERVIEW).data(SORT_ROLE) is True
    assert model.index(5, 0).data(DISPLAY) is None


def test_interviews_model_sorts_on_raw_dates_with_empty_last() -> None:
    model = InterviewsModel()
    rows = [
        _record(1, InterviewStatus.PLANNED, None),
        _record(2, InterviewStatus.APPROVED, datetime(2026, 10, 2, 14, 0), datetime(2026, 10, 3, 9, 0)),
        _record(3, InterviewStatus.HELD, datetime(2026, 10, 1, 10, 0)),
    ]
    model.set_rows(rows)
    assert model.index(0, InterviewColumn.STATUS).data(DISPLAY) == "Gepland"
    assert model.index(1, InterviewColumn.STATUS).data(DISPLAY) == "Goedgekeurd"
    assert model.index(2, InterviewColumn.HELD).data(DISPLAY) == "01-10-2026 10:00"
    assert model.index(1, InterviewColumn.APPROVED).data(DISPLAY).endswith("door Marieke Jansen")
    assert model.index(0, InterviewColumn.HELD).data(SORT_ROLE) is None
    assert model.index(0, InterviewColumn.POINTS).data(DISPLAY) == "G3"
    assert model.row_of(3) == 2 and model.row_of(99) == -1

    proxy = RegistrationsProxy()
    proxy.setSourceModel(model)
    proxy.sort(InterviewColumn.HELD, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data(ROW_ROLE).id for r in range(3)] == [3, 2, 1]
    proxy.sort(InterviewColumn.HELD, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 0).data(ROW_ROLE).id for r in range(3)] == [2, 3, 1]
    proxy.sort(InterviewColumn.STATUS, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data(ROW_ROLE).id for r in range(3)] == [1, 3, 2]


def test_attendees_model_edits_and_drops_empty_rows() -> None:
    model = AttendeesModel()
    model.set_attendees([Attendee("Marieke Jansen", "Voorzitter", "region")])
    edits: list[None] = []
    model.edited.connect(lambda: edits.append(None))
    row = model.add_row()
    assert model.flags(model.index(row, NAME)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(row, NAME), "P. de Boer")
    assert model.setData(model.index(row, ROLE), "Directeur")
    assert model.setData(model.index(row, SIDE), "provider")
    assert not model.setData(model.index(row, SIDE), "elders")
    assert model.index(row, SIDE).data(DISPLAY) == "Aanbieder"
    model.add_row()  # left empty: not an attendee
    assert model.attendees() == [
        Attendee("Marieke Jansen", "Voorzitter", "region"),
        Attendee("P. de Boer", "Directeur", "provider"),
    ]
    model.remove_row(0)
    assert [a.name for a in model.attendees()] == ["P. de Boer"]
    assert len(edits) == 6
    model.read_only = True
    assert not model.flags(model.index(0, NAME)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, NAME), "Iemand anders")


def test_questions_per_criterion() -> None:
    overview = EqualTreatment(
        per_lot={"1": 2, "2": 1},
        questions={"G3": [("Stichting Een", "Wie voert uit?"), ("Stichting Twee", "Wie voert uit?")],
                   "P2": [("Stichting Een", "Welk netwerk?")]},
    )  # fmt: skip
    rows = question_rows(overview, {"G3": "Norm", "P2": "Netwerk"})
    model = QuestionsModel()
    model.set_rows(rows)
    assert model.rowCount() == 3
    assert [model.index(r, 0).data(DISPLAY) for r in range(3)] == ["G3", "G3", "P2"]
    assert model.index(1, 1).data(DISPLAY) == "Stichting Twee"
    assert model.index(2, 2).data(DISPLAY) == "Welk netwerk?"
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "G3 Norm"
    assert per_lot_text(overview).startswith("Gehouden gesprekken per perceel: perceel 1: 2 · perceel 2: 1")
    assert per_lot_text(EqualTreatment({}, {})) == "Nog geen gehouden verificatiegesprekken."
