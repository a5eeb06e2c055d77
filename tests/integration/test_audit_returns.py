"""An auditor checks merged return files offline: `audit returns --dossier` on a registration's dossier (no database,
no secret), and `audit returns --ronde` on the chair's database; a score changed after the merge is found either way."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest

from beoordelaar.cli import main
from beoordelaar.core.exchange.laptop_keys import forget_laptop_key
from beoordelaar.core.files.keys import fingerprint as key_fingerprint
from beoordelaar.core.record.assessment_report import write_report
from beoordelaar.core.record.dossier import build_dossier
from beoordelaar.core.scoring.scoring import hand_in
from beoordelaar.core.storage.database import Database, open_database
from engines import database_argument, raw_sql
from exchange_round import (
    ANNA,
    BRAM,
    NUMBERS,
    ROUND,
    export_for,
    make_round,
    merge_at,
    open_on,
    return_from,
    round_id_of,
    score_everything,
)
from templates import DatabaseTemplates


def merged_round(db: Database) -> None:
    """The exchange round with Anna's and Bram's work merged from laptops of their own (made once per session: the
    template keeps the chair's database; the laptops were temporary)."""
    make_round(db)
    with tempfile.TemporaryDirectory() as tmp:
        for who in (ANNA, BRAM):
            laptop = open_database(Path(tmp) / who.split()[0] / "laptop.sqlite")
            try:
                open_on(laptop, export_for(db, who, Path(tmp) / f"{who}.bwp"), who)
                score_everything(laptop, who, 4)
                hand_in(laptop.sessions, round_id_of(laptop), who, actor=who)
                merge_at(db, return_from(laptop, who, Path(tmp) / f"{who}.bwr"))
            finally:
                laptop.close()


@pytest.fixture
def merged(db: Database, templates: DatabaseTemplates) -> dict[str, str]:
    """That round in this test's database; the fingerprints the laptops showed (the keys the chair confirmed)."""
    templates.load(db, templates.built(merged_round))
    with raw_sql(db) as connection:
        keys = connection.execute("SELECT name, laptop_key FROM assessors WHERE laptop_key IS NOT NULL").fetchall()
    return {name: key_fingerprint(key) for name, key in keys}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(list(args))
    return code, json.loads(capsys.readouterr().out)


def _rewrite(dossier: Path, name: str, change: object) -> Path:
    """A copy of the dossier with one member changed by change(data) -> data."""
    altered = dossier.with_name(f"gewijzigd-{dossier.name}")
    with zipfile.ZipFile(dossier) as source, zipfile.ZipFile(altered, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, change(data) if info.filename == name else data)  # type: ignore[operator]
    return altered


def test_the_dossier_carries_what_an_auditor_needs_and_the_check_finds_a_changed_score(
    db: Database, merged: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dossier = build_dossier(db, round_id_of(db), NUMBERS[0], tmp_path / "dossier.zip")
    db.close()
    code, result = run(capsys, "audit", "returns", "--dossier", str(dossier), "--json")
    assert code == 0, result
    assert result["ok"] and result["files"] == 2 and result["keys"] == merged
    assert result["rows"] == 2 * 5 + 9  # both scored the five plan criteria, Anna also checked the nine requirements
    with zipfile.ZipFile(dossier) as archive:
        names = [n for n in archive.namelist() if n.startswith("retourbestanden/")]
        entry = json.loads(archive.read(names[0]))
    assert {"statement", "signature", "signing_key", "fingerprint", "work"} <= set(entry)
    assert NUMBERS[1] not in entry["work"]  # the work on other providers stays out of this provider's dossier

    def lower_a_score(data: bytes) -> bytes:
        rows = json.loads(data)
        rows[0]["value"] = "1"
        return json.dumps(rows).encode()

    code, result = run(capsys, "audit", "returns", "--dossier", str(_rewrite(dossier, "individuele_scores.json",
                                                                            lower_a_score)), "--json")  # fmt: skip
    assert code == 1 and any("niet wat de beoordelaar ondertekende" in p for p in result["problems"])

    def change_the_work(data: bytes) -> bytes:
        entry = json.loads(data)
        entry["work"] = entry["work"].replace("score 4", "score 1")
        return json.dumps(entry).encode()

    code, result = run(capsys, "audit", "returns", "--dossier", str(_rewrite(dossier, names[0], change_the_work)),
                       "--json")  # fmt: skip
    assert code == 1 and any("niet wat de beoordelaar ondertekende" in p for p in result["problems"])


def test_the_round_check_finds_a_score_changed_in_the_database(
    db: Database, merged: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = database_argument(db)
    db.close()
    code, result = run(capsys, "--db", str(path), "audit", "returns", "--ronde", ROUND, "--json")
    assert code == 0 and result["ok"] and result["files"] == 2 and result["rows"] == 2 * 15 + 27
    with raw_sql(path) as connection:  # behind the app's back, after the merge
        connection.execute("UPDATE score_revisions SET value = '2' WHERE id = (SELECT max(id) FROM score_revisions)")
    code, result = run(capsys, "--db", str(path), "audit", "returns", "--ronde", ROUND, "--json")
    assert (
        code == 1 and len(result["problems"]) == 1 and "niet wat de beoordelaar ondertekende" in result["problems"][0]
    )


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")
def test_the_proces_verbaal_carries_the_keys_and_every_signature(
    db: Database, merged: dict[str, str], tmp_path: Path
) -> None:
    report = write_report(db, round_id_of(db), tmp_path / "pv.pdf", actor="Marieke Jansen")
    raw = subprocess.run(["pdftotext", "-raw", str(report), "-"], capture_output=True, text=True, check=True).stdout
    joined = "".join(raw.split())
    assert "Retourbestanden en handtekeningen" in raw and "beoordelaar audit returns" in raw
    with raw_sql(db) as connection:
        signed = connection.execute("SELECT sha256, signature FROM return_files").fetchall()
    assert len(signed) == 2
    for who, fingerprint in merged.items():
        assert fingerprint in raw and who in raw
    with raw_sql(db) as connection:
        (round_key,) = connection.execute("SELECT chair_signing_public FROM exchange_keys").fetchone()
    assert f"vingerafdruk {key_fingerprint(round_key)}" in " ".join(raw.split())
    for digest, signature in signed:
        assert f"{digest}{signature}" in joined


def _first_score_of(who: str, data: bytes) -> tuple[list[dict], dict]:
    rows = json.loads(data)
    return rows, next(r for r in rows if r["assessor"] == who and r["source"] == "return-file")


@pytest.mark.parametrize(
    "tamper",
    [
        "id weg",
        "ander id",
        "nieuwe revisie",
        "rij weg",
        "lijst als bestand",
        "object als scores",
        "score zonder waarde",
    ],
)
def test_a_dossier_altered_around_its_return_files_is_found(
    db: Database, merged: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str], tamper: str
) -> None:
    """The ways a reviewer got an altered score past the first check: each is now a listed problem, never a
    traceback, and the check exits 1."""
    dossier = build_dossier(db, round_id_of(db), NUMBERS[0], tmp_path / "dossier.zip")
    with zipfile.ZipFile(dossier) as archive:
        entry_name = next(n for n in archive.namelist() if n.startswith("retourbestanden/"))

    def scores(data: bytes) -> bytes:
        rows, row = _first_score_of(ANNA, data)
        if tamper == "id weg":
            row.update(value="1", return_file_id=None)
        elif tamper == "ander id":
            row.update(value="1", return_file_id=999)
        elif tamper == "nieuwe revisie":
            rows.append({**row, "id": 10_000, "revision": row["revision"] + 1, "value": "1", "source": "screen",
                         "return_file_id": None})  # fmt: skip
        elif tamper == "rij weg":
            rows.remove(row)
        elif tamper == "object als scores":
            return json.dumps({"rows": rows}).encode()
        elif tamper == "score zonder waarde":
            del row["value"]
        return json.dumps(rows).encode()

    if tamper == "lijst als bestand":
        altered = _rewrite(dossier, entry_name, lambda _data: b"[1, 2, 3]")
    else:
        altered = _rewrite(dossier, "individuele_scores.json", scores)
    code, result = run(capsys, "audit", "returns", "--dossier", str(altered), "--json")
    assert code == 1 and result["problems"], result


def test_a_dossier_signed_again_with_other_keys_is_found_with_the_fingerprints(
    db: Database, merged: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dossier = build_dossier(db, round_id_of(db), NUMBERS[0], tmp_path / "dossier.zip")
    given = [f"--vingerafdruk={who}={fingerprint}" for who, fingerprint in merged.items()]
    code, result = run(capsys, "audit", "returns", "--dossier", str(dossier), *given, "--json")
    assert code == 0, result
    wrong = [f"--vingerafdruk={ANNA}=AAAA-BBBB-CCCC-DDDD", f"--vingerafdruk={BRAM}={merged[BRAM]}"]
    code, result = run(capsys, "audit", "returns", "--dossier", str(dossier), *wrong, "--json")
    assert code == 1 and any("niet met AAAA-BBBB-CCCC-DDDD" in p for p in result["problems"])


def test_after_a_key_is_forgotten_earlier_files_still_check_out(
    db: Database, merged: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forget_laptop_key(db.sessions, round_id_of(db), ANNA, reason="Laptop vervangen door een nieuwe", actor="v")
    path = database_argument(db)
    report = write_report(db, round_id_of(db), tmp_path / "pv.pdf", actor="Marieke Jansen")
    db.close()
    code, result = run(capsys, "--db", str(path), "audit", "returns", "--ronde", ROUND, "--json")
    assert code == 0 and result["files"] == 2, result
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-raw", str(report), "-"], capture_output=True, text=True, check=True)
        assert "vergeten" in text.stdout and "Laptop vervangen door een nieuwe" in " ".join(text.stdout.split())
