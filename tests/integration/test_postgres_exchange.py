"""The chair on a team server still works with the assessors' offline laptops (SQLite): a work package exported from
the server database, opened and scored on a laptop of its own, and the return file merged back (twice: the second
time changes nothing); the server's history and the signed return files check out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from beoordelaar.cli import main
from beoordelaar.core.scoring.api import hand_in
from beoordelaar.core.storage.database import Database, open_database
from exchange_round import ANNA, export_for, make_round, merge_at, open_on, return_from, round_id_of, score_everything

postgres = pytest.mark.postgres


@postgres
def test_the_chair_on_the_server_exports_a_package_and_merges_the_laptops_return_file(
    pg_db: Database, postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_round(pg_db)
    laptop = open_database(tmp_path / "laptop" / "laptop.sqlite")
    try:
        open_on(laptop, export_for(pg_db, ANNA, tmp_path / "anna.bwp"), ANNA)
        score_everything(laptop, ANNA, 4)
        hand_in(laptop.sessions, round_id_of(laptop), ANNA, actor=ANNA)
        returned = return_from(laptop, ANNA, tmp_path / "anna.bwr")
    finally:
        laptop.close()

    merged = merge_at(pg_db, returned)
    assert merged.assessor == ANNA and merged.scores > 0 and merged.unchanged == 0
    again = merge_at(pg_db, returned)
    assert again.scores == 0 and again.status != merged.status

    for command in (["audit", "verify", "--json"], ["audit", "returns", "--ronde", "1", "--json"]):
        code = main(["--db", postgres_url, *command])
        report = json.loads(capsys.readouterr().out)
        assert code == 0, report
