"""A member's own PIN (or passphrase) for scoring on the chair's computer ("Beoordelen als…").

Each member chooses their own, at the confidentiality declaration or later, and changes it by giving the old one. Only
its scrypt hash is stored (core/files/keys.py), never the PIN, and the hash never goes into the audit trail. The
shared computer shows a member's work only after unlock_member took their PIN; five wrong tries in a row lock the PIN
until the chair clears it, with a reason (audited), after which the member sets a new one. Every wrong try is audited.
"""

from __future__ import annotations

import json
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.commission.assessors import find_assessor
from beoordelaar.core.errors import UserError
from beoordelaar.core.files.keys import key_from_secret, new_scrypt_params
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.procedure import Role
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.text import count_text

MIN_PIN = 6
MAX_PIN = 200
MAX_WRONG_TRIES = 5
CLEAR_HINT = (
    "De voorzitter kan de PIN wissen (Beoordelen › PIN wissen…, of 'beoordelaar assessors pin RONDE NAAM --wis "
    "--reden …'); daarna kiest {name} een nieuwe."
)


class WrongPin(UserError):
    """A PIN that is not the member's (counted and audited), or a PIN locked after too many of them."""


@dataclass(frozen=True)
class PinStatus:
    name: str
    role: Role
    has_pin: bool
    locked: bool
    set_at: datetime | None
    wrong_tries: int
    confidentiality_declared: bool


@dataclass(frozen=True)
class MemberProof:
    """That this member typed their own PIN: what the shared computer keeps while the member scores there."""

    round_id: int
    assessor_id: int
    name: str
    role: Role
    unlocked_at: datetime


def pin_status(sessions: sessionmaker[Session], round_id: int, name: str) -> PinStatus:
    with sessions() as session:
        assessor = find_assessor(session, find_round(session, round_id), name)
        return PinStatus(
            assessor.name, Role(assessor.role), assessor.pin_secret is not None, assessor.pin_locked_at is not None,
            assessor.pin_set_at, assessor.pin_wrong_tries, assessor.confidentiality_declared_at is not None,
        )  # fmt: skip


def set_member_pin(
    sessions: sessionmaker[Session],
    round_id: int,
    name: str,
    new_pin: str,
    *,
    old_pin: str | None = None,
    actor: str,
) -> datetime:
    """Set the member's PIN (once the confidentiality declaration is signed), or change it: then old_pin must be the
    current one (a wrong one counts as a wrong try). Returns when it was set."""
    new_pin = _normal(new_pin)
    problem = pin_problem(new_pin)
    if problem is not None:
        raise UserError(f"{problem} Er is niets veranderd.")
    wrong: WrongPin | None = None
    with unit_of_work(sessions, actor) as session:
        assessor = _member(session, round_id, name)
        if assessor.confidentiality_declared_at is None:
            raise UserError(
                f"{assessor.name} heeft de geheimhoudingsverklaring nog niet getekend; een PIN stelt een lid in bij of "
                "na die verklaring. Er is niets veranderd."
            )
        changing = assessor.pin_secret is not None
        if changing and old_pin is None:
            raise UserError(
                f"{assessor.name} heeft al een PIN. Wie die wijzigt, geeft eerst de huidige; is die vergeten, dan "
                f"wist de voorzitter hem. Er is niets veranderd."
            )
        if changing:
            wrong = _checked(session, assessor, old_pin or "", "de huidige PIN")
        if wrong is None:
            if changing and new_pin == _normal(old_pin or ""):
                raise UserError("De nieuwe PIN is dezelfde als de huidige. Er is niets veranderd.")
            params = new_scrypt_params()
            assessor.pin_secret = json.dumps({**params, "key": key_from_secret(new_pin, params).hex()}, sort_keys=True)
            assessor.pin_set_at = utcnow()
            assessor.pin_wrong_tries = 0
            record_action(
                session, "member-pin-changed" if changing else "member-pin-set", "assessors", str(assessor.id),
                {"lid": assessor.name},
            )  # fmt: skip
            set_at = assessor.pin_set_at
    if wrong is not None:
        raise wrong  # after the commit: the wrong try stays counted
    return set_at


def unlock_member(sessions: sessionmaker[Session], round_id: int, name: str, pin: str, *, actor: str) -> MemberProof:
    """The proof that this member is at the shared computer, for their own PIN; WrongPin (audited, counted; five in
    a row lock the PIN) otherwise."""
    wrong: WrongPin | None = None
    with unit_of_work(sessions, actor) as session:
        assessor = _member(session, round_id, name)
        if assessor.pin_secret is None:
            raise UserError(
                f"{assessor.name} heeft nog geen PIN. Stel die eerst in (bij of na de geheimhoudingsverklaring)."
            )
        wrong = _checked(session, assessor, pin, "de PIN")
        if wrong is None:
            record_action(session, "member-unlocked", "assessors", str(assessor.id), {"lid": assessor.name})
            proof = MemberProof(round_id, assessor.id, assessor.name, Role(assessor.role), utcnow())
    if wrong is not None:
        raise wrong  # after the commit: the wrong try stays counted
    return proof


def clear_member_pin(sessions: sessionmaker[Session], round_id: int, name: str, *, reason: str, actor: str) -> None:
    """The chair clears a member's forgotten or locked PIN, with a reason (in the history); the member then sets a
    new one."""
    reason = reason.strip()
    if not reason:
        raise UserError("Geef een reden op waarom de PIN gewist wordt; die staat in de geschiedenis.")
    if len(reason) > 1000:
        raise UserError("De reden is te lang: hooguit 1000 tekens.")
    with unit_of_work(sessions, actor) as session:
        assessor = _member(session, round_id, name)
        if assessor.pin_secret is None and assessor.pin_locked_at is None:
            raise UserError(f"{assessor.name} heeft geen PIN; er is niets veranderd.")
        assessor.pin_secret = None
        assessor.pin_set_at = None
        assessor.pin_wrong_tries = 0
        assessor.pin_locked_at = None
        record_action(
            session, "member-pin-cleared", "assessors", str(assessor.id), {"lid": assessor.name, "reden": reason}
        )


def pin_problem(pin: str) -> str | None:
    """Why a new PIN cannot be taken, in Dutch; None when it can."""
    if len(pin.strip()) < MIN_PIN:
        return f"De PIN is te kort: kies er een van minstens {MIN_PIN} tekens (cijfers, letters of een zin)."
    if len(pin) > MAX_PIN:
        return f"De PIN is te lang: hooguit {MAX_PIN} tekens."
    return None


# -- inside the core ------------------------------------------------------------------------------------------------


def _normal(pin: str) -> str:
    """The same PIN typed on another keyboard (composed or decomposed accents) is the same PIN."""
    return unicodedata.normalize("NFC", pin)


def _member(session: Session, round_id: int, name: str) -> m.Assessor:
    rnd = find_round(session, round_id)
    refuse_on_laptop(session, rnd.id, ChairAction.MEMBER_PIN)
    return find_assessor(session, rnd, name)


def _refuse_locked(assessor: m.Assessor) -> None:
    if assessor.pin_locked_at is not None:
        raise WrongPin(
            f"De PIN van {assessor.name} is geblokkeerd na {MAX_WRONG_TRIES} foute pogingen achter elkaar. "
            + CLEAR_HINT.format(name=assessor.name)
        )


def _checked(session: Session, assessor: m.Assessor, pin: str, what: str) -> WrongPin | None:
    """None when pin is the member's own (the count of wrong tries starts again); else the wrong try counted and
    audited, and the refusal to raise once that is committed."""
    _refuse_locked(assessor)
    if _matches(assessor, _normal(pin)):
        assessor.pin_wrong_tries = 0
        return None
    return _wrong_try(session, assessor, what)


def _matches(assessor: m.Assessor, pin: str) -> bool:
    stored = json.loads(assessor.pin_secret or "{}")
    return secrets.compare_digest(key_from_secret(pin, stored).hex(), str(stored.get("key", "")))


def _wrong_try(session: Session, assessor: m.Assessor, what: str) -> WrongPin:
    """Count and audit a wrong PIN; the refusal to raise once that is committed."""
    assessor.pin_wrong_tries += 1
    tries = assessor.pin_wrong_tries
    record_action(session, "member-pin-refused", "assessors", str(assessor.id), {"lid": assessor.name, "poging": tries})
    if tries >= MAX_WRONG_TRIES:
        assessor.pin_locked_at = utcnow()
        record_action(session, "member-pin-locked", "assessors", str(assessor.id), {"lid": assessor.name})
        return WrongPin(
            f"{what[0].upper()}{what[1:]} van {assessor.name} klopt niet, {MAX_WRONG_TRIES} keer achter elkaar: de PIN "
            "is nu geblokkeerd. " + CLEAR_HINT.format(name=assessor.name)
        )
    left = count_text(MAX_WRONG_TRIES - tries, "poging", "pogingen")
    return WrongPin(
        f"{what[0].upper()}{what[1:]} van {assessor.name} klopt niet. Nog {left}; daarna is de PIN geblokkeerd tot "
        "de voorzitter hem wist."
    )
