from __future__ import annotations

import json
from pathlib import Path

import pytest

from beoordelaar.cli import main
from beoordelaar.core.consolidation.agreement import alpha_reading, alpha_text
from templates import DemoCopies


def test_consolidate_json_and_text_on_the_demo(
    capsys: pytest.CaptureFixture[str], db_path: Path, cached_demo: DemoCopies
) -> None:
    db = ["--db", str(db_path)]
    cached_demo.cli(db_path, providers=12)
    capsys.readouterr()
    assert main([*db, "consolidate", "1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    codes = [c["code"] for c in result["criteria"]]
    assert codes == ["P1", "P2", "P3", "P4", "P5"]
    for criterion in result["criteria"]:
        assert set(criterion) >= {"code", "alpha_ordinal", "alpha_interval", "flagged"}
        assert criterion["alpha_ordinal"] is None or -1 <= criterion["alpha_ordinal"] <= 1
    p1 = result["criteria"][0]["flagged"]
    first = next(f for f in p1 if f["registration"] == "DEMO-2026-0001")
    assert "spread" in first["flags"] and first["spread"] == 3
    assert len(result["registrations"]) == 12
    assert all(r["consensus"] == "complete" and r["total"] is not None for r in result["registrations"])

    # The text shows alpha and its reading as the rule (and the screen) does, and counts the cells to discuss.
    assert main([*db, "consolidate", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["criterium", "alfa", "ordinaal", "alfa", "interval", "gemarkeerd", "oordeel"]
    for criterion, line in zip(result["criteria"], lines[1:], strict=False):
        to_discuss = [f for f in criterion["flagged"] if {"spread", "both-sides-of-minimum"} & set(f["flags"])]
        words = line.split()
        assert words[:3] == [criterion["code"], alpha_text(criterion["alpha_ordinal"]),
                             alpha_text(criterion["alpha_interval"])]  # fmt: skip
        assert words[3:] == [str(len(to_discuss)), alpha_reading(criterion["alpha_ordinal"])]
    overall = result["overall"]
    total = lines[len(result["criteria"]) + 1].split()
    assert total == ["totaal", alpha_text(overall["alpha_ordinal"]), alpha_text(overall["alpha_interval"]),
                     alpha_reading(overall["alpha_ordinal"])]  # fmt: skip


def test_consolidate_unknown_round_is_refused(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    assert main(["--db", str(db_path), "consolidate", "Onbekend"]) == 1
    assert "bestaat niet" in capsys.readouterr().err


def test_consensus_settle_open_items_and_close_from_the_command_line(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path, cached_demo: DemoCopies
) -> None:
    db = ["--db", str(db_path)]
    cached_demo.cli(db_path, providers=6)
    capsys.readouterr()
    assert main([*db, "open-items", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    long = "Na de verificatie stelt de commissie vast dat de aanpak op dit punt concreet genoeg is uitgewerkt."
    assert main([*db, "consensus", "1", "DEMO-2026-0003", "P2", "5", "--motivering", long, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["revision"] == 2
    # A script that read revision 1 is too late: a Dutch line, exit 1, nothing saved.
    assert main([*db, "consensus", "1", "DEMO-2026-0003", "P2", "4", "--motivering", long, "--na-revisie", "1"]) == 1
    assert capsys.readouterr().err.startswith("Een ander heeft dit net gewijzigd; uw wijziging is niet opgeslagen.")
    assert main([*db, "settle", "1", "DEMO-2026-0003", "G4", "verificatie-nodig", "--motivering", "Onduidelijk."]) == 0
    capsys.readouterr()
    assert main([*db, "open-items", "1", "--json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert item["kind"] == "open-doubt" and item["criterion"] == "G4"
    assert main([*db, "settle", "1", "DEMO-2026-0003", "G4", "akkoord"]) == 0
    xlsx = tmp_path / "overzicht.xlsx"
    assert main([*db, "consolidate", "1", "--afronden", "--xlsx", str(xlsx)]) == 0
    assert xlsx.stat().st_size > 0
    assert main([*db, "settle", "1", "DEMO-2026-0003", "G4"]) == 2


def test_settle_with_the_verified_value_and_its_source(
    capsys: pytest.CaptureFixture[str], db_path: Path, cached_demo: DemoCopies
) -> None:
    db = ["--db", str(db_path)]
    cached_demo.cli(db_path, providers=6)
    capsys.readouterr()
    settle = [*db, "settle", "1", "DEMO-2026-0006", "G6"]
    assert main([*settle, "akkoord", "--geverifieerd", "0,99", "--bron", "Jaarrekening 2025, p. 12"]) == 1
    assert "0,99 op G6 voldoet niet aan de eis (meer dan 1,00" in capsys.readouterr().err
    assert main([*settle, "akkoord", "--geverifieerd", "1,04"]) == 1
    assert "de bron" in capsys.readouterr().err
    assert main([*settle, "akkoord", "--geverifieerd", "104%", "--bron", "Jaarrekening 2025, p. 12", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result == {
        "registration": "DEMO-2026-0006", "criterion": "G6", "verdict": "akkoord", "revision": 2, "motivation": "",
        "verified": "104%", "verified_source": "Jaarrekening 2025, p. 12", "interview_answer": None,
        "ground": None, "ground_evidence": None, "self_cleaning": None, "self_cleaning_sufficient": None,
    }  # fmt: skip
    assert main([*settle, "akkoord", "--geverifieerd", "1,04", "--bron", "Jaarrekening 2025, p. 12"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "G6 vastgesteld: Akkoord (revisie 3).", "Geverifieerd: 1,04 (bron: Jaarrekening 2025, p. 12).",
    ]  # fmt: skip


def test_a_change_after_an_interview_names_the_answer_from_the_command_line(
    capsys: pytest.CaptureFixture[str], db_path: Path, cached_demo: DemoCopies
) -> None:
    db = ["--db", str(db_path)]
    cached_demo.cli(db_path, providers=6)
    capsys.readouterr()
    assert main([*db, "interviews", "1", "--json"]) == 0
    ((point,),) = [i["points"] for i in json.loads(capsys.readouterr().out)]
    assert point["criterion"] == "G3" and isinstance(point["id"], int)
    settle = [*db, "settle", "1", "DEMO-2026-0002", "G3", "niet-akkoord", "--motivering", "Dekt niet alles."]
    assert main(settle) == 1
    assert f"noem het antwoord uit het gesprek waarop de wijziging rust (antwoord {point['id']}: " in (
        capsys.readouterr().err
    )
    assert main([*settle, "--antwoord", str(point["id"]), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["interview_answer"] == point["id"]
