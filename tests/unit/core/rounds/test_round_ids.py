"""A round is an id in the core: a round named "1" beside round id 1 never takes it over. Only what a user typed on
the command line is resolved (resolve_round, resolve_registration), and a text that names two is refused."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from beoordelaar.core.commission.assessors import add_assessor, declare_conflict, list_assessors
from beoordelaar.core.decisions.document_settings import get_document_settings
from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.registrations import resolve_registration
from beoordelaar.core.rounds.procedure import Procedure
from beoordelaar.core.rounds.rounds import create_round, list_rounds, resolve_round
from beoordelaar.core.scoring.scoring import worklist
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database
from exchange_round import ANNA, CHAIR, CHANTAL, KVKS, NUMBERS, ROUND, make_round


@pytest.fixture
def two_rounds(db: Database) -> tuple[int, int]:
    """The exchange round, and an empty tender whose name is the exchange round's id."""
    first = make_round(db)
    named = create_round(
        db.sessions, name=str(first), framework="ijsselland-2022", procedure=Procedure.TENDER, actor="test"
    ).id
    assert named != first
    return first, named


def test_an_action_on_round_id_1_acts_on_round_id_1(db: Database, two_rounds: tuple[int, int]) -> None:
    first, named = two_rounds
    assert CHAIR in [a.name for a in list_assessors(db.sessions, first)]
    assert list_assessors(db.sessions, named) == []
    add_assessor(db.sessions, first, "Dirk Bakker", actor="test")
    assert "Dirk Bakker" in [a.name for a in list_assessors(db.sessions, first)]
    assert list_assessors(db.sessions, named) == []
    assert get_document_settings(db.sessions, first)[1] is Procedure.OPEN_HOUSE
    assert get_document_settings(db.sessions, named)[1] is Procedure.TENDER
    assert [r.ref for r in worklist(db.sessions, first, ANNA).rows] == NUMBERS


def test_an_unknown_round_id_is_refused_in_dutch(db: Database, two_rounds: tuple[int, int]) -> None:
    with pytest.raises(UserError, match=rf"Ronde 99 bestaat niet \(rondes: '{ROUND}', '{two_rounds[0]}'\)"):
        add_assessor(db.sessions, 99, "Dirk Bakker", actor="test")
    assert sum(r.assessors for r in list_rounds(db.sessions)) == 4


def test_the_command_line_text_resolves_to_one_round_or_is_refused(db: Database, two_rounds: tuple[int, int]) -> None:
    first, named = two_rounds
    assert resolve_round(db.sessions, ROUND) == first
    assert resolve_round(db.sessions, f" {ROUND} ") == first
    assert resolve_round(db.sessions, str(named)) == named  # no round is named like this id
    with pytest.raises(UserError) as refused:
        resolve_round(db.sessions, str(first))
    message = str(refused.value)
    assert f"'{first}' is het id van ronde '{ROUND}' en ook de naam van ronde {named}." in message
    assert f"geef de naam '{ROUND}' of het id {named}" in message
    with pytest.raises(UserError, match=rf"Ronde 'Onbekend' bestaat niet \(rondes: '{ROUND}', '{first}'\)"):
        resolve_round(db.sessions, "Onbekend")


def test_a_registration_is_its_number_in_the_core_and_a_number_or_kvk_on_the_command_line(db: Database) -> None:
    round_id = make_round(db)
    # INS-001's number becomes the KvK number of INS-002's provider.
    with unit_of_work(db.sessions, "test") as session:
        session.execute(update(m.Registration).where(m.Registration.number == NUMBERS[0]).values(number=KVKS[1]))
    assert resolve_registration(db.sessions, round_id, NUMBERS[1]) == NUMBERS[1]
    assert resolve_registration(db.sessions, round_id, KVKS[2]) == NUMBERS[2]
    assert resolve_registration(db.sessions, round_id, KVKS[0].lstrip("0")) == KVKS[1]  # a KvK without its zero
    with pytest.raises(UserError) as refused:
        resolve_registration(db.sessions, round_id, KVKS[1])
    assert f"geef het KvK-nummer {KVKS[0]} voor inschrijving {KVKS[1]}, of het inschrijvingsnummer {NUMBERS[1]}" in (
        str(refused.value)
    )
    # The core takes the number as it is: the registration numbered KVKS[1], never the provider with that KvK.
    declare_conflict(db.sessions, round_id, ANNA, KVKS[1], actor="test")
    assert [r.ref for r in worklist(db.sessions, round_id, ANNA).rows] == [NUMBERS[1], NUMBERS[2]]
    with pytest.raises(UserError, match=f"Inschrijving '{KVKS[2]}' bestaat niet"):
        declare_conflict(db.sessions, round_id, CHANTAL, KVKS[2], actor="test")
