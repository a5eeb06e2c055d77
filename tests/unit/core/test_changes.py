from __future__ import annotations

import pytest

from beoordelaar.core.changes import NOTHING, PART_OF_TABLE, Changes, audit_mark, changes_from, changes_since
from beoordelaar.core.commission.assessors import add_assessor
from beoordelaar.core.consolidation.consensus import open_consensus
from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.rounds import create_round
from beoordelaar.core.storage.database import Database
from beoordelaar.core.storage.models import AUDITED_TABLES
from exchange_round import NUMBERS
from templates import MadeRound

MISSING = 999  # no round has this id


def test_every_audited_table_belongs_to_a_part() -> None:
    assert set(PART_OF_TABLE) == set(AUDITED_TABLES)


def test_an_action_changes_its_own_part_and_the_record(db: Database) -> None:
    assert audit_mark(db.sessions) == 0
    round_id = create_round(db.sessions, name="R", framework="ijsselland-2022", actor="a").id
    mark = audit_mark(db.sessions)
    assert changes_since(db.sessions, mark) == NOTHING
    add_assessor(db.sessions, round_id, "Anna", chair=True, actor="a")
    changes = changes_since(db.sessions, mark)
    assert changes == Changes(commission=True, record=True)
    assert changes.any and changes.touches("commission", "decisions") and not changes.touches("scoring")


def test_a_refused_action_changes_nothing(db: Database) -> None:
    create_round(db.sessions, name="R", framework="ijsselland-2022", actor="a")
    mark = audit_mark(db.sessions)
    with pytest.raises(UserError):
        add_assessor(db.sessions, MISSING, "Anna", actor="a")
    assert not changes_since(db.sessions, mark).any


def test_named_actions_only_grow_the_record() -> None:
    assert changes_from([("decisions-proposed", "rounds", ())]) == Changes(record=True)
    assert changes_from([("decisions-proposed", "rounds", ()), ("insert", "decisions", ())]) == Changes(
        decisions=True, record=True
    )
    assert changes_from([]) == NOTHING


def test_opening_the_consensus_discussion_is_consolidation_not_registrations(
    db: Database, made_round: MadeRound
) -> None:
    round_id = made_round(db)
    mark = audit_mark(db.sessions)
    open_consensus(db.sessions, round_id, NUMBERS[0], actor="a")
    assert changes_since(db.sessions, mark) == Changes(consolidation=True, record=True)
    assert changes_from([("update", "registrations", ["name"])]) == Changes(registrations=True, record=True)


def test_changes_combine() -> None:
    combined = Changes.of("scoring") | Changes.of("verification")
    assert combined == Changes(scoring=True, verification=True)
    assert Changes.everything().touches("rounds") and not NOTHING.any
