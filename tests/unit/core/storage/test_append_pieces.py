"""The pieces the set-based append was made quicker with give what they stand for, value for value: the C encoder's
text is canonical()'s and json.dumps', and so is an event's text written around its frame; an insert event is the one
the general conversion (json_ready, redaction, the entity id) makes; the faster conversions of a moment and a JSON
value are SQLAlchemy's own; the registration of an event is the rule's, for events that name it, that only their row
names, and that name none."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from sqlalchemy import DateTime, insert

from beoordelaar.core.storage import audit
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit_registration import as_id, event_payload, registration_ids
from beoordelaar.core.storage.bulk import _faster, _insert_plan, full_row, full_rows, json_text
from beoordelaar.core.storage.database import Database

_VALUES: list[Any] = [
    None, True, 0, -3, 2.5, 1e300, float("nan"), "", "é – \u2019 \" \\ \n \x01 \U0001f600",
    [1, [2, {"b": None, "a": "x"}]], {"z": 1, "a": {"é": [True, None]}, "10": 2, "9": 3},
]  # fmt: skip


def test_the_c_encoders_text_is_the_encoders_own() -> None:
    for encoder in (audit._CANONICAL, json.JSONEncoder(), json.JSONEncoder(sort_keys=True, ensure_ascii=False)):
        fast = json_text(encoder)
        for value in _VALUES:
            assert fast(value) == encoder.encode(value)
    fields = audit._hashed_fields("2027-03-01T09:30:00", "Anna", "app", "insert", "rounds", "1", None, _VALUES[-1])
    assert audit._canonical_text(fields).encode() == audit.canonical(fields)


def test_an_events_text_from_its_frame_is_canonicals() -> None:
    shared = [
        ("2027-03-01T09:30:00.000005", "Anna", "app", "insert", "score_revisions"),
        ("2027-03-01T09:30:00", 'Zoë "Z" \\ \u2013\n', "return-file", "update", "x" * 60),
    ]
    payloads = [*_VALUES, {"after": 1, "action": [], "entity_id": {"at": None}}]
    for fields in shared:
        frame = audit._event_frame(*fields)
        for after in payloads:
            for before in (None, _VALUES[-1], after):
                for entity_id in (None, "1", "3,12", 'é"\x00'):
                    whole = audit._hashed_fields(*fields, entity_id, before, after)
                    assert audit._framed_text(frame, after, before, entity_id).encode() == audit.canonical(whole)


def _inserted_event_as_before(stamp: audit.EventStamp, model: type[Any], row: dict[str, Any]) -> dict[str, Any]:
    """inserted_event as it was written before: every value through json_ready, then redacted."""
    primary, columns = audit._model_keys(model)
    after = audit._redact(model, {key: audit.json_ready(row[key]) for key in columns})
    return stamp.event("insert", model.__tablename__, audit._identity(tuple(row[k] for k in primary)), None, after)


def test_an_insert_event_is_the_one_the_general_conversion_makes() -> None:
    stamp = audit.EventStamp(datetime(2027, 3, 1, 9, 30), "Anna", "app")
    rows = [
        (m.ScoreRevision, full_row(m.ScoreRevision, assessor_id=1, registration_id=2, criterion_id=3, revision=1,
                                   value=Decimal("3.50"), motivation="Goed.", source="app",
                                   scored_at=datetime(2027, 3, 1, 9, 30, 0, 5)) | {"id": 7}),
        (m.ConsensusScore, full_row(m.ConsensusScore, registration_id=2, criterion_id=3, revision=1,
                                    value=Fraction(20, 3), motivation="x", source="consensus", set_by="Anna",
                                    set_at=datetime(2027, 3, 1, tzinfo=UTC)) | {"id": 8}),
        (m.Round, full_row(m.Round, name="R", procedure="open-house", framework_id=1, status="open",
                           registration_deadline=date(2027, 1, 2), document_settings={"a": [Decimal(1), date.min]})
         | {"id": 9}),
        (m.ExchangeKey, full_row(m.ExchangeKey, round_id=9, round_uid="u" * 32, chair_signing_private="geheim")
         | {"id": 10}),
    ]  # fmt: skip
    for model, row in rows:
        assert audit.inserted_event(stamp, model, row) == _inserted_event_as_before(stamp, model, row)
    assert audit.inserted_event(stamp, m.ExchangeKey, rows[-1][1])["after"]["chair_signing_private"] == "[verborgen]"


@pytest.mark.sqlite_only(reason="insert_plain converts values itself only on SQLite (a server: SQLAlchemy's insert)")
def test_the_faster_conversions_give_sqlalchemys_text(db: Database) -> None:
    dialect = db.engine.dialect
    moment = m.AuditEvent.__table__.c.at.type.dialect_impl(dialect)
    document = m.AuditEvent.__table__.c.after.type.dialect_impl(dialect)
    for kind, values in (
        (moment, [datetime(2027, 3, 1, 9, 30), datetime(2027, 3, 1, 9, 30, 0, 1), datetime(5, 1, 1),
                  datetime(2027, 3, 1, tzinfo=UTC), None]),
        (document, [*_VALUES[:6], *_VALUES[7:]]),
    ):  # fmt: skip
        convert = kind.bind_processor(dialect)
        assert convert is not None
        faster = _faster(kind, convert)
        assert [faster(value) for value in values] == [convert(value) for value in values]
        assert faster is not convert  # SQLite's own formats: the faster conversion is taken
    own = DateTime().with_variant(DateTime(), "sqlite").dialect_impl(dialect)
    refused = lambda value: "eigen"  # noqa: E731  a storage format of one's own keeps its own conversion
    assert _faster(own, refused) is refused


def _registration_as_before(row: dict[str, Any]) -> tuple[int | None, int | None]:
    payload = event_payload(row["before"], row["after"])
    number = as_id(row["entity_id"])
    own = number if row["entity"] == "registrations" else as_id(payload.get("registration_id"))
    return own, as_id(payload.get("decision_id"))


def test_each_event_gets_the_registration_the_rule_gives(db: Database) -> None:
    events = [
        {"entity": "registrations", "entity_id": "5", "before": None, "after": {"registration_id": 9}},
        {"entity": "score_revisions", "entity_id": "1", "before": None, "after": {"registration_id": 4}},
        {"entity": "score_revisions", "entity_id": "2", "before": {"registration_id": "6"}, "after": None},
        {"entity": "letters", "entity_id": "3", "before": None, "after": {"decision_id": 77}},
        {"entity": "rounds", "entity_id": "1", "before": None, "after": {"file": "x.csv"}},
        {"entity": "rounds", "entity_id": None, "before": None, "after": None},
    ]
    with db.sessions() as session:
        found = registration_ids(session.connection(), events)
    # Named by the event itself: its own id, or its payload's; the rest is looked up (here: rows that are not there).
    assert found == [5, 4, 6, None, None, None]
    assert [_registration_as_before(e)[0] for e in events[:3]] == found[:3]


def test_full_rows_are_full_row_of_each() -> None:
    rows = [{"assessor_id": 1, "registration_id": i, "criterion_id": 3} for i in range(3)]
    assert full_rows(m.Assignment, rows) == [full_row(m.Assignment, **row) for row in rows]
    scores = [{"assessor_id": 1, "registration_id": 2, "criterion_id": 3, "revision": 1, "value": Decimal(2),
               "motivation": "x", "source": "demo"}]  # fmt: skip
    made = full_rows(m.ScoreRevision, scores)[0]
    assert isinstance(made["scored_at"], datetime) and made.keys() == full_row(m.ScoreRevision, **scores[0]).keys()


@pytest.mark.sqlite_only(reason="insert_plain writes its own INSERT only on SQLite (a server: SQLAlchemy's insert)")
def test_the_written_out_insert_is_the_one_sqlalchemy_compiles(db: Database) -> None:
    dialect = db.engine.dialect
    for table in m.Base.metadata.sorted_tables:
        every = tuple(column.key for column in table.columns)
        for columns in (every, tuple(key for key in every if key != "id")):  # in the table's order: the very text
            compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
            assert _insert_plan(table, columns, dialect).statement == str(compiled), table.name
        backwards = tuple(reversed(every))  # in another order: each value bound to its own column
        plan = _insert_plan(table, backwards, dialect)
        named = plan.statement.split("(", 1)[1].split(")", 1)[0].replace('"', "").split(", ")
        row = {key: f"{key}-waarde" for key in backwards}
        assert dict(zip(named, plan.values(row), strict=True)) == {table.c[k].name: v for k, v in row.items()}
