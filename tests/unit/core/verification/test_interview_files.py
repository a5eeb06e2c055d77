"""Files kept with a verification interview, and what the verification screen needs to know about a round."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from beoordelaar.core.consolidation.consensus import consensus_sheet, set_consensus_score
from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.registration_documents import document_file, list_documents
from beoordelaar.core.rounds.procedure import Procedure
from beoordelaar.core.storage.database import Database
from beoordelaar.core.verification.interview_files import add_interview_document, list_interview_documents
from beoordelaar.core.verification.interview_rules import PointOutcome
from beoordelaar.core.verification.verification import (
    PointInput,
    approve_interview,
    correct_interview,
    mark_for_verification,
    plan_interview,
    record_interview,
)
from beoordelaar.core.verification.verification_context import verification_context
from engines import dump
from exchange_round import ANNA, BRAM, CHAIR, CHANTAL, NUMBERS, make_round, round_id_of, score_everything
from templates import MadeRound

LONG = "De commissie stelt de score vast na bespreking: de aanpak is concreet en past bij de regionale doelen."
WHEN = datetime(2026, 10, 5, 14, 0)


@pytest.fixture
def planned(db: Database, made_round: MadeRound) -> int:
    made_round(db)
    for assessor in (ANNA, BRAM, CHANTAL):
        score_everything(db, assessor, value=3)
    round_id = round_id_of(db)
    for criterion in consensus_sheet(db.sessions, round_id, NUMBERS[0]).criteria:
        set_consensus_score(db.sessions, round_id, NUMBERS[0], criterion.code, Decimal(3), LONG, actor="v")
    mark_for_verification(db.sessions, round_id, NUMBERS[0], "G3", "Antwoord 'Deels'.", actor="v")
    return plan_interview(db.sessions, round_id, NUMBERS[0], planned_at=WHEN, location="Zwolle", actor="v").id


def test_a_file_is_kept_with_the_interview_and_its_registration(db: Database, planned: int, tmp_path: Path) -> None:
    source = tmp_path / "registraties.pdf"
    source.write_bytes(b"%PDF-1.4 overzicht")
    before = _dump(db)
    with pytest.raises(UserError, match="vóór de sluitingstermijn bestond en niets aan de inschrijving verandert"):
        add_interview_document(db, planned, source, "v")
    assert _dump(db) == before
    row = add_interview_document(db, planned, source, "v", existed_before_deadline=True)
    assert (row.kind, row.file_name, row.size) == ("interview", "registraties.pdf", len(b"%PDF-1.4 overzicht"))
    assert document_file(db, row.id).read_bytes() == b"%PDF-1.4 overzicht"
    assert [d.file_name for d in list_interview_documents(db, planned)] == ["registraties.pdf"]
    with_registration = [d for d in list_documents(db, _registration_id(db, planned)) if d.kind == "interview"]
    assert [d.id for d in with_registration] == [row.id]
    with pytest.raises(UserError, match="bestaat niet"):
        add_interview_document(db, planned, tmp_path / "weg.pdf", "v", existed_before_deadline=True)

    point = PointInput("G3", "Antwoord 'Deels'.", "Vraag?", "Antwoord.", True, outcome=PointOutcome.MEETS,
                       motivation="Aangetoond.")  # fmt: skip
    record_interview(db.sessions, planned, held_at=WHEN, points=[point], actor="v")
    approve_interview(db.sessions, planned, chair=CHAIR, actor="v")
    with pytest.raises(UserError, match="goedgekeurd"):
        add_interview_document(db, planned, source, "v", existed_before_deadline=True)
    correction = correct_interview(db.sessions, planned, actor="v")
    assert [d.file_name for d in list_interview_documents(db, correction.id)] == ["registraties.pdf"]
    assert list_interview_documents(db, 999) == []


def _registration_id(db: Database, interview_id: int) -> int:
    from beoordelaar.core.verification.verification import get_interview

    return get_interview(db.sessions, interview_id).registration_id


def test_verification_context(db: Database, made_round: MadeRound) -> None:
    context = verification_context(db, made_round(db))
    assert context.chair == CHAIR and context.members == (ANNA, BRAM, CHANTAL)
    assert [r.number for r in context.registrations] == NUMBERS
    assert context.registrations[0].label == "Stichting Aanbieder 1"
    assert context.procedure is Procedure.OPEN_HOUSE and not context.plan_doubts
    assert context.framework.criterion("P2").scale is not None
    anonymous = make_round(db, name="Anoniem", anonymised=True)
    assert verification_context(db, anonymous).registrations[0].label == "Inschrijving 001"


def _dump(db: Database) -> list[str]:

    return dump(db)
