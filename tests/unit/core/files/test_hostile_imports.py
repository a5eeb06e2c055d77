"""Hostile spreadsheets: read, or refused in Dutch naming the file; never a traceback, never a library's English.

The fuzz cases come from a seeded generator (tests/hostile_files.py); bench/bench_hostile_imports.py runs thousands.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from beoordelaar.cli import main
from beoordelaar.core.errors import UserError
from beoordelaar.core.files.tables import ReadLimits, read_table
from hostile_files import Case, cases, good_csv, good_xlsx, judge
from import_samples import rows, write_csv, write_xlsx

FUZZ_CASES = 360


@pytest.mark.parametrize("seed", [1, 2])
def test_fuzzed_files_are_read_or_refused_in_dutch(tmp_path: Path, seed: int) -> None:
    failed = [v for v in (judge(c, tmp_path) for c in cases(seed, FUZZ_CASES // 2)) if not v.held]
    assert failed == [], "\n".join(f"{v.case.kind}: {v.outcome}: {v.detail}" for v in failed[:10])


def _refusal(path: Path, **limits: int) -> str:
    with pytest.raises(UserError) as caught:
        read_table(path, limits=ReadLimits(**limits) if limits else None)
    message = str(caught.value)
    assert path.name in message
    return message


def test_mac_roman_csv_is_refused_naming_the_row_and_the_mangled_word(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes("Naam;Plaats\r\nAnker;Sneek\r\nRenée Öztürk;Hengelo\r\n".encode("mac_roman"))
    message = _refusal(path)
    assert "regel 3" in message and "'RenŽe'" in message and "CSV UTF-8" in message


def test_utf8_and_windows_1252_lines_mixed_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "gemengd.csv"
    path.write_bytes("Naam;Plaats\r\nRenée;Sneek\r\n".encode() + "Zoë;Hengelo\r\n".encode("cp1252"))
    message = _refusal(path)
    assert "regel 2 is UTF-8, regel 3 niet" in message


def test_windows_1252_with_curly_apostrophe_and_euro_is_read(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes("Naam;Antwoord\r\nZoë’s zorg;€ 12,50 – per uur\r\n".encode("cp1252"))
    assert read_table(path).rows[0].cells == ("Zoë’s zorg", "€ 12,50 – per uur")


@pytest.mark.parametrize("suffix", [".csv", ".xls", ".txt"])
def test_an_xlsx_under_another_name_is_read_as_the_workbook_it_is(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"export{suffix}"
    path.write_bytes(good_xlsx())
    assert read_table(path).rows[0].cells[0] == "Renée Öztürk B.V."


@pytest.mark.parametrize("name", ["export.csv", "export.xlsx"])
def test_the_row_cap_is_named_in_the_refusal(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(good_csv() if name.endswith(".csv") else good_xlsx())
    assert "meer dan 3 rijen" in _refusal(path, max_rows=3)
    assert len(read_table(path, limits=ReadLimits(max_rows=5)).rows) == 3


def test_the_byte_cap_is_named_and_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "groot.csv"
    path.write_bytes(good_csv() + b"x;y\r\n" * 400_000)
    assert "grens van 1 MB" in _refusal(path, max_bytes=1_000_000)


def test_the_caps_come_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BEOORDELAAR_IMPORT_MAX_RIJEN", "2")
    path = tmp_path / "export.csv"
    path.write_bytes(good_csv())
    assert "meer dan 2 rijen" in _refusal(path)


def test_a_huge_csv_cell_names_its_row(tmp_path: Path) -> None:
    path = tmp_path / "lang.csv"
    path.write_bytes(b"Naam;Antwoord\r\nAnker;ok\r\nZoe;" + b"x" * 200_000 + b"\r\n")
    assert "rij 3 heeft een cel van meer dan 131.072 tekens" in _refusal(path)


def test_the_library_detail_goes_to_the_log(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "kapot.xlsx"
    data = bytearray(good_xlsx())
    data[len(data) // 3 : len(data) // 3 + 40] = b"\x00" * 40
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING, logger="beoordelaar"):
        message = _refusal(path)
    assert "beschadigd" in message and "Error" not in message
    assert any("kapot.xlsx" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("name", ["export.csv", "export.xlsx"])
def test_a_cancel_from_progress_still_stops_the_read(tmp_path: Path, name: str) -> None:
    class Stop(Exception):
        pass

    def stop(done: int, total: int) -> None:
        raise Stop

    path = tmp_path / name
    data = rows(600)
    write_csv(path, data) if name.endswith(".csv") else write_xlsx(path, data)
    with pytest.raises(Stop):
        read_table(path, progress=stop)


def test_cli_import_of_a_hostile_file_exits_1_in_dutch_and_changes_nothing(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(db_path)]
    assert main([*db, "round", "create", "--name", "R", "--framework", "ijsselland-2022"]) == 0
    capsys.readouterr()
    hostile = [c for c in cases(7, 24) if c.kind in {"xlsx byte flips", "bad xml member", "odd encoding"}]
    hostile.append(Case("mac", "mac.csv", "Naam;Plaats\r\nRenée;Sneek\r\n".encode("mac_roman")))
    refused = 0
    for case in hostile:
        path = tmp_path / case.name
        path.write_bytes(case.data)
        before = _registrations(db, capsys)
        code = main([*db, "import", "R", str(path), "--json"])
        captured = capsys.readouterr()
        if code == 0:
            continue  # a flip that left the workbook readable
        refused += 1
        assert code == 1, captured.err
        assert case.name in captured.err and "Traceback" not in captured.err
        assert json.loads(captured.out)["error"]
        assert _registrations(db, capsys) == before
    assert refused >= 5


def _registrations(db: list[str], capsys: pytest.CaptureFixture[str]) -> int:
    assert main([*db, "rounds", "--json"]) == 0
    return json.loads(capsys.readouterr().out)[0]["registrations"]
