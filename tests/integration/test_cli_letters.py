"""decide and letters from the command line, end to end on the demo."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from beoordelaar.cli import main
from beoordelaar.core.storage.database import open_database
from letters_round import make_tender, pdf_text
from templates import DemoCopies


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, dict]:
    code = main(argv)
    return code, json.loads(capsys.readouterr().out)


def test_demo_then_letters(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str], cached_demo: DemoCopies
) -> None:
    db = str(db_path)
    cached_demo.cli(db, providers=6)
    capsys.readouterr()
    code, decided = _json(capsys, ["--db", db, "decide", "1", "--json"])
    assert code == 0 and decided["confirmed_kept"] == 6 and decided["proposed"] == 0
    out = tmp_path / "brieven"
    code, made = _json(capsys, ["--db", db, "letters", "1", "--out", str(out), "--json"])
    assert code == 0
    keys = {"registration", "provider", "outcome", "file"}
    assert [set(letter) >= keys for letter in made["letters"]] == [True] * 6
    assert {letter["outcome"] for letter in made["letters"]} == {"admit", "reject"}
    assert all(Path(letter["file"]).is_file() for letter in made["letters"])
    assert Path(made["merged"]).is_file() and Path(made["overview"]).suffix == ".xlsx"


def test_the_letter_of_one_registration(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str], cached_demo: DemoCopies
) -> None:
    db = str(db_path)
    cached_demo.cli(db, providers=4)
    capsys.readouterr()
    out = tmp_path / "brieven"
    one = ["--db", db, "letters", "1", "--out", str(out), "--inschrijving", "DEMO-2026-0002"]
    code, made = _json(capsys, [*one, "--reden", "Het adres was onjuist", "--json"])
    assert code == 0 and [letter["registration"] for letter in made["letters"]] == ["DEMO-2026-0002"]
    assert made["merged"] == made["letters"][0]["file"]
    assert Path(made["overview"]).name == "Overzicht_Besluit_DEMO-2026-0002_v1.xlsx"
    assert not (out / "Besluitbrieven_samengevoegd.pdf").exists()
    assert main([*one]) == 0
    assert "1 brief gemaakt in" in capsys.readouterr().out
    assert main(["--db", db, "letters", "1", "--out", str(out), "--inschrijving", "X-9"]) == 1
    assert "bestaat niet" in capsys.readouterr().err


def test_letters_refused_with_the_blockers(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str], cached_demo: DemoCopies
) -> None:
    db = str(db_path)
    cached_demo.cli(db, providers=4)
    assert main(["--db", db, "override", "1", "DEMO-2026-0001", "--besluit", "afwijzen", "--motivering", "kort"]) == 1
    assert "motivering" in capsys.readouterr().err
    assert main(["--db", db, "round", "create", "--name", "Leeg", "--framework", "ijsselland-2022"]) == 0
    capsys.readouterr()
    code, refused = _json(capsys, ["--db", db, "letters", "Leeg", "--out", str(tmp_path / "x"), "--json"])
    assert code == 1 and refused["blockers"]
    assert any("geconsolideerd" in b["text"] for b in refused["blockers"])
    assert not (tmp_path / "x").exists()


def test_override_and_confirm_from_the_command_line(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str], cached_demo: DemoCopies
) -> None:
    db = str(db_path)
    cached_demo.cli(db, providers=4)
    motivation = "De verklaring van de accountant laat zien dat de opgave een tikfout was."
    override = ["override", "1", "DEMO-2026-0001", "--besluit", "afwijzen", "--motivering", motivation]
    assert main(["--db", db, *override]) == 0
    capsys.readouterr()
    code, decided = _json(capsys, ["--db", db, "decide", "1", "--json"])
    assert code == 0
    row = next(d for d in decided["decisions"] if d["registration"] == "DEMO-2026-0001")
    assert (row["outcome"], row["proposed_outcome"], row["override_motivation"]) == ("reject", "admit", motivation)


def test_a_tender_ranks_only_valid_bids_and_refuses_an_award_over_a_knock_out(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str], cached_demo: DemoCopies
) -> None:
    db = db_path
    cached_demo.cli(db, providers=6)
    database = open_database(db)
    try:
        make_tender(database, 1)
    finally:
        database.close()
    code, decided = _json(capsys, ["--db", str(db), "decide", "1", "--json"])
    assert code == 0
    rows = {row["registration"]: row for row in decided["decisions"]}
    invalid = rows["DEMO-2026-0006"]  # its current ratio 0,96 fails G6
    assert invalid["placings"] == [] and "voldoet niet aan G6" in invalid["not_ranked"]
    for lot in ("1", "2", "3", "4"):  # the valid bids of each lot hold the places 1..n among themselves
        places = sorted(p["rank"] for row in rows.values() for p in row["placings"] if p["lot"] == lot)
        assert not places or (places[0] == 1 and max(places) <= len(places)), (lot, places)
        assert all(p["of"] == len(places) for row in rows.values() for p in row["placings"] if p["lot"] == lot)

    # The outcome per lot follows from the decisions: each lot's bidders, and who is chosen there.
    lots = {lot["lot"]: lot for lot in decided["lots"]}
    assert sorted(lots) == ["1", "2", "3", "4"]
    for code, lot in lots.items():
        assert lot["bidders"] == [n for n, row in rows.items() if code in row["lots"]]
        assert lot["chosen"] == [n for n in lot["bidders"] if rows[n]["outcome"] == "award"]
        assert lot["without_winner"] is (not lot["chosen"])

    award = ["--db", str(db), "override", "1", "DEMO-2026-0006", "--besluit", "gunnen"]
    assert main([*award, "--motivering", "Solvabiliteit 0,249 is afgerond 0,25; dat vinden wij genoeg."]) == 1
    refused = capsys.readouterr().err
    assert "kan niet met een afwijking worden gegund" in refused and "beoordelaar settle" in refused

    # The chair rejects every chosen bid of lot 3 (valid, so this override is allowed): lot 3 is not awarded.
    for number in lots["3"]["chosen"]:
        why = "De aanbieder heeft schriftelijk laten weten deze zorg niet meer te leveren."
        assert main(["--db", str(db), "override", "1", number, "--besluit", "afwijzen", "--motivering", why]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "decide", "1"]) == 0
    assert "Perceel 3 (Dagbehandeling): " in capsys.readouterr().out
    code, decided = _json(capsys, ["--db", str(db), "decide", "1", "--json"])
    assert next(lot for lot in decided["lots"] if lot["lot"] == "3")["without_winner"] is True

    # The commission's summaries described the bids chosen before: the letters wait until they are up to date.
    out = tmp_path / "brieven"
    assert main(["--db", str(db), "letters", "1", "--out", str(out)]) == 1
    assert "de samenvatting van de relatieve voordelen beschrijft" in capsys.readouterr().err
    code, listed = _json(capsys, ["--db", str(db), "relative-advantages", "1", "--json"])
    assert code == 0 and next(row for row in listed if row["lot"] == "3")["chosen"] == []
    summary = tmp_path / "voordelen.txt"
    summary.write_text("De gekozen inschrijvingen werken met vaste afspraken over op- en afschalen.\n", "utf-8")
    for row in listed:
        if row["problem"]:
            args = ["--db", str(db), "relative-advantages", "1", "--perceel", row["lot"], "--bestand", str(summary)]
            code, written = _json(capsys, [*args, "--json"])
            assert code == 0 and written["revision"] == 2 and written["problem"] is None and not written["stale"]
    assert main(["--db", str(db), "relative-advantages", "1", "--perceel", "3", "--tekst", "x" * 50]) == 1
    assert "Perceel 3 (Dagbehandeling) heeft (nog) geen gekozen inschrijving" in capsys.readouterr().err

    code, made = _json(capsys, ["--db", str(db), "letters", "1", "--out", str(out), "--json"])
    assert code == 0
    lot_3 = next(Path(item["file"]) for item in made["letters"] if item["registration"] == lots["3"]["bidders"][-1])
    assert (
        "Perceel 3 (Dagbehandeling) wordt niet gegund: er is voor dit perceel geen inschrijving gekozen."
        in " ".join(pdf_text(lot_3).split())
    )
    letter = next(Path(item["file"]) for item in made["letters"] if item["registration"] == "DEMO-2026-0006")
    flat = " ".join(pdf_text(letter).split())
    assert "Plaats in de rangorde: geen, want" in flat and "voldoet niet aan G6" in flat
    assert "perceel 2 (Jeugdhulp met verblijf): " in flat and "perceel 1 (" not in flat  # it bid for lot 2 only


def test_the_sending_of_a_letter_is_recorded(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str], cached_demo: DemoCopies
) -> None:
    db = str(db_path)
    cached_demo.cli(db, providers=3)
    out = tmp_path / "brieven"
    assert main(["--db", db, "letters", "1", "--out", str(out)]) == 0
    capsys.readouterr()
    today = date.today()
    sent = ["--db", db, "letter-sent", "1", "DEMO-2026-0001", "--op", today.isoformat(), "--via", "post", "--json"]
    code, row = _json(capsys, sent)
    assert code == 0
    assert (row["sent_on"], row["channel"], row["version"], row["superseded"]) == (today.isoformat(), "post", 1, False)
    assert row["planned_sending"] == today.isoformat() and row["standstill_end"] is None  # Open House: no standstill

    # Another day than the letter states is refused: nothing is recorded.
    other = ["--db", db, "letter-sent", "1", "DEMO-2026-0002", "--op", (today - timedelta(days=1)).isoformat()]
    assert main([*other, "--via", "e-mail"]) == 1
    assert "Maak de brief opnieuw" in capsys.readouterr().err
    assert main([*other, "--via", "fax"]) == 2
    assert main(["--db", db, "letter-sent", "1", "DEMO-2026-0002", "--op", "gisteren", "--via", "post"]) == 2
    assert "geen datum" in capsys.readouterr().err

    code, rows = _json(capsys, ["--db", db, "letter-versions", "1", "--json"])
    assert code == 0 and len(rows) == 3
    assert [(r["registration"], r["channel"]) for r in rows][:2] == [
        ("DEMO-2026-0001", "post"),
        ("DEMO-2026-0002", None),
    ]
    assert main(["--db", db, "letter-versions", "1", "DEMO-2026-0001"]) == 0
    assert "per post" in capsys.readouterr().out
