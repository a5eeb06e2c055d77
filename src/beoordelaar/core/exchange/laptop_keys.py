"""The chair forgets a member's confirmed laptop key (a laptop lost, broken or replaced), for a reason on record; the
member's next return file is then confirmed by its fingerprint as the first one was. Handed-in work stays frozen:
a new key brings no new revision and cannot change a merged one."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.commission.assessors import find_assessor
from beoordelaar.core.errors import UserError
from beoordelaar.core.files.keys import fingerprint
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage.audit import record_action, unit_of_work

MIN_REASON = 10


def forget_laptop_key(
    sessions: sessionmaker[Session], round_id: int, assessor_name: str, *, reason: str, actor: str
) -> str:
    """Forget the member's confirmed key; returns the fingerprint that was forgotten."""
    reason = reason.strip()
    if len(reason) < MIN_REASON:
        raise UserError(
            f"Geef een reden op (minstens {MIN_REASON} tekens), bijvoorbeeld 'laptop gestolen op 3 maart': die staat "
            "in de geschiedenis. Er is niets veranderd."
        )
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.COMMISSION)
        assessor = find_assessor(session, rnd, assessor_name)
        if assessor.laptop_key is None:
            raise UserError(f"{assessor.name} heeft nog geen bevestigde sleutel; er is niets veranderd.")
        forgotten = fingerprint(assessor.laptop_key)
        assessor.laptop_key = assessor.laptop_key_confirmed_at = assessor.laptop_key_confirmed_by = None
        session.flush()
        record_action(
            session, "laptop-key-forgotten", "assessors", str(assessor.id),
            {"assessor": assessor.name, "fingerprint": forgotten, "reason": reason},
        )  # fmt: skip
        return forgotten
