"""Offline work between laptops, end to end through the command line: one chair database, two assessors' laptops
(each its own --db), packages out, scores there, return files back in any order and twice, a reopened revision,
and the faults that must change nothing."""

from __future__ import annotations

import csv
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from beoordelaar.cli import main
from beoordelaar.cli.base import PASSPHRASE_VARIABLE
from beoordelaar.core.scoring.scoring import save_score, visible_scores, worklist
from beoordelaar.core.storage.database import Database, open_database
from engines import dump, raw_sql
from exchange_round import (
    ANNA,
    BRAM,
    CHANTAL,
    NUMBERS,
    PASSPHRASE,
    ROUND,
    make_round,
    motivation,
    package_text,
    plan_codes,
    round_id_of,
    score_everything,
)
from templates import DatabaseTemplates


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def raw_text(path: Path) -> str:
    """A file as someone who finds it reads it: its bytes, and every zip member."""
    with zipfile.ZipFile(path) as archive:
        members = [archive.read(name).decode("utf-8", errors="replace") for name in archive.namelist()]
    return "\n".join([path.read_bytes().decode("utf-8", errors="replace"), *members])


class Offices:
    """The chair's database (a file, or a server's database when the run is on PostgreSQL) and the laptops' database
    files, each in its own folder."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.chair: Path | str = tmp_path / "voorzitter" / "commissie.sqlite"
        self.laptops = {ANNA: tmp_path / "anna" / "laptop.sqlite", BRAM: tmp_path / "bram" / "laptop.sqlite"}
        self.codes: dict[Path, str] = {}  # package -> the code the chair hands over with it
        self.fingerprints: dict[str, str] = {}  # assessor -> what the laptop shows, read out to the chair

    def db(self, who: str | None = None) -> list[str]:
        path = self.chair if who is None else self.laptops[who]
        return ["--db", str(path), "--als", who or "voorzitter"]

    def open(self, who: str | None = None) -> Database:
        return open_database(self.chair if who is None else self.laptops[who])


@pytest.fixture
def offices(tmp_path: Path, templates: DatabaseTemplates, monkeypatch: pytest.MonkeyPatch) -> Offices:
    monkeypatch.setenv(PASSPHRASE_VARIABLE, PASSPHRASE)
    offices = Offices(tmp_path)
    offices.chair = templates.new_copy(templates.built(make_round), offices.chair)
    return offices


def export(capsys: pytest.CaptureFixture[str], offices: Offices, who: str, name: str) -> Path:
    package = offices.tmp / f"{name}.zip"
    code, out, err = run(capsys, *offices.db(), "package", "export", ROUND, "--assessor", who, "--out", str(package),
                         "--json")  # fmt: skip
    assert code == 0, err
    offices.codes[package] = json.loads(out)["code"]
    return package


def open_package(capsys: pytest.CaptureFixture[str], offices: Offices, who: str, package: Path) -> None:
    code, _, err = run(capsys, *offices.db(who), "package", "open", str(package), "--code", offices.codes[package])
    assert code == 0, err


def hand_out(capsys: pytest.CaptureFixture[str], offices: Offices, who: str, name: str) -> Path:
    package = export(capsys, offices, who, name)
    open_package(capsys, offices, who, package)
    return package


def hand_back(capsys: pytest.CaptureFixture[str], offices: Offices, who: str, name: str) -> Path:
    returned = offices.tmp / f"{name}.zip"
    code, out, err = run(capsys, *offices.db(who), "package", "return", ROUND, "--out", str(returned), "--json")
    assert code == 0, err
    offices.fingerprints[who] = json.loads(out)["fingerprint"]
    return returned


def merge(
    capsys: pytest.CaptureFixture[str], offices: Offices, path: Path, who: str, *more: str
) -> tuple[int, str, str]:
    """returns import, with the fingerprint the assessor reads out (the chair needs it for the first file only)."""
    return run(
        capsys, *offices.db(), "returns", "import", str(path), "--vingerafdruk", offices.fingerprints[who], *more
    )


def import_return(capsys: pytest.CaptureFixture[str], offices: Offices, path: Path, who: str) -> dict:
    code, out, err = merge(capsys, offices, path, who, "--json")
    assert code == 0, err
    return json.loads(out)


def anna_hands_in(capsys: pytest.CaptureFixture[str], offices: Offices) -> None:
    """Anna's first package opened on her laptop, everything scored 3 there and handed in."""
    hand_out(capsys, offices, ANNA, "anna-1")
    score_on_laptop(offices, ANNA, 3)
    code, _, err = run(capsys, *offices.db(ANNA), "hand-in", ROUND, "--assessor", ANNA)
    assert code == 0, err


def score_on_laptop(offices: Offices, who: str, value: int) -> None:
    laptop = offices.open(who)
    try:
        score_everything(laptop, who, value)
    finally:
        laptop.close()


def write_score_sheet(offices: Offices, who: str, value: str) -> Path:
    laptop = offices.open(who)
    try:
        rows = worklist(laptop.sessions, round_id_of(laptop), who).rows
        codes = plan_codes(laptop)
    finally:
        laptop.close()
    sheet = offices.tmp / f"scores-{who.split()[0]}.csv"
    with sheet.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["beoordelaar", "inschrijving", "criterium", "score", "motivering"])
        for row in rows:
            for code in codes:
                writer.writerow(
                    [who, row.ref, code, value, motivation(who, row.ref, code, int(Decimal(value.replace(",", "."))))]
                )
    return sheet


def test_two_laptops_score_return_and_merge_in_any_order(capsys: pytest.CaptureFixture[str], offices: Offices) -> None:
    anna_package = hand_out(capsys, offices, ANNA, "anna-1")
    hand_out(capsys, offices, BRAM, "bram-1")

    score_on_laptop(offices, ANNA, 4)
    # Bram types his scores in a spreadsheet; his requirement checks are assigned to Anna only.
    code, out, err = run(capsys, *offices.db(BRAM), "scores", "import", ROUND,
                         str(write_score_sheet(offices, BRAM, "2")), "--json")  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["created"] == 15
    assert err.splitlines()[-1] == "Scores ingelezen: 15 van 15"  # progress on stderr, the JSON alone on stdout
    for who in (ANNA, BRAM):
        code, _, err = run(capsys, *offices.db(who), "hand-in", ROUND, "--assessor", who)
        assert code == 0, err
    anna_return = hand_back(capsys, offices, ANNA, "anna-terug-1")
    bram_return = hand_back(capsys, offices, BRAM, "bram-terug-1")

    # Bram first, then Anna, then both again.
    bram = import_return(capsys, offices, bram_return, BRAM)
    assert bram == {"assessor": BRAM, "round": ROUND, "revision": 1, "scores": 15, "checks": 0, "unchanged": 0,
                    "status": "merged"}  # fmt: skip
    code, out, err = merge(capsys, offices, anna_return, ANNA, "--json")
    anna = json.loads(out)
    assert (anna["scores"], anna["checks"], anna["status"]) == (15, 27, "merged")
    assert err.splitlines()[-1] == "Scores en toetsingen samengevoegd: 42 van 42"  # progress on stderr
    assert import_return(capsys, offices, anna_return, ANNA)["status"] == "already-imported"
    assert import_return(capsys, offices, bram_return, BRAM)["status"] == "already-imported"

    # Packages and return files never carry a colleague's words, and nobody without the keys reads anything.
    assert "Motivering van" not in package_text(anna_package, offices.codes[anna_package])
    for found in (anna_package, anna_return, bram_return):
        assert not any(secret in raw_text(found) for secret in (ANNA, BRAM, "Motivering", "Stichting Aanbieder"))
    chair = offices.open()
    try:
        round_id = round_id_of(chair)
        assert {s.assessor for s in visible_scores(chair.sessions, round_id, ANNA, NUMBERS[0])} == {ANNA}
        assert worklist(chair.sessions, round_id, ANNA).submitted_at is not None
    finally:
        chair.close()
    run(capsys, *offices.db(), "reopen", ROUND, "--assessor", ANNA, "--reden", "P2 opnieuw bekijken")
    anna_again = export(capsys, offices, ANNA, "anna-2")
    text = package_text(anna_again, offices.codes[anna_again])
    assert f"Motivering van {ANNA}" in text and f"Motivering van {BRAM}" not in text and CHANTAL not in text


def test_reopened_work_supersedes_and_an_older_file_changes_nothing(
    capsys: pytest.CaptureFixture[str], offices: Offices
) -> None:
    hand_out(capsys, offices, ANNA, "anna-1")
    score_on_laptop(offices, ANNA, 3)
    run(capsys, *offices.db(ANNA), "hand-in", ROUND, "--assessor", ANNA)
    first = hand_back(capsys, offices, ANNA, "anna-terug-1a")
    late_copy = hand_back(capsys, offices, ANNA, "anna-terug-1b")  # the same work, written again later
    assert import_return(capsys, offices, first, ANNA)["status"] == "merged"

    before = dump(offices.chair)
    code, out, err = run(capsys, *offices.db(), "reopen", ROUND, "--assessor", ANNA)
    assert (code, out) == (1, "") and "Geef een reden op" in err
    assert dump(offices.chair) == before
    reason = "De motivering bij P1 van INS-001 gaat over een ander perceel; graag opnieuw bekijken."
    code, _, err = run(capsys, *offices.db(), "reopen", ROUND, "--assessor", ANNA, "--reden", reason)
    assert code == 0, err
    hand_out(capsys, offices, ANNA, "anna-2")
    laptop = offices.open(ANNA)
    try:
        work = worklist(laptop.sessions, round_id_of(laptop), ANNA)
        assert work.done == 15 + 27  # nothing lost on the laptop
        assert (work.work_revision, work.submitted_at, work.reopen_reason) == (2, None, reason)
        code = plan_codes(laptop)[0]
        save_score(laptop.sessions, round_id_of(laptop), ANNA, NUMBERS[0], code, 5,
                   motivation(ANNA, NUMBERS[0], code, 5), actor=ANNA)  # fmt: skip
    finally:
        laptop.close()
    run(capsys, *offices.db(ANNA), "hand-in", ROUND, "--assessor", ANNA)
    second = hand_back(capsys, offices, ANNA, "anna-terug-2")

    assert import_return(capsys, offices, second, ANNA) == {
        "assessor": ANNA, "round": ROUND, "revision": 2, "scores": 1, "checks": 0, "unchanged": 41,
        "status": "merged",
    }  # fmt: skip
    before = dump(offices.chair)
    old = import_return(capsys, offices, late_copy, ANNA)
    assert (old["status"], old["scores"], old["revision"]) == ("superseded", 0, 1)
    chair = offices.open()
    try:
        mine = visible_scores(chair.sessions, round_id_of(chair), ANNA, NUMBERS[0])
    finally:
        chair.close()
    assert [(s.value, s.revision) for s in mine if s.criterion == code] == [(Decimal(5), 2)]
    added = [line for line in dump(offices.chair) if line not in before]
    assert not any("score_revisions" in line for line in added)


def test_truncated_package_is_refused(capsys: pytest.CaptureFixture[str], offices: Offices) -> None:
    package = export(capsys, offices, ANNA, "anna")
    half = offices.tmp / "anna-half.zip"
    data = package.read_bytes()
    half.write_bytes(data[: len(data) // 2])
    code, out, err = run(capsys, *offices.db(ANNA), "package", "open", str(half))
    assert code == 1 and out == ""
    assert "anna-half.zip" in err and "onvolledig" in err
    code, out, _ = run(capsys, *offices.db(ANNA), "rounds", "--json")
    assert json.loads(out) == []


def test_return_file_with_one_changed_byte_is_refused_and_nothing_changes(
    capsys: pytest.CaptureFixture[str], offices: Offices
) -> None:
    hand_out(capsys, offices, ANNA, "anna-1")
    score_on_laptop(offices, ANNA, 4)
    run(capsys, *offices.db(ANNA), "hand-in", ROUND, "--assessor", ANNA)
    returned = hand_back(capsys, offices, ANNA, "anna-terug")
    data = returned.read_bytes()
    before = dump(offices.chair)
    for position in (10, len(data) // 3, len(data) // 2, len(data) - 30, len(data) - 1):
        altered = offices.tmp / f"anna-gewijzigd-{position}.zip"
        changed = bytearray(data)
        changed[position] ^= 0x01
        altered.write_bytes(bytes(changed))
        code, _, err = merge(capsys, offices, altered, ANNA)
        assert code == 1, position
        assert altered.name in err and "niets veranderd" in err
        assert dump(offices.chair) == before


def test_return_file_for_another_round_is_refused(capsys: pytest.CaptureFixture[str], offices: Offices) -> None:
    other_chair = offices.tmp / "andere-regio" / "commissie.sqlite"
    other = open_database(other_chair)
    make_round(other)  # the same name and people, but another round
    other.close()
    package = offices.tmp / "ander.zip"
    code, out, err = run(capsys, "--db", str(other_chair), "package", "export", ROUND, "--assessor", ANNA, "--out",
                         str(package), "--json")  # fmt: skip
    assert code == 0, err
    offices.codes[package] = json.loads(out)["code"]
    open_package(capsys, offices, ANNA, package)
    score_on_laptop(offices, ANNA, 3)
    run(capsys, *offices.db(ANNA), "hand-in", ROUND, "--assessor", ANNA)
    returned = hand_back(capsys, offices, ANNA, "ander-terug")
    before = dump(offices.chair)
    code, _, err = merge(capsys, offices, returned, ANNA)
    assert code == 1 and "hoort bij een ronde die niet in deze database staat" in err
    assert dump(offices.chair) == before


def test_import_killed_halfway_leaves_the_chair_database_as_it_was(
    capsys: pytest.CaptureFixture[str], offices: Offices, monkeypatch: pytest.MonkeyPatch
) -> None:
    import beoordelaar.core.exchange.returns as returns

    hand_out(capsys, offices, ANNA, "anna-1")
    score_on_laptop(offices, ANNA, 4)
    run(capsys, *offices.db(ANNA), "hand-in", ROUND, "--assessor", ANNA)
    returned = hand_back(capsys, offices, ANNA, "anna-terug")
    before = dump(offices.chair)
    calls = []
    real = returns.record_score

    def dies_on_the_fifth(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 5:
            raise RuntimeError("stroomstoring")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(returns, "record_score", dies_on_the_fifth)
    with pytest.raises(RuntimeError):
        main([*offices.db(), "returns", "import", str(returned), "--vingerafdruk", offices.fingerprints[ANNA]])
    assert dump(offices.chair) == before
    monkeypatch.undo()
    assert import_return(capsys, offices, returned, ANNA)["status"] == "merged"


def test_handed_in_work_is_frozen_a_second_laptop_cannot_change_it(
    capsys: pytest.CaptureFixture[str], offices: Offices
) -> None:
    """The same package opened on a second laptop, scored otherwise and handed in as the same revision: refused whole
    (it is signed by another laptop's key). Anna's own laptop with its database edited after the hand-in: refused
    whole too (handed-in work is frozen). The first file again, or the same work written again, changes nothing."""
    package = hand_out(capsys, offices, ANNA, "anna-1")
    second = offices.tmp / "tweede-laptop" / "laptop.sqlite"
    code, _, err = run(capsys, "--db", str(second), "--als", ANNA, "package", "open", str(package), "--code",
                       offices.codes[package])  # fmt: skip
    assert code == 0, err
    score_on_laptop(offices, ANNA, 3)
    other = open_database(second)
    try:
        score_everything(other, ANNA, 1)
    finally:
        other.close()
    for where in (offices.db(ANNA), ["--db", str(second), "--als", ANNA]):
        code, _, err = run(capsys, *where, "hand-in", ROUND, "--assessor", ANNA)
        assert code == 0, err
    genuine = hand_back(capsys, offices, ANNA, "anna-terug")
    copy = hand_back(capsys, offices, ANNA, "anna-terug-nogmaals")  # the same work, another file
    rescored = offices.tmp / "anna-terug-tweede-laptop.zip"
    code, out, err = run(capsys, "--db", str(second), "--als", ANNA, "package", "return", ROUND, "--out",
                         str(rescored), "--json")  # fmt: skip
    assert code == 0, err
    second_fingerprint = json.loads(out)["fingerprint"]
    assert second_fingerprint != offices.fingerprints[ANNA]
    assert import_return(capsys, offices, genuine, ANNA)["status"] == "merged"

    before = dump(offices.chair)
    for typed in (offices.fingerprints[ANNA], second_fingerprint):
        code, out, err = run(capsys, *offices.db(), "returns", "import", str(rescored), "--vingerafdruk", typed)
        assert (code, out) == (1, "")
        assert f"niet ondertekend met de sleutel van {ANNA}" in err and "er is niets veranderd" in err
        assert dump(offices.chair) == before

    with raw_sql(offices.laptops[ANNA]) as connection:  # after the hand-in, behind the app's back
        connection.execute("UPDATE score_revisions SET value = '1'")
    edited = hand_back(capsys, offices, ANNA, "anna-terug-bewerkt")
    code, out, err = merge(capsys, offices, edited, ANNA)
    assert (code, out) == (1, "")
    assert "ander werk dan de revisie 1 die al is ingeleverd" in err and "er is niets veranderd" in err
    assert "heropent" in err
    assert dump(offices.chair) == before
    for again in (genuine, copy):
        assert import_return(capsys, offices, again, ANNA)["status"] == "already-imported"
        assert dump(offices.chair) == before


def test_a_revision_the_chair_did_not_open_is_refused(capsys: pytest.CaptureFixture[str], offices: Offices) -> None:
    """Whoever holds a laptop's database cannot make a new revision by counting up: only the chair reopens."""
    anna_hands_in(capsys, offices)
    with raw_sql(offices.laptops[ANNA]) as connection:
        connection.execute("UPDATE assessors SET work_revision = 2")
    returned = hand_back(capsys, offices, ANNA, "anna-revisie-2")
    before = dump(offices.chair)
    code, out, err = merge(capsys, offices, returned, ANNA)
    assert (code, out) == (1, "")
    assert "revisie 2" in err and "pas als de voorzitter het werk heropent" in err and "niets veranderd" in err
    assert dump(offices.chair) == before


def test_a_return_file_of_a_member_without_a_conflict_statement_is_refused(
    capsys: pytest.CaptureFixture[str], offices: Offices
) -> None:
    """As in a round from before the conflict statement existed: the member's work is refused until it is recorded."""
    anna_hands_in(capsys, offices)
    returned = hand_back(capsys, offices, ANNA, "anna-terug")
    with raw_sql(offices.chair) as connection:
        connection.execute("UPDATE assessors SET conflicts_declared_at = NULL WHERE name = ?", (ANNA,))
    before = dump(offices.chair)
    code, out, err = merge(capsys, offices, returned, ANNA)
    assert (code, out) == (1, "")
    assert "belangenverstrengeling" in err and "niets veranderd" in err
    assert dump(offices.chair) == before
    code, _, err = run(capsys, *offices.db(), "assessors", "conflicts", ROUND, ANNA)  # neither --geen nor a REG
    assert code == 2 and "--geen" in err
    assert dump(offices.chair) == before
    code, out, err = run(capsys, *offices.db(), "assessors", "conflicts", ROUND, ANNA, "--geen")
    assert code == 0, err
    assert out == f"Verklaring van {ANNA} vastgelegd: geen belangenverstrengeling.\n"
    code, out, _ = run(capsys, *offices.db(), "assessors", ROUND, "--json")
    assert all(row["conflicts_declared"] for row in json.loads(out))
    assert import_return(capsys, offices, returned, ANNA)["status"] == "merged"
