"""The bulk settlements write set-based (ConsensusBatch: one statement per table) and leave the very rows and history
that settling the cells one at a time leaves (open_discussion and add_consensus_revision, as the meeting does): the
same consensus revisions and opened discussions, the same audit events in the same order, with the same hashes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import object_session

from beoordelaar.core.consolidation import consensus_import, unanimous
from beoordelaar.core.consolidation.consensus import add_consensus_revision, open_discussion
from beoordelaar.core.consolidation.consensus_import import import_consensus_sheet
from beoordelaar.core.consolidation.unanimous import Confirmation, confirm_unanimous, unanimous_cells
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from exchange_round import CHAIR, NUMBERS, make_handed_in_round, round_id_of
from same_history import freeze_clock, stored_history
from templates import DatabaseTemplates

LONG = "De commissie is het eens: de aanpak is concreet, met voorbeelden uit de eigen praktijk, en past bij de doelen."
OTHER = "De commissie stelt na bespreking vast: het plan is uitgewerkt, met een netwerk en meetbare resultaten erin."


class _OneByOne:
    """The row-by-row path, as the bulk settlements wrote before ConsensusBatch: a flush per change."""

    def open_discussion(self, registration: m.Registration) -> bool:
        return open_discussion(object_session(registration), registration)  # type: ignore[arg-type]

    def add_revision(self, registration_id: int, criterion: m.Criterion, value: Decimal, motivation: str,
                     current: m.ConsensusScore | None, *, source: str, actor: str) -> bool:  # fmt: skip
        session = object_session(criterion)
        assert session is not None
        row = add_consensus_revision(session, registration_id, criterion, value, motivation, current,
                                     source=source, actor=actor)  # fmt: skip
        return row is not None

    def write(self, _session: Any) -> None:
        pass


def _settle(db: Database, folder: Path) -> tuple[int, dict[str, int]]:
    folder.mkdir()
    sheet = folder / "consensus.csv"  # the same name: the import's action records it
    round_id = round_id_of(db)
    cells = unanimous_cells(db.sessions, round_id).cells
    chosen = [Confirmation(c.number, c.code, f"{c.motivation}\n{LONG}" if c.shortfall else c.motivation) for c in cells]
    confirmed = confirm_unanimous(db.sessions, round_id, chosen, actor=CHAIR)
    first = chosen[0]
    rows = [
        (first.number, first.code, cells[0].value, first.motivation),  # as it is: unchanged
        (chosen[-1].number, chosen[-1].code, cells[-1].value, OTHER),  # a second revision
        (NUMBERS[0], "P1", Decimal(3), LONG),
        (NUMBERS[2], "P1", Decimal(4), LONG),  # left out of the unanimous cells: its discussion is opened now
    ]
    sheet.write_text(
        "inschrijving;criterium;score;motivering\n" + "".join(f"{n};{c};{v};{t}\n" for n, c, v, t in rows),
        encoding="utf-8",
    )
    imported = import_consensus_sheet(db.sessions, round_id, sheet, actor=CHAIR)
    return confirmed.confirmed, imported.as_json()


def _stored(db: Database) -> tuple[list[tuple], list[tuple], list[tuple]]:
    with db.sessions() as session:
        scores = session.execute(select(m.ConsensusScore).order_by(m.ConsensusScore.id)).scalars()
        opened = session.execute(select(m.Registration.id, m.Registration.consensus_opened_at)).all()
        return (
            stored_history(db),
            [(s.id, s.registration_id, s.criterion_id, s.revision, s.value, s.motivation, s.source) for s in scores],
            sorted(tuple(row) for row in opened),
        )


def test_bulk_settlements_leave_the_rows_and_the_history_of_settling_one_by_one(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, templates: DatabaseTemplates
) -> None:
    other = templates.open_copy(tmp_path / "een-voor-een.sqlite")
    try:
        for database in (db, other):
            templates.load(database, templates.built(make_handed_in_round))
        freeze_clock(monkeypatch)
        batched = _settle(db, tmp_path / "set-based")
        monkeypatch.setattr(unanimous, "ConsensusBatch", _OneByOne)
        monkeypatch.setattr(consensus_import, "ConsensusBatch", _OneByOne)
        one_by_one = _settle(other, tmp_path / "one-by-one")
        assert batched == one_by_one
        assert batched[1] == {"rows": 4, "created": 3, "unchanged": 1, "opened": 1}
        ours, theirs = _stored(db), _stored(other)
    finally:
        other.close()
    assert ours == theirs
    events, scores, _opened = ours
    assert len(scores) == batched[0] + 3
    assert [e[1] for e in events].count("consensus-opened") >= 2
