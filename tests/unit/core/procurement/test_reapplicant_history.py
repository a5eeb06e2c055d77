"""A re-applicant's earlier registrations, decisions and letters: one call away for the chair, never on an
assessor's laptop, and no work package carries them (the assessors assess the new registration on its own)."""

from __future__ import annotations

from pathlib import Path

import pytest

from beoordelaar.core.errors import UserError
from beoordelaar.core.procurement.provider_history import earlier_applicants, provider_history
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database
from exchange_round import ANNA, KVKS, NUMBERS, export_for, make_round, open_on, package_text, round_id_of
from templates import DatabaseTemplates

EARLIER_REASON = "Geschiktheidseis G6 bij de eerste toetreding: current ratio 0,71 (EERDER-BESLUIT)"
SECOND = "Toetreding juli 2027"


def _second_entry_moment(db: Database) -> tuple[int, int]:
    """The exchange round as the first entry moment, INS-001 rejected there with a letter; the same providers
    register again at a second entry moment of the same procedure."""
    first = make_round(db)
    with unit_of_work(db.sessions, "test") as session:
        registration = session.query(m.Registration).filter_by(round_id=first, number=NUMBERS[0]).one()
        decision = m.Decision(
            registration_id=registration.id, proposed_outcome="reject", outcome="reject", status="confirmed",
            reasons=[{"code": "G6", "part": "requirement", "text": EARLIER_REASON}], decided_by="Marieke Jansen",
        )  # fmt: skip
        session.add(decision)
        session.flush()
        session.add(m.Letter(decision_id=decision.id, version=1, kenmerk="JH-2026-EERDER", file_name="b.pdf",
                             sha256="0" * 64, created_by="Marieke Jansen"))  # fmt: skip
    second = make_round(db, name=SECOND)
    with unit_of_work(db.sessions, "test") as session:
        own = find_round(session, second).procurement
        find_round(session, second).procurement = find_round(session, first).procurement
        session.flush()
        session.delete(own)
    return first, second


def test_the_chair_sees_a_re_applicants_history(db: Database) -> None:
    first, second = _second_entry_moment(db)
    assert earlier_applicants(db.sessions, second) == dict.fromkeys(NUMBERS, 1)
    [earlier] = provider_history(db.sessions, second, NUMBERS[0])
    assert (earlier.round_id, earlier.registration, earlier.outcome) == (first, NUMBERS[0], "Afwijzen")
    assert [x.kenmerk for x in earlier.letters] == ["JH-2026-EERDER"]
    [undecided] = provider_history(db.sessions, second, NUMBERS[1])
    assert undecided.outcome == "geen bevestigd besluit"


def test_no_assessor_sees_an_earlier_outcome(db: Database, templates: DatabaseTemplates, tmp_path: Path) -> None:
    _second_entry_moment(db)
    package = export_for(db, ANNA, tmp_path / "anna.bwp", name=SECOND)
    carried = package_text(package.file, package.code)
    assert KVKS[0] in carried  # the package is the new registration's ...
    for earlier in ("EERDER-BESLUIT", "JH-2026-EERDER", "Jeugdhulp 2027'"):
        assert earlier not in carried  # ... and carries nothing of the earlier entry moment
    laptop = templates.open_copy(tmp_path / "laptop" / "laptop.sqlite")
    try:
        open_on(laptop, package, ANNA)
        laptop_round = round_id_of(laptop, SECOND)
        with pytest.raises(UserError, match="eerdere inschrijvingen, besluiten en brieven"):
            provider_history(laptop.sessions, laptop_round, NUMBERS[0])
        with pytest.raises(UserError, match="laptop van Anna de Vries"):
            earlier_applicants(laptop.sessions, laptop_round)
    finally:
        laptop.close()
