"""A member's own PIN for the shared computer: set after the declaration, changed with the old one, checked (wrong
tries audited, five in a row lock it), cleared by the chair with a reason; only a scrypt hash is stored, and neither
the PIN nor its hash reaches the audit trail."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from beoordelaar.core.commission.api import (
    WrongPin,
    clear_member_pin,
    pin_status,
    set_member_pin,
    unlock_member,
)
from beoordelaar.core.commission.assessors import add_assessor, list_assessors
from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.procedure import Role
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from engines import ON_POSTGRESQL, dump
from exchange_round import ANNA, BRAM, CHAIR, round_id_of
from templates import MadeRound

PIN = "zonnebloem 42"
COMPUTER = "secretariaat"  # the account the chair's computer runs under


def _dump(db: Database) -> list[str]:
    return dump(db)


def _events(db: Database, action: str) -> list[m.AuditEvent]:
    with db.sessions() as session:
        return list(session.execute(select(m.AuditEvent).where(m.AuditEvent.action == action)).scalars())


@pytest.fixture
def round_id(db: Database, made_round: MadeRound) -> int:
    made_round(db)
    return round_id_of(db)


def test_a_member_sets_a_pin_of_their_own_and_only_its_hash_is_stored(db: Database, round_id: int) -> None:
    assert not pin_status(db.sessions, round_id, ANNA).has_pin
    set_member_pin(db.sessions, round_id, ANNA, PIN, actor=ANNA)
    status = pin_status(db.sessions, round_id, ANNA)
    assert status.has_pin and not status.locked and status.set_at is not None and status.role is Role.ASSESSOR

    if ON_POSTGRESQL:
        raw = "\n".join(dump(db)).encode()
    else:
        raw = db.path.read_bytes() + b"".join(p.read_bytes() for p in db.path.parent.glob("*-wal"))
    assert PIN.encode() not in raw
    with db.sessions() as session:
        stored = session.execute(select(m.Assessor.pin_secret).where(m.Assessor.name == ANNA)).scalar_one()
        history = "\n".join(f"{e.before} {e.after}" for e in session.execute(select(m.AuditEvent)).scalars())
    assert stored is not None and '"kdf": "scrypt"' in stored and PIN not in stored
    assert PIN not in history and stored not in history and "[verborgen]" in history
    assert [e.entity_id for e in _events(db, "member-pin-set")] == [str(status_id(db, ANNA))]

    proof = unlock_member(db.sessions, round_id, ANNA, PIN, actor=COMPUTER)
    assert (proof.name, proof.round_id, proof.role) == (ANNA, round_id, Role.ASSESSOR)
    assert _events(db, "member-unlocked")[0].actor == COMPUTER


def status_id(db: Database, name: str) -> int:
    with db.sessions() as session:
        return session.execute(select(m.Assessor.id).where(m.Assessor.name == name)).scalar_one()


def test_a_pin_comes_at_or_after_the_declaration_and_is_at_least_six_characters(db: Database, round_id: int) -> None:
    add_assessor(db.sessions, round_id, "Dirk Visser", actor=CHAIR)  # no confidentiality declaration yet
    before = _dump(db)
    with pytest.raises(UserError, match=r"geheimhoudingsverklaring nog niet getekend.*niets veranderd"):
        set_member_pin(db.sessions, round_id, "Dirk Visser", PIN, actor=CHAIR)
    for short in ("12345", "  1234  ", ""):
        with pytest.raises(UserError, match="te kort: kies er een van minstens 6 tekens"):
            set_member_pin(db.sessions, round_id, ANNA, short, actor=ANNA)
    with pytest.raises(UserError, match="te lang"):
        set_member_pin(db.sessions, round_id, ANNA, "x" * 201, actor=ANNA)
    with pytest.raises(UserError, match="nog geen PIN"):
        unlock_member(db.sessions, round_id, ANNA, PIN, actor=COMPUTER)
    with pytest.raises(UserError, match="geen lid"):
        set_member_pin(db.sessions, round_id, "Onbekende", PIN, actor=CHAIR)
    assert _dump(db) == before


def test_changing_takes_the_old_pin_and_a_wrong_old_one_counts(db: Database, round_id: int) -> None:
    set_member_pin(db.sessions, round_id, BRAM, PIN, actor=BRAM)
    before = _dump(db)
    with pytest.raises(UserError, match=r"heeft al een PIN.*huidige"):
        set_member_pin(db.sessions, round_id, BRAM, "nieuwe pin 7", actor=BRAM)
    with pytest.raises(UserError, match="dezelfde als de huidige"):
        set_member_pin(db.sessions, round_id, BRAM, PIN, old_pin=PIN, actor=BRAM)
    assert _dump(db) == before
    with pytest.raises(WrongPin, match=r"De huidige PIN van Bram Hendriks klopt niet\. Nog 4 pogingen"):
        set_member_pin(db.sessions, round_id, BRAM, "nieuwe pin 7", old_pin="geraden", actor=BRAM)
    assert pin_status(db.sessions, round_id, BRAM).wrong_tries == 1
    set_member_pin(db.sessions, round_id, BRAM, "nieuwe pin 7", old_pin=PIN, actor=BRAM)
    assert pin_status(db.sessions, round_id, BRAM).wrong_tries == 0
    with pytest.raises(WrongPin):
        unlock_member(db.sessions, round_id, BRAM, PIN, actor=COMPUTER)
    unlock_member(db.sessions, round_id, BRAM, "nieuwe pin 7", actor=COMPUTER)
    assert len(_events(db, "member-pin-changed")) == 1


def test_wrong_pins_are_audited_and_five_in_a_row_lock_until_the_chair_clears(db: Database, round_id: int) -> None:
    set_member_pin(db.sessions, round_id, ANNA, PIN, actor=ANNA)
    with pytest.raises(WrongPin, match="Nog 4 pogingen"):
        unlock_member(db.sessions, round_id, ANNA, "123456", actor=COMPUTER)
    unlock_member(db.sessions, round_id, ANNA, PIN, actor=COMPUTER)  # a right one starts the count again
    for left in (4, 3, 2, 1):
        with pytest.raises(WrongPin, match=f"Nog {left} poging"):
            unlock_member(db.sessions, round_id, ANNA, "000000", actor=COMPUTER)
    with pytest.raises(WrongPin, match=r"5 keer achter elkaar: de PIN is nu geblokkeerd.*voorzitter kan"):
        unlock_member(db.sessions, round_id, ANNA, "111111", actor=COMPUTER)
    refused = _events(db, "member-pin-refused")
    assert [e.after["poging"] for e in refused] == [1, 1, 2, 3, 4, 5]
    assert {e.actor for e in refused} == {COMPUTER} and "000000" not in str([e.after for e in refused])
    assert len(_events(db, "member-pin-locked")) == 1
    assert pin_status(db.sessions, round_id, ANNA).locked
    pins = {row.name: row.as_json()["pin"] for row in list_assessors(db.sessions, round_id)}
    assert pins[ANNA] == "locked" and pins[BRAM] == "none"

    before = _dump(db)
    with pytest.raises(WrongPin, match="geblokkeerd na 5 foute pogingen"):
        unlock_member(db.sessions, round_id, ANNA, PIN, actor=COMPUTER)  # even the right one: locked
    with pytest.raises(WrongPin, match="geblokkeerd"):
        set_member_pin(db.sessions, round_id, ANNA, "een andere", old_pin=PIN, actor=ANNA)
    with pytest.raises(UserError, match="Geef een reden"):
        clear_member_pin(db.sessions, round_id, ANNA, reason="  ", actor=CHAIR)
    assert _dump(db) == before

    clear_member_pin(db.sessions, round_id, ANNA, reason="PIN vergeten, gebeld op 1 december", actor=CHAIR)
    status = pin_status(db.sessions, round_id, ANNA)
    assert not status.has_pin and not status.locked and status.wrong_tries == 0
    cleared = _events(db, "member-pin-cleared")
    assert cleared[0].actor == CHAIR and cleared[0].after["reden"] == "PIN vergeten, gebeld op 1 december"
    with pytest.raises(UserError, match="heeft geen PIN; er is niets veranderd"):
        clear_member_pin(db.sessions, round_id, ANNA, reason="nog eens", actor=CHAIR)
    set_member_pin(db.sessions, round_id, ANNA, "een nieuwe pin", actor=ANNA)
    unlock_member(db.sessions, round_id, ANNA, "een nieuwe pin", actor=COMPUTER)


def test_the_same_pin_typed_with_decomposed_accents_unlocks(db: Database, round_id: int) -> None:
    set_member_pin(db.sessions, round_id, CHAIR, "crème brûlée", actor=CHAIR)
    proof = unlock_member(db.sessions, round_id, CHAIR, "cre\u0300me bru\u0302le\u0301e", actor=COMPUTER)
    assert proof.role is Role.CHAIR
