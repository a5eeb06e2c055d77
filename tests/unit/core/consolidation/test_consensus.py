"""The consensus meeting, the averaging model, settling requirements, the open list and the export."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import delete, select

from beoordelaar.core.consolidation.consensus import (
    apply_averaging,
    consensus_sheet,
    meeting_agenda,
    set_consensus_score,
)
from beoordelaar.core.consolidation.consolidation import consolidate_round
from beoordelaar.core.consolidation.consolidation_export import export_consolidation
from beoordelaar.core.consolidation.settlement import requirement_sheet, settle_requirement, settle_uncontested
from beoordelaar.core.errors import ConflictError, UserError
from beoordelaar.core.rounds.procedure import Procedure, SettledVerdict
from beoordelaar.core.scoring.scoring import save_score
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database
from beoordelaar.core.verification.open_items import mark_consolidated, open_items
from exchange_round import (
    ANNA,
    BRAM,
    CHANTAL,
    DIRK,
    NUMBERS,
    add_reserve,
    make_round,
    make_scored_round,
    motivation,
    round_id_of,
    score_everything,
)
from letters_round import pdf_text
from templates import DatabaseTemplates, DemoCopies

LONG = "De commissie is het eens: de aanpak is concreet, met voorbeelden uit de eigen praktijk, en past bij de doelen."


@pytest.fixture
def scored(db: Database, templates: DatabaseTemplates) -> Database:
    templates.load(db, templates.built(make_scored_round, disputed=NUMBERS[0]))
    return db


def test_sheet_shows_everyone_side_by_side_with_flags_and_quotes(scored: Database) -> None:
    round_id = round_id_of(scored)
    sheet = consensus_sheet(scored.sessions, round_id, NUMBERS[0])
    p1 = sheet.criteria[0]
    assert p1.code == "P1" and [s.assessor for s in p1.individual] == [ANNA, BRAM, CHANTAL]
    assert [s.value for s in p1.individual] == [2, 5, 3]
    assert {f.value for f in p1.flags} == {"spread", "both-sides-of-minimum"}
    assert p1.consensus is None and not sheet.discussed
    # The starting text quotes the findings, never who scored what: no names, no scores, no scale labels.
    assert "- Motivering van [beoordelaar]" in p1.quoted
    assert not [name for name in (ANNA, BRAM, CHANTAL) if name in p1.quoted]
    assert "Onvoldoende" not in p1.quoted and "(2" not in p1.quoted
    conflicted = consensus_sheet(scored.sessions, round_id, NUMBERS[2]).criteria[0]
    assert CHANTAL not in [s.assessor for s in conflicted.individual]


def test_consensus_score_revisions_and_validation(scored: Database) -> None:
    round_id = round_id_of(scored)
    first = set_consensus_score(scored.sessions, round_id, NUMBERS[0], "P1", Decimal(3), LONG, actor="voorzitter")
    assert (first.revision, first.label) == (1, "Voldoende")
    same = set_consensus_score(scored.sessions, round_id, NUMBERS[0], "P1", Decimal(3), LONG, actor="voorzitter")
    assert same.revision == 1  # nothing changed, no new revision
    second = set_consensus_score(scored.sessions, round_id, NUMBERS[0], "P1", Decimal(4), LONG + " Na verificatie.",
                                 actor="voorzitter")  # fmt: skip
    assert second.revision == 2
    sheet = consensus_sheet(scored.sessions, round_id, NUMBERS[0])
    assert [e.value for e in sheet.criteria[0].history] == [3, 4]
    assert sheet.opened_at is not None
    with pytest.raises(UserError, match="te kort"):
        set_consensus_score(scored.sessions, round_id, NUMBERS[0], "P2", Decimal(3), "Prima.", actor="v")
    with pytest.raises(UserError, match=r"^3,5 is geen stap van de schaal van P2 \(stappen: 1, 2, 3, 4, 5\)\.$"):
        set_consensus_score(scored.sessions, round_id, NUMBERS[0], "P2", Decimal("3.50"), LONG, actor="v")
    with pytest.raises(UserError, match="geen criterium van het plan"):
        set_consensus_score(scored.sessions, round_id, NUMBERS[0], "G1", Decimal(3), LONG, actor="v")


def test_a_save_on_a_revision_a_colleague_superseded_is_a_conflict_and_changes_nothing(scored: Database) -> None:
    round_id = round_id_of(scored)
    set_consensus_score(scored.sessions, round_id, NUMBERS[0], "P1", Decimal(3), LONG, actor="collega",
                        expected_revision=0)  # fmt: skip
    with pytest.raises(ConflictError, match="Een ander heeft dit net gewijzigd"):
        set_consensus_score(scored.sessions, round_id, NUMBERS[0], "P1", Decimal(4), LONG, actor="voorzitter",
                            expected_revision=0)  # fmt: skip
    settle_requirement(scored.sessions, round_id, NUMBERS[0], "G1", SettledVerdict.PASS, "In orde.", actor="collega",
                       expected_revision=0)  # fmt: skip
    with pytest.raises(ConflictError):
        settle_requirement(scored.sessions, round_id, NUMBERS[0], "G1", SettledVerdict.FAIL, "Ontbreekt.",
                           actor="voorzitter", expected_revision=0)  # fmt: skip
    sheet = consensus_sheet(scored.sessions, round_id, NUMBERS[0])
    assert [(e.value, e.set_by) for e in sheet.criteria[0].history] == [(3, "collega")]
    g1 = next(r for r in requirement_sheet(scored.sessions, round_id, NUMBERS[0]) if r.code == "G1")
    assert g1.settled is not None and (g1.settled.verdict, g1.settled.revision) == (SettledVerdict.PASS, 1)


def test_open_items_until_everything_is_settled(scored: Database) -> None:
    round_id = round_id_of(scored)
    items = open_items(scored.sessions, round_id)
    kinds = {i.kind for i in items}
    assert {"undiscussed-flag", "no-consensus", "unsettled-requirement"} <= kinds
    flag = next(i for i in items if i.kind == "undiscussed-flag")
    assert flag.registration == NUMBERS[0] and flag.criterion == "P1" and "2, 5, 3" in flag.text
    # Chantal's conflict leaves INS-003 with two assessors where the framework promises three.
    (too_few,) = (i for i in items if i.kind == "too-few-assessors")
    assert too_few.registration == NUMBERS[2] and too_few.criterion is None
    assert too_few.text.startswith("2 beoordelaars op het plan van aanpak") and "minimaal 3" in too_few.text
    with pytest.raises(UserError, match="punten open"):
        mark_consolidated(scored.sessions, round_id, actor="v")
    assert add_reserve(scored).warnings == ()  # a fourth member, assigned where the conflict removed one
    assert not [i for i in open_items(scored.sessions, round_id) if i.kind in ("too-few-assessors", "missing-score")]

    for row in meeting_agenda(scored.sessions, round_id):
        for criterion in consensus_sheet(scored.sessions, round_id, row.number).criteria:
            set_consensus_score(scored.sessions, round_id, row.number, criterion.code, Decimal(3), LONG, actor="v")
    assert all(row.discussed for row in meeting_agenda(scored.sessions, round_id))
    # The test round declares no answers, so every requirement needs the chair: all but one settle as akkoord,
    # one stays in doubt.
    for number in NUMBERS:
        for row in requirement_sheet(scored.sessions, round_id, number):
            settle_requirement(scored.sessions, round_id, number, row.code, SettledVerdict.PASS, "", actor="v")
    settle_requirement(
        scored.sessions, round_id, NUMBERS[1], "G3", SettledVerdict.VERIFY, "Antwoord 'Deels'.", actor="v"
    )
    (doubt,) = open_items(scored.sessions, round_id)
    assert doubt.kind == "open-doubt" and doubt.registration == NUMBERS[1]
    settle_requirement(scored.sessions, round_id, NUMBERS[1], "G3", SettledVerdict.PASS, "Verduidelijkt.", actor="v")
    assert open_items(scored.sessions, round_id) == []
    mark_consolidated(scored.sessions, round_id, actor="v")


def test_settling_needs_a_reason_for_a_rejection_and_uncontested_ones_settle_in_one_go(
    db: Database, cached_demo: DemoCopies
) -> None:
    summary = cached_demo(db, providers=6, actor="t")
    number = "DEMO-2026-0002"
    with pytest.raises(UserError, match="reden"):
        settle_requirement(db.sessions, summary.id, number, "G1", SettledVerdict.FAIL, " ", actor="v")
    rows = requirement_sheet(db.sessions, summary.id, number)
    g3 = next(r for r in rows if r.code == "G3")
    assert g3.declared == "Deels" and g3.automatic is None
    assert [e.verdict for e in g3.history] == [SettledVerdict.VERIFY, SettledVerdict.PASS]
    assert settle_uncontested(db.sessions, summary.id, actor="v") == 0  # the demo is settled already


def test_lifting_a_knock_out_takes_its_reason_and_evidence(db: Database, cached_demo: DemoCopies) -> None:
    summary = cached_demo(db, providers=6, actor="t")
    number = "DEMO-2026-0006"  # declared a current ratio of 0,96 against >= 1,00, settled niet akkoord
    with pytest.raises(UserError, match="Akkoord op G6 gaat in tegen het eerder vastgestelde oordeel 'Niet akkoord'"):
        settle_requirement(db.sessions, summary.id, number, "G6", SettledVerdict.PASS, " ", actor="v")
    with unit_of_work(db.sessions, "test") as session:  # as before the chair settled it
        registration = session.execute(select(m.Registration).where(m.Registration.number == number)).scalar_one()
        session.execute(delete(m.RequirementVerdict).where(m.RequirementVerdict.registration_id == registration.id))
    with pytest.raises(UserError, match="gaat in tegen de opgave '0,96': geef de reden en het bewijs"):
        settle_requirement(db.sessions, summary.id, number, "G6", SettledVerdict.PASS, "", actor="v")
    why = "Jaarrekening 2025, bijlage 4: current ratio 1,04; de opgave 0,96 was die van 2023."
    entry = settle_requirement(db.sessions, summary.id, number, "G6", SettledVerdict.PASS, why, actor="v")
    assert entry.verdict is SettledVerdict.PASS and entry.motivation == why


def test_averaging_model(db: Database, tmp_path: Path) -> None:
    from beoordelaar.core.rounds.framework_files import read_framework_text

    text, _ = read_framework_text("ijsselland-2022")
    averaging = tmp_path / "middelen.toml"
    averaging.write_text(text.replace('scoring_model = "consensus"', 'scoring_model = "averaging"'), encoding="utf-8")
    middelen = make_round(db, name="Middelen", framework=str(averaging))
    for assessor in (ANNA, BRAM):
        score_everything(db, assessor, value=4, name="Middelen")
    score_everything(db, CHANTAL, value=3, name="Middelen", numbers=NUMBERS[:1])
    result = apply_averaging(db.sessions, middelen, actor="v")
    # INS-001: 4, 4, 3 -> mean 3.67 -> nearest step 4; INS-003: Chantal has a conflict, so 4, 4 -> 4;
    # INS-002: Chantal has not scored -> incomplete, not averaged.
    assert result.set == 10 and len(result.incomplete) == 5
    assert all(item.startswith(NUMBERS[1]) for item in result.incomplete)
    p1 = consensus_sheet(db.sessions, middelen, NUMBERS[0]).criteria[0].consensus
    assert p1 is not None and p1.value == 4 and p1.source == "averaging"
    assert CHANTAL not in p1.motivation and "Voldoende" not in p1.motivation  # a letter quotes it
    again = apply_averaging(db.sessions, middelen, actor="v")
    assert (again.set, again.unchanged) == (0, 10)
    consensus_round = make_round(db, name="Consensusronde")
    with pytest.raises(UserError, match="consensus"):
        apply_averaging(db.sessions, consensus_round, actor="v")


def test_ranking_only_where_the_procedure_ranks(db: Database, cached_demo: DemoCopies, tmp_path: Path) -> None:
    open_house = cached_demo(db, providers=8, actor="t")
    assert all(r.ranks == () for r in consolidate_round(db.sessions, open_house.id).registrations)

    with unit_of_work(db.sessions, "t") as session:
        session.execute(
            select(m.Round).where(m.Round.id == open_house.id)
        ).scalar_one().procedure = Procedure.TENDER.value
    ranked = consolidate_round(db.sessions, open_house.id).registrations
    passing = [r for r in ranked if r.valid]
    assert passing and all(r.ranks for r in passing)
    assert all(not r.ranks for r in ranked if not r.valid)
    # A plan that passes does not rank a bid that fails a requirement (index 5: current ratio 0,96).
    invalid = next(r for r in ranked if r.number.endswith("0006"))
    assert invalid.failed_requirements == ("G6",) and not invalid.ranks
    for lot in {lot for r in passing for lot in r.lots}:
        in_lot = sorted((dict(r.ranks)[lot], -r.total) for r in passing if lot in r.lots)
        assert in_lot[0][0] == 1
        assert [rank for rank, _ in in_lot] == sorted(rank for rank, _ in in_lot)
    # The sheet: the rank a number in a column per lot, the moments Excel dates, a filter on every sheet.
    book = openpyxl.load_workbook(export_consolidation(db.sessions, open_house.id, tmp_path / "overzicht.xlsx"))
    totals = book["Totalen"]
    headers = [c.value for c in totals[1]]
    lots = sorted({lot for r in passing for lot in r.lots})
    assert headers[7:] == [f"Rang perceel {lot}" for lot in lots]
    by_number = {row[0].value: row for row in totals.iter_rows(min_row=2)}
    for r in ranked:
        cells = {lot: by_number[r.number][7 + i] for i, lot in enumerate(lots)}
        assert {lot: c.value for lot, c in cells.items() if c.value is not None} == dict(r.ranks)
        assert all(c.data_type == "n" and c.number_format == "0" for c in cells.values() if c.value is not None)
        assert by_number[r.number][5].value == {True: "ja", False: "nee", None: None}[r.plan_passed]
    scored_at = book["Individuele scores"]["H2"]
    assert scored_at.is_date and scored_at.number_format == "dd-mm-yyyy hh:mm"
    assert all(sheet.auto_filter.ref and sheet.freeze_panes == "A2" for sheet in book)


def test_export_keeps_formulas_as_text(scored: Database, tmp_path: Path) -> None:
    hostile = '=HYPERLINK("http://example.invalid","klik") ' + motivation(ANNA, NUMBERS[1], "P2", 4)
    round_id = round_id_of(scored)
    save_score(scored.sessions, round_id, ANNA, NUMBERS[1], "P2", 4, hostile, actor=ANNA)
    path = export_consolidation(scored.sessions, round_id, tmp_path / "overzicht.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Individuele scores", "Consensus", "Spreiding", "Totalen", "Eisen", "Overeenstemming"]
    cells = [c for row in book["Individuele scores"].iter_rows() for c in row if c.value == hostile]
    assert cells and all(c.data_type == "s" for c in cells)
    assert book["Individuele scores"].max_row > 3 * 5 * 2


def test_averaging_on_the_builtin_selection_framework(db: Database) -> None:
    selection = make_round(db, name="Selectie", framework="noordoost-brabant-selectie", procedure=Procedure.TENDER)
    score_everything(db, ANNA, value=8, name="Selectie")
    score_everything(db, BRAM, value=6, name="Selectie")
    score_everything(db, CHANTAL, value=6, name="Selectie")
    result = apply_averaging(db.sessions, selection, actor="v")
    assert result.set == 3 * 3 and not result.incomplete  # Chantal's conflict leaves two scores on INS-003
    s1 = consensus_sheet(db.sessions, selection, NUMBERS[0]).criteria[0].consensus
    assert s1 is not None and s1.value == Fraction(20, 3) == s1.mean  # (8 + 6 + 6) / 3 exactly, never 6.67
    assert s1.motivation.startswith("Gemiddelde van 3 beoordelaars, niet afgerond")
    totals = {r.number: r for r in consolidate_round(db.sessions, selection).registrations}
    assert totals[NUMBERS[2]].total == Decimal(7) * 6  # (8 + 6) / 2 = 7 on each criterion, weights 3 + 2 + 1
    assert totals[NUMBERS[0]].total == Fraction(20, 3) * 6
    assert apply_averaging(db.sessions, selection, actor="v").set == 0  # read back exactly: nothing changed


def test_without_rounding_the_total_is_the_exact_sum_on_every_page(db: Database, tmp_path: Path) -> None:
    from beoordelaar.core.record.assessment_report import gather

    selection = make_round(db, name="Selectie", framework="noordoost-brabant-selectie", procedure=Procedure.TENDER)
    for assessor, values in ((ANNA, (8, 8, 4)), (BRAM, (6, 6, 4)), (CHANTAL, (6, 6, 2))):
        for number in NUMBERS[:1]:
            for code, value in zip(("S1", "S2", "S3"), values, strict=True):
                save_score(db.sessions, selection, assessor, number, code, value,
                           motivation(assessor, number, code, value), actor=assessor)  # fmt: skip
    apply_averaging(db.sessions, selection, actor="v")
    # S1 and S2 20/3 each (shown 6,67), S3 10/3 (3,33); weights 3, 2, 1: 20 + 40/3 + 10/3 = 110/3.
    totals = {r.number: r for r in consolidate_round(db.sessions, selection).registrations}
    assert totals[NUMBERS[0]].total == Fraction(110, 3)  # 36,67; summing the shown means would give 36,68
    path = export_consolidation(db.sessions, selection, tmp_path / "overzicht.xlsx")
    book = openpyxl.load_workbook(path)
    total_cell = next(row[3] for row in book["Totalen"].iter_rows(min_row=2) if row[0].value == NUMBERS[0])
    assert total_cell.value == pytest.approx(110 / 3) and total_cell.number_format == "0.00"
    report = gather(db, selection, actor="v")
    shown = repr(report) + repr(list(report.registrations))  # the sections are read as they are iterated
    assert "36,67" in shown and "36,68" not in shown
    assert "6,67" in shown and "6,666" not in shown


def test_a_rounded_average_still_fails_a_minimum_it_does_not_reach(db: Database, tmp_path: Path) -> None:
    from beoordelaar.core.rounds.framework_files import read_framework_text

    text, _source = read_framework_text("noordoost-brabant-selectie")
    rounded = tmp_path / "afgerond.toml"
    rounded.write_text(text.replace('rounding = "none"', 'rounding = "nearest-step"'), encoding="utf-8")
    selection = make_round(db, name="Selectie", framework=str(rounded), procedure=Procedure.TENDER)
    for assessor, value in ((ANNA, 6), (BRAM, 6), (CHANTAL, 4)):
        score_everything(db, assessor, value=value, name="Selectie", numbers=[NUMBERS[0]])
    apply_averaging(db.sessions, selection, actor="v")
    s1 = consensus_sheet(db.sessions, selection, NUMBERS[0]).criteria[0].consensus
    assert s1 is not None and s1.value == 6 and s1.mean == Fraction(16, 3)  # 5,33 rounds to the step 6 ...
    totals = {r.number: r for r in consolidate_round(db.sessions, selection).registrations}
    assert totals[NUMBERS[0]].below_minimum == ("S1",)  # ... but S1's minimum of 6 is tested on 5,33
    assert totals[NUMBERS[0]].total == 6 * 6  # the total counts the rounded steps, as the framework says


def test_an_unrounded_average_goes_through_decisions_and_letters(db: Database, tmp_path: Path) -> None:
    from datetime import date

    from beoordelaar.core.decisions.decisions import confirm_all, propose_decisions
    from beoordelaar.core.decisions.letters import make_letters

    selection = make_round(db, name="Selectie", framework="noordoost-brabant-selectie", procedure=Procedure.TENDER)
    for assessor, value in ((ANNA, 8), (BRAM, 6), (CHANTAL, 6)):
        score_everything(db, assessor, value=value, name="Selectie")
    add_reserve(db, value=6, name="Selectie")  # Chantal's conflict would leave INS-003 below three
    for assessor in (ANNA, BRAM, DIRK):  # INS-003: S1 and S2 20/3 (8, 6, 6), S3 4 (4, 4, 4)
        save_score(db.sessions, selection, assessor, NUMBERS[2], "S3", 4, motivation(assessor, NUMBERS[2], "S3", 4),
                   actor=assessor)  # fmt: skip
    apply_averaging(db.sessions, selection, actor="v")
    for number in NUMBERS:
        for row in requirement_sheet(db.sessions, selection, number):
            settle_requirement(db.sessions, selection, number, row.code, SettledVerdict.PASS, "", actor="v")
    mark_consolidated(db.sessions, selection, actor="v")
    propose_decisions(db.sessions, selection, actor="v")
    confirm_all(db.sessions, selection, actor="v")
    with unit_of_work(db.sessions, "v") as session:
        rnd = session.execute(select(m.Round).where(m.Round.name == "Selectie")).scalar_one()
        rnd.document_settings = {
            "sender": "Regio Noordoost-Brabant", "address": "Postbus 1, 5200 AA 's-Hertogenbosch",
            "signatory": "M. Jansen", "signatory_function": "Voorzitter", "kenmerk_pattern": "NOB-{nummer}-{versie}",
            "standstill_days": 20, "complaints_desk": "Klachtenloket",
        }  # fmt: skip
    result = make_letters(db.sessions, db.documents, selection, tmp_path, actor="v", today=date(2026, 11, 1))
    assert len(result.letters) == 3 and all(letter.file.exists() for letter in result.letters)
    # 3 x 20/3 + 2 x 20/3 + 4 = 112/3: 37,33 on every page (the shown means summed would give 37,35).
    letter = pdf_text(next(r.file for r in result.letters if r.registration == NUMBERS[2]))
    assert "37,33" in letter and "37,35" not in letter
    totals = {r.number: r for r in consolidate_round(db.sessions, selection).registrations}
    assert totals[NUMBERS[2]].total == Fraction(112, 3)


def test_an_uncontested_settlement_says_what_the_record_holds_and_no_more() -> None:
    from beoordelaar.core.consolidation.settlement import MemberVerdict, RequirementRow, uncontested_motivation
    from beoordelaar.core.rounds.framework import Part
    from beoordelaar.core.rounds.procedure import CheckVerdict, SettledVerdict

    def row(declared: str | None, *names: str) -> RequirementRow:
        members = tuple(MemberVerdict(n, CheckVerdict.PASS, "") for n in names)
        return RequirementRow("U3", Part.EXCLUSION, "Belastingen", declared, None, members, None, ())

    assert uncontested_motivation(row("Nee", "Anna de Vries"), SettledVerdict.PASS) == (
        "Vastgesteld zonder bespreking (voldaan): opgegeven 'Nee'; Anna de Vries oordeelde akkoord."
    )
    unanswered = uncontested_motivation(row(None, "Anna de Vries", "Bram Hendriks"), SettledVerdict.PASS)
    assert unanswered == (
        "Vastgesteld zonder bespreking (voldaan): geen opgave van de aanbieder; Anna de Vries en Bram Hendriks "
        "oordeelden akkoord."
    )
    assert "opgave en controle stemmen overeen" not in unanswered
