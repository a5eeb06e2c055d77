"""The value a requirement's verdict rests on is the one the commission verified, with its source, kept beside the
declared value: in the settlement, its history, the rejection reason and the proces-verbaal."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from beoordelaar.core.consolidation.consolidation_export import export_consolidation
from beoordelaar.core.consolidation.settlement import requirement_sheet, settle_requirement
from beoordelaar.core.decisions.decision_inputs import load_inputs, proposals_for
from beoordelaar.core.errors import UserError
from beoordelaar.core.record.assessment_report import gather
from beoordelaar.core.record.history import registration_history
from beoordelaar.core.record.history_text import HistoryNames, event_changes
from beoordelaar.core.rounds.procedure import SettledVerdict
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage.database import Database, open_database
from engines import MIGRATION_FIXTURES, raw_sql
from schema_revisions import downgrade
from templates import DemoCopies

FAILING = "DEMO-2026-0006"  # declared a current ratio (G6) of 0,96 against >= 1,00, settled niet akkoord
SOURCE = "Jaarrekening 2025, p. 12"


def _history(db: Database, round_id: int, code: str) -> list[SettledVerdict]:
    row = next(r for r in requirement_sheet(db.sessions, round_id, FAILING) if r.code == code)
    return [e.verdict for e in row.history]


def test_the_verified_value_decides_exactly_and_is_kept_beside_the_declared_one(
    db: Database, cached_demo: DemoCopies
) -> None:
    round_id = cached_demo(db, providers=6, actor="t").id
    entry = settle_requirement(
        db.sessions, round_id, FAILING, "G6", SettledVerdict.PASS, "", actor="v", verified="1,01",
        verified_source=SOURCE,
    )  # fmt: skip
    assert (entry.verdict, entry.verified, entry.verified_source) == (SettledVerdict.PASS, "1,01", SOURCE)
    row = next(r for r in requirement_sheet(db.sessions, round_id, FAILING) if r.code == "G6")
    assert row.declared == "0,96" and row.settled is not None and row.settled.verified_text == f"1,01 (bron: {SOURCE})"
    (event,) = [e for e in registration_history(db.sessions, round_id, FAILING, criterion="G6") if e.after
                and e.after.get("verified_value")]  # fmt: skip
    assert event.after is not None and (event.after["verified_value"], event.after["verified_source"]) == (
        "1,01", SOURCE,
    )  # fmt: skip
    changes = event_changes(event, HistoryNames())
    assert ("geverifieerde waarde", "—", "1,01") in changes and ("bron van de verificatie", "—", SOURCE) in changes


@pytest.mark.parametrize(
    ("code", "value", "verdict", "message"),
    [
        ("G6", "0,9999", SettledVerdict.PASS, r"0,9999 op G6 voldoet niet aan de eis \(meer dan 1,00, exact"),
        ("G6", "1,04", SettledVerdict.FAIL, r"1,04 op G6 voldoet aan de eis .*: het oordeel is dan 'Akkoord'"),
        ("G5", "19,99%", SettledVerdict.PASS, r"0,1999 op G5 voldoet niet aan de eis \(meer dan 0,20"),
        ("G6", "ruim voldoende", SettledVerdict.PASS, "'ruim voldoende' op G6 is geen getal"),
        ("G6", "104", SettledVerdict.PASS, "valt buiten het aannemelijke bereik"),
        ("G6", "1,04", SettledVerdict.VERIFY, "niet 'verificatie nodig'"),
    ],
)
def test_a_verdict_against_its_own_verified_value_is_refused_and_changes_nothing(
    db: Database, cached_demo: DemoCopies, code: str, value: str, verdict: SettledVerdict, message: str
) -> None:
    round_id = cached_demo(db, providers=6, actor="t").id
    before = _history(db, round_id, code)
    with pytest.raises(UserError, match=message):
        settle_requirement(db.sessions, round_id, FAILING, code, verdict, "Gelezen in de jaarrekening.", actor="v",
                           verified=value, verified_source=SOURCE)  # fmt: skip
    assert _history(db, round_id, code) == before


def test_percent_and_ratio_read_alike_and_a_source_is_required(db: Database, cached_demo: DemoCopies) -> None:
    round_id = cached_demo(db, providers=6, actor="t").id
    with pytest.raises(UserError, match="de bron: welk document"):
        settle_requirement(db.sessions, round_id, FAILING, "G5", SettledVerdict.PASS, "", actor="v", verified="25%")
    with pytest.raises(UserError, match="geen geverifieerde waarde"):
        settle_requirement(db.sessions, round_id, FAILING, "G5", SettledVerdict.PASS, "", actor="v",
                           verified_source=SOURCE)  # fmt: skip
    for written in ("25%", "25 %", "0,25", "0.25", "20,5%"):
        entry = settle_requirement(db.sessions, round_id, FAILING, "G5", SettledVerdict.PASS, "", actor="v",
                                   verified=written, verified_source=SOURCE)  # fmt: skip
        assert entry.verified == written


def test_the_rejection_and_the_report_carry_both_values(db: Database, cached_demo: DemoCopies) -> None:
    round_id = cached_demo(db, providers=6, actor="t").id
    settle_requirement(db.sessions, round_id, FAILING, "G6", SettledVerdict.FAIL, "De jaarrekening bevestigt het.",
                       actor="v", verified="0,95", verified_source=SOURCE)  # fmt: skip
    with db.sessions() as session:  # the demo's decisions are confirmed: the rules' proposal as it reads now
        inputs = load_inputs(session, find_round(session, round_id))
    (registration,) = [r for r in inputs.registrations if r.number == FAILING]
    (reason,) = proposals_for(inputs, {})[registration.id].reasons
    assert f"opgegeven waarde 0,96; door de commissie geverifieerd 0,95 (bron: {SOURCE}); vereist meer dan 1,00" in (
        reason.text
    )
    report = gather(db, round_id, actor="v")
    (section,) = [s for s in report.registrations if s.heading.startswith(FAILING)]
    (g6,) = [r for r in section.requirements if r[0] == "G6"]
    assert g6[2] == f"0,96; geverifieerd: 0,95 (bron: {SOURCE})" and g6[3] == "Niet akkoord"


@pytest.mark.sqlite_only(reason=MIGRATION_FIXTURES)
def test_settlements_made_before_the_migration_keep_their_verdict_and_have_nothing_verified(
    db: Database, db_path: Path, tmp_path: Path, cached_demo: DemoCopies
) -> None:
    round_id = cached_demo(db, providers=6, actor="t").id
    before = requirement_sheet(db.sessions, round_id, FAILING)
    db.close()
    downgrade(db_path, "0009")
    with raw_sql(db_path) as connection:
        assert "verified_value" not in {row[1] for row in connection.execute("PRAGMA table_info(requirement_verdicts)")}
    reopened = open_database(db_path, backup_dir=tmp_path / "backups")
    try:
        after = requirement_sheet(reopened.sessions, round_id, FAILING)
        assert [r.settled.verdict for r in after if r.settled] == [r.settled.verdict for r in before if r.settled]
        assert all(r.settled.verified is None and r.settled.rests_on is None for r in after if r.settled)
        with raw_sql(db_path) as connection:
            keys = {row[2] for table in ("requirement_verdicts", "consensus_scores")
                    for row in connection.execute(f"PRAGMA foreign_key_list({table})")}  # fmt: skip
        assert "interview_points" in keys
        entry = settle_requirement(reopened.sessions, round_id, FAILING, "G6", SettledVerdict.PASS, "", actor="v",
                                   verified="1,04", verified_source=SOURCE)  # fmt: skip
        assert entry.verified == "1,04"
    finally:
        reopened.close()


def test_the_consolidation_export_lists_the_verified_value_beside_the_declared_one(
    db: Database, cached_demo: DemoCopies, tmp_path: Path
) -> None:
    round_id = cached_demo(db, providers=6, actor="t").id
    settle_requirement(db.sessions, round_id, FAILING, "G6", SettledVerdict.PASS, "", actor="v", verified="1,04",
                       verified_source=SOURCE)  # fmt: skip
    book = openpyxl.load_workbook(export_consolidation(db.sessions, round_id, tmp_path / "overzicht.xlsx"))
    rows = list(book["Eisen"].iter_rows(values_only=True))
    assert rows[0][4] == "Opgave" and rows[0][-2:] == ("Geverifieerd door de commissie", "Bron van de verificatie")
    (g6,) = [r for r in rows if r[0] == FAILING and r[2] == "G6"]
    assert (g6[4], g6[-2], g6[-1]) == ("0,96", "1,04", SOURCE)
