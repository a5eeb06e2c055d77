"""No score or check enters without both declarations (the signed confidentiality declaration and the conflict
statement), by any way in: the scoring screen on the shared computer or a laptop, drafts, score sheets, packages.
Every refusal leaves the database as it was (a dump before and after)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from beoordelaar.core.commission.assessors import add_assessor, list_assessors
from beoordelaar.core.commission.assignments import assign_defaults
from beoordelaar.core.commission.declarations import declare_conflict_statement
from beoordelaar.core.errors import UserError
from beoordelaar.core.exchange.work_package import open_work_package
from beoordelaar.core.scoring.score_sheet import ScoreSheetRefused, import_score_sheet
from beoordelaar.core.scoring.scoring import save_draft, save_score, worklist
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from engines import dump, raw_sql
from exchange_round import ANNA, CHAIR, NUMBERS, export_for, motivation, open_on, plan_codes, round_id_of
from templates import DatabaseTemplates, MadeRound

DIRK, EVA = "Dirk Visser", "Eva Bakker"  # Dirk signed confidentiality, no conflict statement; Eva the other way round


def _dump(db: Database) -> list[str]:
    return dump(db)


@pytest.fixture
def round_id(db: Database, made_round: MadeRound) -> int:
    made_round(db)
    round_id = round_id_of(db)
    add_assessor(db.sessions, round_id, DIRK, confidentiality_declared=True, actor=CHAIR)
    add_assessor(db.sessions, round_id, EVA, actor=CHAIR)
    declare_conflict_statement(db.sessions, round_id, EVA, actor=CHAIR)
    assign_defaults(db.sessions, round_id, checks_by=[ANNA], actor=CHAIR)
    return round_id


def _score(db: Database, round_id: int, who: str, value: int = 3) -> None:
    code = plan_codes(db)[0]
    save_score(db.sessions, round_id, who, NUMBERS[0], code, value, motivation(who, NUMBERS[0], code, value), actor=who)


def test_the_shared_computer_takes_no_score_or_draft_without_both_declarations(db: Database, round_id: int) -> None:
    before = _dump(db)
    with pytest.raises(UserError, match=r"nog niet verklaard of er belangenverstrengeling is.*niets veranderd"):
        _score(db, round_id, DIRK)
    with pytest.raises(UserError, match="geheimhoudingsverklaring is niet getekend"):
        _score(db, round_id, EVA)
    with pytest.raises(UserError, match="belangenverstrengeling"):
        save_draft(db.sessions, round_id, DIRK, NUMBERS[0], plan_codes(db)[0], text="half af")
    assert _dump(db) == before
    assert "belangenverstrengeling" in (worklist(db.sessions, round_id, DIRK).undeclared or "")
    assert worklist(db.sessions, round_id, ANNA).undeclared is None


def test_a_score_sheet_with_an_undeclared_member_is_refused_whole(db: Database, round_id: int, tmp_path: Path) -> None:
    code = plan_codes(db)[0]
    sheet = tmp_path / "scores.csv"
    with sheet.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=";").writerows([
            ["beoordelaar", "inschrijving", "criterium", "score", "motivering"],
            [ANNA, NUMBERS[0], code, "3", motivation(ANNA, NUMBERS[0], code, 3)],
            [DIRK, NUMBERS[0], code, "3", motivation(DIRK, NUMBERS[0], code, 3)],
        ])  # fmt: skip
    before = _dump(db)
    with pytest.raises(ScoreSheetRefused) as refused:
        import_score_sheet(db.sessions, round_id, sheet, actor=CHAIR)
    [finding] = refused.value.findings
    assert (finding.row, finding.column, finding.value) == (3, "beoordelaar", DIRK)
    assert "belangenverstrengeling" in finding.message
    assert _dump(db) == before


def test_no_package_without_the_conflict_statement_and_the_laptop_gets_both_declarations(
    db: Database, round_id: int, tmp_path: Path, templates: DatabaseTemplates
) -> None:
    before = _dump(db)
    with pytest.raises(UserError, match=r"belangenverstrengeling.*geen werkpakket.*--geen"):
        export_for(db, DIRK, tmp_path / "dirk.zip")
    assert _dump(db) == before and not (tmp_path / "dirk.zip").exists()

    package = export_for(db, ANNA, tmp_path / "anna.zip")
    with open_work_package(package.file, package.code) as opened:
        carried = opened.package
    assert carried.declaration.confidentiality_declared_at and carried.declaration.conflicts_declared_at
    laptop = templates.open_copy(tmp_path / "laptop" / "laptop.sqlite")
    try:
        open_on(laptop, package, ANNA)
        on_laptop = round_id_of(laptop)
        assert worklist(laptop.sessions, on_laptop, ANNA).undeclared is None
        _score(laptop, on_laptop, ANNA)  # taken: the chair recorded both
    finally:
        laptop.close()


def test_a_laptop_without_the_declarations_takes_no_score(
    db: Database, round_id: int, tmp_path: Path, templates: DatabaseTemplates
) -> None:
    """As a package from before the declarations travelled: the laptop refuses, and says the chair records them."""
    package = export_for(db, ANNA, tmp_path / "anna.zip")
    laptop = templates.open_copy(tmp_path / "laptop" / "laptop.sqlite")
    try:
        open_on(laptop, package, ANNA)
        with raw_sql(laptop) as connection:
            connection.execute("UPDATE assessors SET conflicts_declared_at = NULL")
        before = _dump(laptop)
        with pytest.raises(UserError, match="nieuw werkpakket"):
            _score(laptop, round_id_of(laptop), ANNA)
        assert _dump(laptop) == before
    finally:
        laptop.close()


def test_the_conflict_statement_is_recorded_once_with_time_and_actor(db: Database, round_id: int) -> None:
    assert declare_conflict_statement(db.sessions, round_id, DIRK, [NUMBERS[1]], reason="buurman", actor=CHAIR) == 1
    assert [r.ref for r in worklist(db.sessions, round_id, DIRK).rows] == [NUMBERS[0], NUMBERS[2]]  # off INS-002
    before = _dump(db)
    with pytest.raises(UserError, match=r"al verklaard.*niets veranderd"):
        declare_conflict_statement(db.sessions, round_id, DIRK, actor=CHAIR)
    assert _dump(db) == before
    row = next(r for r in list_assessors(db.sessions, round_id) if r.name == DIRK)
    assert row.as_json()["conflicts_declared"] is True and row.conflicts == 1
    with db.sessions() as session:
        dirk = session.query(m.Assessor).filter_by(name=DIRK).one()
        assert dirk.conflicts_declared_at is not None and dirk.conflicts_declared_by == CHAIR
    _score(db, round_id, DIRK)  # now taken


def test_a_statement_naming_an_unknown_registration_changes_nothing(db: Database, round_id: int) -> None:
    before = _dump(db)
    with pytest.raises(UserError, match="INS-999"):
        declare_conflict_statement(db.sessions, round_id, DIRK, [NUMBERS[0], "INS-999"], actor=CHAIR)
    assert _dump(db) == before
