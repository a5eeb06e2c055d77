"""An assessor's laptop (a database opened from her work package): the core refuses every chair's action there in
Dutch and changes nothing, and the laptop holds her declaration and conflicts as the chair recorded them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from beoordelaar.core.commission.assessors import (
    add_assessor,
    declare_confidentiality,
    declare_conflict,
    list_assessors,
)
from beoordelaar.core.commission.assignments import assign_defaults
from beoordelaar.core.commission.declarations import declare_conflict_statement
from beoordelaar.core.consolidation.consensus import apply_averaging, open_consensus, set_consensus_score
from beoordelaar.core.consolidation.settlement import settle_requirement, settle_uncontested
from beoordelaar.core.decisions.decisions import confirm_all, confirm_decision, override_decision, propose_decisions
from beoordelaar.core.decisions.document_settings import get_document_settings, save_document_settings
from beoordelaar.core.decisions.letters import make_letters
from beoordelaar.core.errors import UserError
from beoordelaar.core.exchange.commission_work import laptop_declaration
from beoordelaar.core.exchange.package_export import export_package
from beoordelaar.core.record.assessment_report import write_report
from beoordelaar.core.record.dossier import build_dossier
from beoordelaar.core.record.round_export import export_round
from beoordelaar.core.registrations.importing import apply_import, load_export
from beoordelaar.core.rounds.laptop import is_laptop_database
from beoordelaar.core.rounds.procedure import Outcome, SettledVerdict
from beoordelaar.core.rounds.rounds import create_round, list_rounds
from beoordelaar.core.scoring.scoring import reopen
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from beoordelaar.core.verification.interview_files import add_interview_document
from beoordelaar.core.verification.open_items import mark_consolidated
from beoordelaar.core.verification.verification import (
    approve_interview,
    correct_interview,
    mark_for_verification,
    plan_interview,
    record_interview,
)
from engines import dump
from exchange_round import (
    ANNA,
    CHAIR,
    CHANTAL,
    NUMBERS,
    ROUND,
    check_codes,
    export_for,
    open_on,
    plan_codes,
    round_id_of,
)
from import_samples import rows, write_csv
from templates import DatabaseTemplates, MadeRound

Refused = Callable[[Database, int, Path], object]
REFUSED: dict[str, Refused] = {
    "round create": lambda db, _r, _t: create_round(
        db.sessions, name="Nog een", framework="ijsselland-2022", actor=CHANTAL
    ),
    "import": lambda db, r, t: apply_import(
        db, r, load_export(db.sessions, r, write_csv(t / "x.csv", rows(2))), actor=CHANTAL
    ),
    "assessors add": lambda db, r, _t: add_assessor(db.sessions, r, "Dirk Dekker", actor=CHANTAL),
    "assessors declare": lambda db, r, _t: declare_confidentiality(db.sessions, r, CHANTAL, actor=CHANTAL),
    "conflict": lambda db, r, _t: declare_conflict(db.sessions, r, CHANTAL, NUMBERS[0], actor=CHANTAL),
    "assign": lambda db, r, _t: assign_defaults(db.sessions, r, actor=CHANTAL),
    "conflict statement": lambda db, r, _t: declare_conflict_statement(db.sessions, r, CHANTAL, (), actor=CHANTAL),
    "reopen": lambda db, r, _t: reopen(db.sessions, r, CHANTAL, reason="Een reden", actor=CHANTAL),
    "package export": lambda db, r, t: export_package(
        db.sessions, db.documents, r, CHANTAL, t / "p.zip", actor=CHANTAL
    ),
    "consensus open": lambda db, r, _t: open_consensus(db.sessions, r, NUMBERS[0], actor=CHANTAL),
    "consensus": lambda db, r, _t: set_consensus_score(
        db.sessions, r, NUMBERS[0], plan_codes(db)[0], Decimal(3), "Een motivering die lang genoeg is.", actor=CHANTAL
    ),
    "average": lambda db, r, _t: apply_averaging(db.sessions, r, actor=CHANTAL),
    "settle": lambda db, r, _t: settle_requirement(
        db.sessions, r, NUMBERS[0], check_codes(db)[0], SettledVerdict.PASS, "", actor=CHANTAL
    ),
    "settle uncontested": lambda db, r, _t: settle_uncontested(db.sessions, r, actor=CHANTAL),
    "verify": lambda db, r, _t: mark_for_verification(
        db.sessions, r, NUMBERS[0], plan_codes(db)[0], "Twijfel", actor=CHANTAL
    ),
    "interview plan": lambda db, r, _t: plan_interview(
        db.sessions, r, NUMBERS[0], planned_at=datetime(2027, 3, 1, 10), location="Zwolle", actor=CHANTAL
    ),
    "consolidated": lambda db, r, _t: mark_consolidated(db.sessions, r, actor=CHANTAL),
    "decide": lambda db, r, _t: propose_decisions(db.sessions, r, actor=CHANTAL),
    "confirm": lambda db, r, _t: confirm_decision(db.sessions, r, NUMBERS[0], actor=CHANTAL),
    "confirm all": lambda db, r, _t: confirm_all(db.sessions, r, actor=CHANTAL),
    "override": lambda db, r, _t: override_decision(
        db.sessions, r, NUMBERS[0], Outcome.REJECT, "Een motivering die lang genoeg is.", actor=CHANTAL
    ),
    "document settings": lambda db, r, _t: save_document_settings(
        db.sessions, r, get_document_settings(db.sessions, r)[0], actor=CHANTAL
    ),
    "letters": lambda db, r, t: make_letters(db.sessions, db.documents, r, t / "brieven", actor=CHANTAL),
    "report": lambda db, r, t: write_report(db, r, t / "pv.pdf", actor=CHANTAL),
    "dossier": lambda db, r, t: build_dossier(db, r, NUMBERS[0], t / "dossier.zip"),
    "export": lambda db, r, t: export_round(db, r, t / "ronde.xlsx"),
}


@pytest.fixture
def laptop(db: Database, made_round: MadeRound, tmp_path: Path, templates: DatabaseTemplates) -> Iterator[Database]:
    """Chantal's laptop: she declared a conflict with the third registration, so she scores the other two."""
    made_round(db)
    package = export_for(db, CHANTAL, tmp_path / "chantal.zip")
    database = templates.open_copy(tmp_path / "laptop" / "laptop.sqlite")
    open_on(database, package, CHANTAL)
    yield database
    database.close()


@pytest.mark.parametrize("action", list(REFUSED))
def test_a_chair_action_is_refused_on_the_laptop_and_changes_nothing(
    laptop: Database, tmp_path: Path, action: str
) -> None:
    before = dump(laptop)
    with pytest.raises(UserError) as refused:
        REFUSED[action](laptop, round_id_of(laptop), tmp_path)
    assert str(refused.value).startswith(f"Dit is de laptop van {CHANTAL}")
    assert "dat doet de voorzitter in de eigen database. Er is niets veranderd." in str(refused.value)
    assert dump(laptop) == before
    assert not any(p.suffix in {".pdf", ".zip", ".xlsx"} for p in tmp_path.glob("*") if p.name != "chantal.zip")


def _interview_on(laptop: Database, status: str) -> int:
    """An interview row put on the laptop by hand: no action makes one there (planning is the chair's)."""
    with laptop.sessions.begin() as session:
        registration = session.query(m.Registration).filter_by(round_id=round_id_of(laptop)).first()
        assert registration is not None
        interview = m.Interview(round_id=registration.round_id, registration_id=registration.id, status=status)
        session.add(interview)
        session.flush()
        return interview.id


INTERVIEW_WRITES: dict[str, tuple[str, Callable[[Database, int, Path], object]]] = {
    "record": ("held", lambda db, i, _t: record_interview(db.sessions, i, location="Zwolle", actor=CHANTAL)),
    "approve": ("held", lambda db, i, _t: approve_interview(db.sessions, i, chair=CHANTAL, actor=CHANTAL)),
    "correct": ("approved", lambda db, i, _t: correct_interview(db.sessions, i, actor=CHANTAL)),
    "add document": (
        "held",
        lambda db, i, t: add_interview_document(db, i, _file(t), actor=CHANTAL, existed_before_deadline=True),
    ),
}


def _file(folder: Path) -> Path:
    path = folder / "aanvulling.txt"
    path.write_text("Aanvulling van de aanbieder", encoding="utf-8")
    return path


@pytest.mark.parametrize("write", list(INTERVIEW_WRITES))
def test_an_interview_cannot_be_written_on_the_laptop(laptop: Database, tmp_path: Path, write: str) -> None:
    status, action = INTERVIEW_WRITES[write]
    interview_id = _interview_on(laptop, status)
    before = dump(laptop)
    with pytest.raises(UserError, match=f"^Dit is de laptop van {CHANTAL}"):
        action(laptop, interview_id, tmp_path)
    assert dump(laptop) == before


def test_the_laptop_says_so_and_the_chair_database_does_not(db: Database, laptop: Database) -> None:
    assert is_laptop_database(laptop.sessions)
    assert not is_laptop_database(db.sessions)
    assert [r.laptop_owner for r in list_rounds(laptop.sessions)] == [CHANTAL]  # what the window shows
    assert [r.laptop_owner for r in list_rounds(db.sessions)] == [None]
    refused = pytest.raises(UserError, match="een nieuwe ronde aanmaken")
    with refused:
        create_round(laptop.sessions, name="Nog een", framework="ijsselland-2022", actor=CHANTAL)


def test_a_database_with_a_round_of_its_own_is_no_laptop_as_a_whole(
    db: Database, laptop: Database, tmp_path: Path, templates: DatabaseTemplates
) -> None:
    """A package opened beside a round of this database's own: that round keeps the chair's actions."""
    mixed = templates.open_copy(tmp_path / "gemengd" / "gemengd.sqlite")
    try:
        own = create_round(mixed.sessions, name="Eigen ronde", framework="ijsselland-2022", actor=CHAIR).id
        open_on(mixed, export_for(db, CHANTAL, tmp_path / "chantal-2.zip"), CHANTAL)
        assert not is_laptop_database(mixed.sessions)
        add_assessor(mixed.sessions, own, "Dirk Dekker", actor=CHAIR)
        with pytest.raises(UserError, match="laptop van Chantal Smit voor ronde 'Jeugdhulp 2027'"):
            add_assessor(mixed.sessions, round_id_of(mixed), "Dirk Dekker", actor=CHAIR)
    finally:
        mixed.close()


def test_the_laptop_holds_the_declaration_and_conflicts_as_the_chair_recorded_them(
    db: Database, laptop: Database
) -> None:
    at_chair = {r.name: r for r in list_assessors(db.sessions, round_id_of(db))}[CHANTAL]
    own = laptop_declaration(laptop.sessions, round_id_of(laptop))
    assert own is not None and own.assessor == CHANTAL
    assert own.confidentiality_declared_at == at_chair.confidentiality_declared_at
    assert [(c.label, c.reason) for c in own.conflicts] == [(f"{NUMBERS[2]} Stichting Aanbieder 3", "oud-collega")]
    [row] = list_assessors(laptop.sessions, round_id_of(laptop))
    assert (row.name, row.confidentiality_declared_at, row.conflicts) == (
        CHANTAL,
        at_chair.confidentiality_declared_at,
        1,
    )
    assert laptop_declaration(db.sessions, round_id_of(db)) is None


def test_a_new_package_brings_the_chair_s_new_record(db: Database, laptop: Database, tmp_path: Path) -> None:
    declare_conflict(db.sessions, round_id_of(db), CHANTAL, NUMBERS[0], reason="familie", actor=CHAIR)
    open_on(laptop, export_for(db, CHANTAL, tmp_path / "chantal-2.zip"), CHANTAL)
    own = laptop_declaration(laptop.sessions, round_id_of(laptop))
    assert own is not None
    assert [(c.label, c.reason) for c in own.conflicts] == [
        (f"{NUMBERS[0]} Stichting Aanbieder 1", "familie"),
        (f"{NUMBERS[2]} Stichting Aanbieder 3", "oud-collega"),
    ]


def test_anonymised_round_carries_only_the_anonymous_label(
    db: Database, made_round: MadeRound, tmp_path: Path, templates: DatabaseTemplates
) -> None:
    made_round(db, anonymised=True, name=f"{ROUND} anoniem")
    package = export_for(db, CHANTAL, tmp_path / "chantal.zip", name=f"{ROUND} anoniem")
    laptop = templates.open_copy(tmp_path / "laptop" / "laptop.sqlite")
    try:
        open_on(laptop, package, CHANTAL)
        own = laptop_declaration(laptop.sessions, round_id_of(laptop, f"{ROUND} anoniem"))
        assert own is not None and [c.label for c in own.conflicts] == ["Inschrijving 003"]
        with laptop.sessions() as session:
            names = session.query(m.Registration.name).all() + session.query(m.Provider.name).all()
        assert not any("Stichting Aanbieder" in name for (name,) in names)
    finally:
        laptop.close()


def test_anna_without_conflicts_has_an_empty_statement(db: Database, made_round: MadeRound, tmp_path: Path,
                                                        templates: DatabaseTemplates) -> None:  # fmt: skip
    made_round(db)
    package = export_for(db, ANNA, tmp_path / "anna.zip")
    laptop = templates.open_copy(tmp_path / "laptop" / "laptop.sqlite")
    try:
        open_on(laptop, package, ANNA)
        own = laptop_declaration(laptop.sessions, round_id_of(laptop))
        assert own is not None and own.confidentiality_declared_at is not None and own.conflicts == ()
    finally:
        laptop.close()
