"""A two-stage procedure from the command line: the selection with a draw, then the award stage for the selected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from beoordelaar.cli import main
from beoordelaar.core.storage.database import open_database
from letters_round import make_selection, set_scores
from templates import DemoCopies


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, dict]:
    code = main(argv)
    return code, json.loads(capsys.readouterr().out)


def test_selection_draw_and_award_stage(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str], cached_demo: DemoCopies
) -> None:
    db = str(db_path)
    cached_demo.cli(db, providers=8)
    database = open_database(db)
    try:
        make_selection(database, 1, maximum=1)
        for number in ("DEMO-2026-0001", "DEMO-2026-0002"):
            set_scores(database, number, {"P1": 4, "P2": 4, "P3": 4, "P4": 4})
    finally:
        database.close()
    capsys.readouterr()
    code, decided = _json(capsys, ["--db", db, "decide", "1", "--json"])
    assert code == 0 and decided["blocked"] == 2
    code, draws = _json(capsys, ["--db", db, "draws", "1", "--json"])
    assert draws == {"pending": [{"lot": "4", "registrations": ["DEMO-2026-0001", "DEMO-2026-0002"], "places": 1}],
                     "draws": []}  # fmt: skip
    base = [
        "--db",
        db,
        "--als",
        "Marieke Jansen",
        "draw-lots",
        "1",
        "--door",
        "mr. A. Notaris",
        "--getuigen",
        "E. Bosch",
    ]
    assert main([*base, "--perceel", "2", "--volgorde", "DEMO-2026-0004"]) == 1
    assert "In perceel 2 is geen loting nodig" in capsys.readouterr().err
    code, drawn = _json(capsys, [*base, "--perceel", "4", "--volgorde", "DEMO-2026-0002,DEMO-2026-0001", "--json"])
    assert code == 0 and drawn["selected"] == ["DEMO-2026-0002"] and drawn["method"] == "handmatig"
    assert main(["--db", db, "draws", "1"]) == 0
    listed = capsys.readouterr().out
    assert "0 lotingen nodig." in listed and "door mr. A. Notaris (handmatig), getuigen E. Bosch" in listed
    code, decided = _json(capsys, ["--db", db, "decide", "1", "--json"])
    outcomes = {d["registration"]: d["lot_outcomes"] for d in decided["decisions"]}
    assert outcomes["DEMO-2026-0001"] == [
        {"lot": "4", "outcome": "reject",
         "text": "niet geselecteerd: plaats 2 van 2, bij gelijke totaalscore bepaald door loting, en het maximum is 1"}
    ]  # fmt: skip
    assert main(["--db", db, "confirm", "1", "--alle"]) == 0
    capsys.readouterr()
    award = ["--db", db, "award-stage", "1", "--name", "Gunningsfase", "--framework", "ijsselland-2022", "--json"]
    code, stage = _json(capsys, award)
    assert code == 0 and stage["round"] == "Gunningsfase"
    assert [i["lots"] for i in stage["invited"]].count(["4"]) == 1  # the maximum: one of the tie, by the draw
    code, rounds = _json(capsys, ["--db", db, "rounds", "--json"])
    assert [r["name"] for r in rounds][-1] == "Gunningsfase"
