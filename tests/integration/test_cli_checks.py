"""The checks of a 250-provider round from the command line: assign one checker per requirement (or more), hand a
member's checks to another or withdraw them, read every verdict from one sheet, and settle what is uncontested."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from beoordelaar.cli import main
from beoordelaar.core.rounds.framework import Part
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import open_database
from checkers import check_assignments
from templates import DemoCopies


def _unchecked_demo(db_path: Path, cached_demo: DemoCopies) -> list[str]:
    """The demo round with its checks, their assignments and settlements gone and nothing handed in: the members."""
    cached_demo.cli(db_path, providers=6)
    database = open_database(db_path)
    with unit_of_work(database.sessions, "test") as session:
        checks = select(m.Criterion.id).where(m.Criterion.part != Part.PLAN.value)
        session.execute(delete(m.RequirementVerdict))
        session.execute(delete(m.CheckRevision))
        session.execute(delete(m.Assignment).where(m.Assignment.criterion_id.in_(checks)))
        members = session.execute(select(m.Assessor).where(m.Assessor.role == "assessor")).scalars().all()
        for member in members:
            member.submitted_at = None
        names = [a.name for a in members]
    database.close()
    return names


def _conflicts(db_path: Path) -> set[tuple[str, str]]:
    database = open_database(db_path)
    try:
        with database.sessions() as session:
            return set(
                session.execute(
                    select(m.Assessor.name, m.Registration.number).select_from(m.ConflictOfInterest)
                    .join(m.Assessor).join(m.Registration)
                ).all()
            )  # fmt: skip
    finally:
        database.close()


def _checkers(db_path: Path) -> dict[tuple[str, str], list[str]]:
    database = open_database(db_path)
    try:
        return check_assignments(database)
    finally:
        database.close()


def test_assign_hand_over_import_and_settle_the_checks(
    capsys: pytest.CaptureFixture[str], db_path: Path, cached_demo: DemoCopies, tmp_path: Path
) -> None:
    members = _unchecked_demo(db_path, cached_demo)
    first = members[0]
    db = ["--db", str(db_path)]
    capsys.readouterr()

    assert main([*db, "assign", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["created"] > 0
    checkers = _checkers(db_path)
    assert {len(v) for v in checkers.values()} == {1}
    conflicts = _conflicts(db_path)
    number, second = next(
        (n, other) for (n, _c), names in checkers.items() for other in members[1:]
        if names == [first] and (other, n) not in conflicts
    )  # fmt: skip

    assert main([*db, "assign", "1", "--withdraw", first, "--registration", number, "--to", second, "--json"]) == 0
    moved = json.loads(capsys.readouterr().out)
    assert moved["to"] == second and moved["changed"] > 0 and moved["kept"] == []
    assert all(names == [second] for (n, _c), names in _checkers(db_path).items() if n == number)
    assert main([*db, "assign", "1", "--to", second]) == 2
    assert "horen bij --withdraw" in capsys.readouterr().err

    before = _checkers(db_path)
    sheet = _akkoord_sheet(tmp_path / "toetsingen.csv", before, {})
    bad = tmp_path / "fout.csv"
    bad.write_text(sheet.read_text(encoding="utf-8") + f"{first};{number};U1;misschien;\n", encoding="utf-8")
    assert main([*db, "checks", "import", "1", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "de toetsingen zijn niet ingelezen; er is niets veranderd" in err and "kolom 'oordeel'" in err

    assert main([*db, "checks", "import", "1", str(sheet), "--json"]) == 0
    read = json.loads(capsys.readouterr().out)
    assert read == {"rows": len(_checkers(db_path)), "created": read["rows"], "unchanged": 0}

    assert main([*db, "assign", "1", "--checkers", "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["created"] == read["rows"]
    assert main([*db, "settle", "1", "--onbetwist", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["settled"] == 0  # each has a second checker still to check

    assert (
        main([*db, "checks", "import", "1", str(_akkoord_sheet(tmp_path / "2.csv", _checkers(db_path), before))]) == 0
    )
    assert capsys.readouterr().out.startswith(f"{read['rows']} toetsingen gelezen: {read['rows']} nieuw")
    assert main([*db, "settle", "1", "--onbetwist", "--json"]) == 0
    settled = json.loads(capsys.readouterr().out)["settled"]
    assert settled > read["rows"] // 2  # every akkoord that agrees with the declared answer


def _akkoord_sheet(
    path: Path, checkers: dict[tuple[str, str], list[str]], done: dict[tuple[str, str], list[str]]
) -> Path:
    """Akkoord on every check, by a checker who has not checked it yet (not in done)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["beoordelaar", "inschrijving", "criterium", "oordeel", "toelichting"])
        for (reg, code), names in sorted(checkers.items()):
            writer.writerow([next(n for n in names if n not in done.get((reg, code), [])), reg, code, "akkoord", ""])
    return path
