"""The history table model and its Dutch wording of changes, without any widget."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QModelIndex, Qt

from beoordelaar.core.record.history import HistoryEvent
from beoordelaar.core.record.history_text import (
    EMPTY,
    HistoryNames,
    event_changes,
    event_moment,
    field_label,
    format_value,
)
from beoordelaar.ui.common.table_model import ROW_ROLE, SORT_ROLE
from beoordelaar.ui.record.history_model import (
    HistoryColumn,
    HistoryModel,
    HistoryProxy,
    change_summary,
    detail_html,
    event_criterion,
)

NAMES = HistoryNames(criteria={6: "G3", 10: "P1"}, assessors={2: "Anouk de Vries"})
AT = datetime(2026, 10, 7, 9, 0)

INSERT = HistoryEvent(
    1, AT, "Marieke Jansen", "demo", "insert", "requirement_verdicts", "7", None,
    {"id": 7, "registration_id": 2, "criterion_id": 6, "revision": 1, "verdict": "verificatie-nodig",
     "motivation": "Opgegeven: 'Deels'. Verificatie nodig.", "set_at": "2026-10-07T09:00:00"},
)  # fmt: skip
UPDATE = HistoryEvent(
    2, AT, "voorzitter", "interview", "update", "requirement_verdicts", "7",
    {"verdict": "verificatie-nodig", "motivation": "oud"}, {"verdict": "akkoord", "motivation": "nieuw"},
)  # fmt: skip
SCORE = HistoryEvent(
    3, AT, "Anouk de Vries", "return-file", "insert", "score_revisions", "9", None,
    {"assessor_id": 2, "registration_id": 2, "criterion_id": 10, "value": "4", "flag": True},
)  # fmt: skip
NAMED = HistoryEvent(4, AT, "systeem", "app", "round-created", "rounds", "1", None, {"name": "Ronde"})


def _model() -> HistoryModel:
    model = HistoryModel()
    model.set_events([UPDATE, INSERT, SCORE, NAMED], NAMES)
    return model


def test_values_in_dutch_words(amsterdam: None) -> None:
    def shown(name: str, value: object) -> str:
        return format_value(name, value, NAMES, entity="score_revisions")

    assert shown("criterion_id", 6) == "G3"
    assert shown("assessor_id", 2) == "Anouk de Vries"
    assert shown("assessor_id", 99) == "99"
    assert shown("value", None) == EMPTY
    assert shown("flag", True) == "ja"
    assert shown("held_at", "2026-10-07T09:30:00") == "07-10-2026 09:30:00 CEST"  # as entered
    assert shown("submitted_at", "2026-10-07T09:30:00+00:00") == "07-10-2026 11:30:00 CEST"  # an offset, as local
    assert shown("reasons", ["a", "b"]) == '["a", "b"]'


def test_exact_numbers_with_a_decimal_comma_where_the_column_holds_them() -> None:
    assert format_value("value", "7.10", NAMES, entity="score_revisions") == "7,10"  # its zeros as written
    assert format_value("value", "-0.5", NAMES, entity="consensus_scores") == "−0,5"
    assert format_value("mean", "20/3", NAMES, entity="consensus_scores") == "6,67 (precies 20/3)"
    assert format_value("weight", "0.25", NAMES, entity="criteria") == "0,25"
    # The provider's own text is shown as registered ("1.500" may mean fifteen hundred), and a text that is no
    # number (changed outside the app) as it is.
    assert format_value("value", "1.500", NAMES, entity="declared_answers") == "1.500"
    assert format_value("value", "zeven", NAMES, entity="score_revisions") == "zeven"
    assert format_value("value", "NaN", NAMES, entity="score_revisions") == "NaN"
    assert format_value("value", "1/0", NAMES, entity="score_revisions") == "1/0"
    assert format_value("value", "1_0", NAMES, entity="score_revisions") == "1_0"  # Python would read 10
    assert format_value("mean", "-20/3", NAMES, entity="consensus_scores") == "−6,67 (precies −20/3)"
    assert format_value("value", "1E+1", NAMES, entity="consensus_scores") == "10"  # str of a normalised Decimal
    assert format_value("value", "2026-01-01T10:00", NAMES, entity="declared_answers") == "2026-01-01T10:00"
    assert field_label("mean") == "gemiddelde" and field_label("threshold_value") == "drempelwaarde"


def test_changes_summary_and_criterion() -> None:
    changes = event_changes(UPDATE, NAMES)
    assert ("oordeel", "Verificatie nodig", "Akkoord") in changes
    assert change_summary(UPDATE, NAMES) == "oordeel: Verificatie nodig → Akkoord; motivering: oud → nieuw"
    # An insert shows its new values; the registration and criterion are left to their own column.
    summary = change_summary(SCORE, NAMES)
    assert summary.startswith("beoordelaar: Anouk de Vries; waarde: 4")
    assert "inschrijving" not in summary and "criterium" not in summary
    assert "+" in change_summary(INSERT, NAMES)  # more fields than the summary shows
    assert event_criterion(INSERT, NAMES) == "G3" and event_criterion(UPDATE, NAMES) == ""


def test_detail_lists_every_changed_field() -> None:
    text = detail_html(INSERT, NAMES)
    assert "Vastgestelde eis toegevoegd" in text and "Marieke Jansen" in text and "demo" in text
    for label in ("inschrijving (id)", "criterium", "revisie", "oordeel", "motivering", "vastgesteld op"):
        assert f"<b>{label}</b>" in text
    assert "Opgegeven: &#x27;Deels&#x27;" in text  # escaped
    assert "Geen gewijzigde velden" in detail_html(HistoryEvent(5, AT, "x", "app", "update", "e", "1", {}, {}), NAMES)


def test_model_rows_columns_and_roles() -> None:
    model = _model()
    assert model.rowCount() == 4 and model.columnCount() == len(HistoryColumn)
    assert model.rowCount(model.index(0, 0)) == 0
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Wanneer", "Wie", "Wat", "Criterium", "Bron", "Wijzigingen"]
    index = model.index(0, HistoryColumn.WHAT)
    assert index.data() == "Vastgestelde eis gewijzigd"
    assert model.index(0, HistoryColumn.SOURCE).data() == "verificatiegesprek"
    assert model.index(0, HistoryColumn.AT).data() == event_moment(UPDATE)
    assert model.index(0, HistoryColumn.AT).data(SORT_ROLE) == 2
    assert model.index(0, 0).data(ROW_ROLE) is UPDATE
    assert model.index(1, HistoryColumn.CRITERION).data() == "G3"
    assert model.index(3, HistoryColumn.WHAT).data() == "Ronde aangemaakt"
    assert "oordeel: Verificatie nodig → Akkoord" in model.index(0, HistoryColumn.CHANGES).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert model.data(QModelIndex()) is None


def test_local_time_of_an_event_with_its_zone(amsterdam: None) -> None:
    local = AT.replace(tzinfo=UTC).astimezone()
    assert event_moment(INSERT) == f"{local:%d-%m-%Y %H:%M:%S} {local.tzname()}"
    assert local.tzname() in ("CET", "CEST")


def test_fewer_columns_for_a_timeline() -> None:
    columns = (HistoryColumn.AT, HistoryColumn.ACTOR, HistoryColumn.WHAT, HistoryColumn.SOURCE)
    model = HistoryModel(columns=columns)
    model.set_events([NAMED])
    assert model.columnCount() == 4
    assert model.column_of(HistoryColumn.WHAT) == 2
    assert model.index(0, 2).data() == "Ronde aangemaakt"


def test_proxy_sorts_by_event_and_searches_every_column() -> None:
    model = _model()
    proxy = HistoryProxy()
    proxy.setSourceModel(model)
    proxy.sort(HistoryColumn.AT, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data(ROW_ROLE).id for r in range(proxy.rowCount())] == [1, 2, 3, 4]
    proxy.setFilterFixedString("anouk")
    assert [proxy.index(r, 0).data(ROW_ROLE).id for r in range(proxy.rowCount())] == [3]
